// A module's latest check on a CI runner, on its Checks tab: while out, its state and the CI's steps with Cancel; once
// ended, passed or failed from the run's record (duration, commit, exit code), "ran on GitHub Actions" with the CI
// run's link, Retry when it did not get to a result, and stale when the module branch moved on since.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { formatDuration } from '../../lib/agentFormat';
import { useBoardStore } from '../../stores/board';
import { subscribeRemoteBatches, useRemoteBatchStore } from '../../stores/remoteBatch';
import { RemoteCiLink } from '../remote/RemoteCiLink';
import { RemoteJobSteps } from '../remote/RemoteJobSteps';
import { RemoteRunControls } from '../remote/RemoteRunControls';
import { stepPhase } from '../remote/remoteView';
import { latestRemoteCheck, remoteCheckStale, remoteCheckVerdict } from './remoteCheckView';

const TONE: Record<string, string> = { passed: 'notice-success', queued: 'notice-info', running: 'notice-info', cancelled: 'notice-info' };

export function RemoteCheckResult({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const run = useRemoteBatchStore((s) => latestRemoteCheck(s.runs, moduleId));
  const tip = useBoardStore((s) => s.board?.modules.find((m) => m.id === moduleId)?.tip);

  useEffect(() => {
    const off = subscribeRemoteBatches();
    void useRemoteBatchStore.getState().load(moduleId);
    return off;
  }, [moduleId]);

  if (!run) return null;
  const verdict = remoteCheckVerdict(run);
  const out = verdict === 'queued' || verdict === 'running';
  const where = t(`remote.target.${run.target}`);
  const stale = remoteCheckStale(run, tip);
  return (
    <section className={`notice ${TONE[verdict] ?? 'notice-error'} check-result remote-check`} aria-labelledby="remote-check-heading" data-testid="remote-check-result" data-state={verdict} data-run-state={run.state}>
      <div className="notice-text">
        {/* Read out when the verdict changes: queued, running, then passed or failed. */}
        <strong className="notice-title" id="remote-check-heading" aria-live="polite">
          {t(`checks.state.${verdict}`)}
        </strong>
        <span data-testid="remote-check-where">
          {t(out ? 'checks.remote.runningOn' : 'checks.remote.ranOn', { where, remote: run.remote })} · <RemoteCiLink run={run} />
        </span>
        {run.check && run.state === 'done' && (
          <span className="subtle" data-testid="remote-check-facts">
            {t('checks.result.facts', { duration: formatDuration(run.check.durationMs ?? 0), commit: run.tip.slice(0, 8), when: formatDateTime(run.finishedAt ?? run.queuedAt) })}
            {run.check.exitCode !== null && ` · ${t('checks.result.exitCode', { code: run.check.exitCode })}`}
          </span>
        )}
        {run.message && run.state !== 'done' && <span data-testid="remote-check-message">{run.message}</span>}
        {run.error && <span className="error-code">{t('error.code', { code: run.error.code })}</span>}
        <RemoteJobSteps jobs={run.jobs} runId={run.runId} phase={stepPhase(run)} />
        {stale && (
          <span className="check-stale-note" data-testid="remote-check-stale">
            {t('checks.result.stale')}
          </span>
        )}
      </div>
      <RemoteRunControls run={run} />
    </section>
  );
}
