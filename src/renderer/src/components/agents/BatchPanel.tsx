// One batch: its progress bar, why it stopped, cancel or resume, its runs with totals, and committing the
// drafts the user marked reviewed.

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import type { BatchInfo } from '../../../../shared/types-agents';
import { formatUsd } from '../../lib/agentFormat';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { RunTable } from './RunTable';
import { CommitReviewedBar } from './CommitReviewedBar';

export function BatchPanel({ batch }: { batch: BatchInfo }) {
  const { t } = useTranslation();
  const progress = useAgentsRunsStore((s) => s.progress[batch.batchId]);
  const runs = useAgentsRunsStore(useShallow((s) => batch.runIds.map((id) => s.runs[id]).filter((r) => r !== undefined)));
  const { cancelBatch, resumeBatch, loadRuns } = useAgentsRunsStore.getState();
  const state = progress?.state ?? batch.state;
  const total = progress?.total ?? batch.totals.runs;
  const done = progress?.done ?? batch.totals.runs - batch.totals.queued;
  const stopReason = progress?.stopReason ?? batch.stopReason;

  useEffect(() => {
    void loadRuns({ batchId: batch.batchId });
  }, [batch.batchId, batch.state, loadRuns]);

  return (
    <section className="batch-panel" aria-labelledby="batch-heading" data-testid="batch-panel" data-batch-id={batch.batchId} data-state={state}>
      <div className="panel-head">
        <h2 id="batch-heading">{t('agents.runs.batchHeading', { model: `${batch.provider}/${batch.model}` })}</h2>
        <span className={`tag state-${state}`} data-testid="batch-state">
          {t(`agents.batchState.${state}`)}
        </span>
        <span className="header-spacer" />
        {state === 'running' && (
          <button type="button" className="button" onClick={() => void cancelBatch(batch.batchId)}>
            {t('agents.runs.cancelBatch')}
          </button>
        )}
        {(state === 'stopped' || state === 'interrupted') && (
          <button type="button" className="button" onClick={() => void resumeBatch(batch.batchId)}>
            {t('agents.runs.resume')}
          </button>
        )}
      </div>
      <label className="progress-label" htmlFor="batch-progress">
        {t('agents.runs.progress', { done, total, spent: formatUsd(progress?.spentUsd ?? batch.totals.costUsd) })}
      </label>
      <progress id="batch-progress" className="batch-progress" max={Math.max(total, 1)} value={done} data-testid="batch-progress" />
      {stopReason && (
        <div className="notice notice-error" role="alert" data-testid="batch-stop-reason">
          <div className="notice-text">
            <strong className="notice-title">{t('agents.runs.stopped')}</strong>
            <span>{stopReason.message}</span>
            <span className="error-code">{t('error.code', { code: stopReason.code })}</span>
          </div>
        </div>
      )}
      <RunTable runs={runs} totals={state === 'running' ? null : batch.totals} label={t('agents.runs.ofBatch')} />
      <CommitReviewedBar batchId={batch.batchId} runIds={batch.runIds} />
    </section>
  );
}
