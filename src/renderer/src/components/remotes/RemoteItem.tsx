// One remote in the settings list: its address, credential state, an explained problem (SSH), and its actions.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteInfo } from '../../../../shared/types-remotes';
import type { ApiError } from '../../api';
import { useRemotesStore } from '../../stores/remotes';
import { ErrorNotice } from '../ErrorNotice';
import { CredentialForm } from './CredentialForm';
import { RemoteForm } from './RemoteForm';

type Mode = 'view' | 'edit' | 'credential' | 'confirm-remove';

export function RemoteItem({ remote }: { remote: RemoteInfo }) {
  const { t } = useTranslation();
  const remove = useRemotesStore((s) => s.remove);
  const clearCredential = useRemotesStore((s) => s.clearCredential);
  const [mode, setMode] = useState<Mode>('view');
  const [suggestedUrl, setSuggestedUrl] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const httpsUrl = remote.problem?.data?.httpsUrl as string | undefined;
  const headingId = `remote-${remote.name}-heading`;
  const credential = remote.credential;

  return (
    <li className="remote-item" data-testid="remote-item" data-remote={remote.name} aria-labelledby={headingId}>
      <div className="remote-item-head">
        <h3 id={headingId}>{remote.name}</h3>
        <code className="remote-url">{remote.url}</code>
        <span className={credential.set ? 'chip chip-ok' : 'chip chip-muted'} data-testid="credential-state">
          {credential.set ? t(`remotes.credentialSet.${credential.source ?? 'stored'}`) : t('remotes.noCredential')}
        </span>
      </div>
      {remote.pushUrl && <p className="subtle">{t('remotes.pushUrl', { url: remote.pushUrl })}</p>}
      {remote.problem && (
        <div className="notice notice-warning" role="note">
          <div className="notice-text">
            {remote.problem.code === 'SSH_UNSUPPORTED' && <strong className="notice-title">{t('remotes.sshTitle')}</strong>}
            <span>{remote.problem.message}</span>
          </div>
          {httpsUrl && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSuggestedUrl(httpsUrl);
                setMode('edit');
              }}
            >
              {t('remotes.useHttps', { url: httpsUrl })}
            </button>
          )}
        </div>
      )}
      {mode === 'view' && (
        <div className="remote-actions">
          <button type="button" className="button" onClick={() => setMode('edit')} aria-label={t('remotes.editNamed', { remote: remote.name })}>
            {t('remotes.edit')}
          </button>
          <button type="button" className="button" onClick={() => setMode('credential')} aria-label={t(credential.source === 'stored' ? 'remotes.replaceCredentialNamed' : 'remotes.setCredentialNamed', { remote: remote.name })}>
            {credential.source === 'stored' ? t('remotes.replaceCredential') : t('remotes.setCredential')}
          </button>
          {credential.source === 'stored' && (
            <button type="button" className="button" onClick={() => void clearCredential(remote.name).then(setError)} aria-label={t('remotes.clearCredentialNamed', { remote: remote.name })}>
              {t('remotes.clearCredential')}
            </button>
          )}
          <button type="button" className="button danger" onClick={() => setMode('confirm-remove')} aria-label={t('remotes.removeNamed', { remote: remote.name })}>
            {t('remotes.remove')}
          </button>
        </div>
      )}
      {mode === 'confirm-remove' && (
        <div className="remote-actions" role="group" aria-label={t('remotes.confirmRemove', { remote: remote.name })}>
          <span>{t('remotes.confirmRemove', { remote: remote.name })}</span>
          <button
            type="button"
            className="button danger"
            onClick={() =>
              void remove(remote.name).then((failed) => {
                setError(failed);
                setMode('view');
              })
            }
          >
            {t('remotes.removeConfirmed')}
          </button>
          <button type="button" className="button" onClick={() => setMode('view')} autoFocus>
            {t('action.cancel')}
          </button>
        </div>
      )}
      {mode === 'edit' && (
        <RemoteForm
          editing={{ name: remote.name, url: remote.url }}
          suggestedUrl={suggestedUrl}
          onDone={() => setMode('view')}
          onCancel={() => {
            setSuggestedUrl(undefined);
            setMode('view');
          }}
        />
      )}
      {mode === 'credential' && <CredentialForm remote={remote.name} onDone={() => setMode('view')} onCancel={() => setMode('view')} />}
      <ErrorNotice error={error} />
    </li>
  );
}
