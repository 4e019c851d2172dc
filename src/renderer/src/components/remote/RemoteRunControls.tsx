// What one remote run offers now: Cancel while it is out (cancels the CI run), Retry once it failed, was cancelled,
// timed out or was skipped (a new attempt), and Review once its change is back.

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import { api } from '../../api';
import { ErrorNotice } from '../ErrorNotice';
import { awaitsReview, canRetry, isOut, remoteRunHref } from './remoteView';
import { useRemoteAction } from './useRemoteAction';

/** `reviewing`: shown inside the run's own view, where the review is already below (no Review link then). */
export function RemoteRunControls({ run, reviewing = false }: { run: RemoteRun; reviewing?: boolean }) {
  const { t } = useTranslation();
  const { busy, error, act } = useRemoteAction();
  return (
    <div className="remote-run-controls">
      {isOut(run) && (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void act(() => api.cancelRemoteRun({ runId: run.runId }))}
          aria-label={t('remote.run.cancelOf', { module: run.moduleId })}
          data-testid="remote-run-cancel"
        >
          {t('remote.run.cancel')}
        </button>
      )}
      {canRetry(run) && (
        <button
          type="button"
          className="button small"
          disabled={busy}
          onClick={() => void act(() => api.retryRemoteRun({ runId: run.runId }))}
          aria-label={t('remote.run.retryOf', { module: run.moduleId })}
          data-testid="remote-run-retry"
        >
          {t('remote.run.retry')}
        </button>
      )}
      {awaitsReview(run) && !reviewing && (
        <a className="button small primary" href={remoteRunHref(run)} aria-label={t('remote.run.reviewOf', { module: run.moduleId })} data-testid="remote-run-review">
          {t('remote.run.review')}
        </a>
      )}
      <ErrorNotice error={error} title={t('remote.run.actionFailed')} />
    </div>
  );
}
