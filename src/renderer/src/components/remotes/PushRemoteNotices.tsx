// Per-remote failures after a push: wrong credentials (asked for once, then that remote's branches are retried),
// the network (branches stay queued and are retried on their own), or any other refusal of the whole remote.

import { useTranslation } from 'react-i18next';
import { errorText } from '../../errorText';
import { usePushStore } from '../../stores/remotesPush';
import { CredentialForm } from './CredentialForm';
import { PushRetryNote } from './PushRetryNote';

export function PushRemoteNotices() {
  const { t } = useTranslation();
  const results = usePushStore((s) => s.results);
  const retryFailed = usePushStore((s) => s.retryFailed);
  const pushing = usePushStore((s) => s.pushing);
  const failing = Object.values(results).filter((r) => r.error);
  if (!failing.length) return null;
  return (
    <div className="push-notices">
      {failing.map(({ remote, error }) => {
        if (error!.code === 'AUTH_FAILED') {
          return (
            <div key={remote} className="notice notice-warning" data-testid="push-auth-failed">
              <div className="notice-text">
                <strong className="notice-title">{t('remotes.push.authFailed', { remote })}</strong>
                {!pushing && <CredentialForm remote={remote} onDone={() => void retryFailed(remote)} />}
              </div>
            </div>
          );
        }
        return (
          <div key={remote} className="notice notice-warning" role="status" data-testid="push-remote-error">
            <div className="notice-text">
              <span>{error!.code === 'NETWORK' ? t('remotes.push.networkDown', { remote }) : errorText(error!)}</span>
              {error!.code === 'NETWORK' && <PushRetryNote />}
              <span className="error-code">{t('error.code', { code: error!.code })}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
