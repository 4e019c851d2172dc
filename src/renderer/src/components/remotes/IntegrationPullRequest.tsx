// In the push dialog, once the integration branch (fleet/integration) is on a remote: its pull request into the base
// in one click (GitHub), with the link it opened or found, or why it could not.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenPullRequestResult } from '../../../../shared/types-pulls';
import { api, asApiError, type ApiError } from '../../api';
import { usePushStore } from '../../stores/remotesPush';
import { ErrorNotice } from '../ErrorNotice';

const ON_REMOTE = new Set(['pushed', 'up-to-date']);

export function IntegrationPullRequest() {
  const { t } = useTranslation();
  const integration = usePushStore((s) => s.preview?.integration ?? null);
  const preview = usePushStore((s) => s.preview);
  const results = usePushStore((s) => s.results);
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<Record<string, OpenPullRequestResult>>({});
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  if (!integration) return null;
  // Remotes that hold the integration branch now: pushed by this dialog, or already there before it.
  const remotes = (preview?.remotes ?? [])
    .filter((r) => {
      const result = results[r.remote]?.branches.find((b) => b.branch === integration.branch);
      if (result) return ON_REMOTE.has(result.status);
      return r.branches.some((b) => b.branch === integration.branch && b.action === 'up-to-date');
    })
    .map((r) => r.remote);
  if (remotes.length === 0) return null;

  const open = async (remote: string) => {
    setBusy(remote);
    try {
      const result = await api.openIntegrationPullRequest({ remote });
      setOpened((o) => ({ ...o, [remote]: result }));
      setErrors(({ [remote]: _, ...rest }) => rest);
    } catch (error) {
      setErrors((e) => ({ ...e, [remote]: asApiError(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="integration-pull" data-testid="integration-pull">
      {remotes.map((remote) => {
        const result = opened[remote];
        return (
          <div key={remote} className="integration-pull-row" data-remote={remote}>
            {result ? (
              <p role="status">
                {t(result.outcome === 'created' ? 'remotes.push.integrationPullCreated' : 'remotes.push.integrationPullExisted', { number: result.pull.number })}{' '}
                <a href={result.pull.url} target="_blank" rel="noopener noreferrer" data-testid="integration-pull-link">
                  {t('remotes.push.integrationPullLink', { number: result.pull.number, remote })}
                </a>
              </p>
            ) : (
              <button type="button" className="button" disabled={busy !== null} onClick={() => void open(remote)} data-testid="integration-pull-open">
                {busy === remote ? t('pulls.opening') : t('remotes.push.integrationPull', { branch: integration.branch, base: integration.base, remote })}
              </button>
            )}
            <ErrorNotice error={errors[remote] ?? null} title={t('pulls.openFailed')} />
          </div>
        );
      })}
    </div>
  );
}
