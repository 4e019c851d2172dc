// One remote run in its module's Changes view (#/module/<id>/changes/remote/<runId>): where it runs, its state with
// the CI's jobs and steps, the CI run's link, its cost and share of the budget, cancel or retry, why it stopped, and
// once its change is back the review (or the commit it was accepted as).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { formatUsd } from '../../lib/agentFormat';
import { subscribeRemoteBatches, useRemoteBatchStore } from '../../stores/remoteBatch';
import { ErrorNotice } from '../ErrorNotice';
import { shortOid } from '../implement/format';
import { RemoteCiLink } from './RemoteCiLink';
import { RemoteJobSteps } from './RemoteJobSteps';
import { RemoteRunControls } from './RemoteRunControls';
import { RemoteRunCost } from './RemoteRunCost';
import { RemoteRunReview } from './RemoteRunReview';
import { RemoteRunState } from './RemoteRunState';
import { awaitsReview, stepPhase } from './remoteView';
import './remote.css';

export function RemoteRunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const run = useRemoteBatchStore((s) => s.runs[runId]);
  const [error, setError] = useState<ApiError | null>(null);

  const load = () => {
    api.getRemoteRun({ runId }).then(
      (r) => (useRemoteBatchStore.getState().putRun(r), setError(null)),
      (e) => setError(asApiError(e)),
    );
  };
  useEffect(() => {
    const off = subscribeRemoteBatches();
    load();
    return off;
  }, [runId]);

  if (!run) return error ? <ErrorNotice error={error} title={t('remote.run.loadFailed')} onRetry={load} /> : <p className="subtle">{t('implement.run.loading')}</p>;
  const where = t(`remote.target.${run.target}`);
  return (
    <section className="run-view remote-run-view" aria-labelledby="remote-run-heading" data-testid="remote-run-view" data-run-id={runId} data-state={run.state}>
      <div className="panel-head">
        <h2 id="remote-run-heading">{t('remote.run.heading', { where, remote: run.remote })}</h2>
        <RemoteRunState run={run} />
        <span className="header-spacer" />
        <RemoteRunControls run={run} reviewing />
      </div>
      <dl className="run-facts" aria-live="polite">
        <div>
          <dt>{t('remote.runs.ci')}</dt>
          <dd>
            <RemoteCiLink run={run} />
          </dd>
        </div>
        <div>
          <dt>{t('remote.run.startTip')}</dt>
          <dd>
            <code>{shortOid(run.tip)}</code>
          </dd>
        </div>
        <div>
          <dt>{t('remote.runs.cost')}</dt>
          <dd>
            <RemoteRunCost run={run} />
          </dd>
        </div>
        <div>
          <dt>{t('remote.run.budget')}</dt>
          <dd>{run.budgetUsd === null ? '—' : formatUsd(run.budgetUsd)}</dd>
        </div>
      </dl>
      {run.message && (
        <p className="subtle" data-testid="remote-run-message">
          {run.message}
        </p>
      )}
      <RemoteJobSteps jobs={run.jobs} runId={run.runId} phase={stepPhase(run)} />
      {run.state !== 'running' && run.url && run.jobs.length > 0 && <p className="subtle">{t('remote.run.logOnCi', { where })}</p>}
      {run.error && (
        <div className="notice notice-error" role="alert" data-testid="remote-run-error">
          <div className="notice-text">
            <strong className="notice-title">{t('remote.run.failed')}</strong>
            <span>{run.error.message}</span>
            <span className="error-code">{t('error.code', { code: run.error.code })}</span>
          </div>
        </div>
      )}
      {run.summary && (
        <p className="run-summary" data-testid="remote-run-summary">
          <strong>{t('implement.run.summary')}</strong> {run.summary}
        </p>
      )}
      {run.review === 'accepted' && (
        <p className="notice notice-success" role="status" data-testid="remote-run-accepted">
          {t('remote.run.accepted', { commit: shortOid(run.acceptedCommit ?? run.reviewCommit), module: run.moduleId })}
        </p>
      )}
      {run.review === 'discarded' && (
        <p className="notice notice-info" role="status" data-testid="remote-run-discarded">
          {t('remote.run.discarded')}
        </p>
      )}
      {run.state === 'done' && run.outcome === 'no-change' && <p className="notice notice-info">{t('remote.run.noChange')}</p>}
      {awaitsReview(run) && <RemoteRunReview run={run} />}
    </section>
  );
}
