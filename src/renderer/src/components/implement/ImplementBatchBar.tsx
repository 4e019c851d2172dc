// Implementation batches on the board: each one going on with its progress and Cancel, and each one a quit
// interrupted (runs still queued, none working, no progress seen in this window) with Resume.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { batchLines } from '../../lib/implementBatches';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';
import { runCost } from './format';

export function ImplementBatchBar() {
  const { t } = useTranslation();
  const runs = useImplementRunsStore((s) => s.runs);
  const batches = useImplementRunsStore((s) => s.batches);
  const lines = useMemo(() => batchLines(runs, batches), [runs, batches]);
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setError(null);
      await useImplementRunsStore.getState().loadRuns();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  if (lines.length === 0 && !error) return null;
  return (
    <div className="implement-batches" data-testid="implement-batches">
      <ErrorNotice error={error} title={t('implement.batch.failed')} />
      {lines.map((b) => (
        <div key={b.batchId} className={`notice ${b.state === 'running' ? 'notice-info' : 'notice-warning'}`} data-testid="implement-batch" data-batch-id={b.batchId} data-state={b.state}>
          <label className="notice-text" htmlFor={`impl-batch-${b.batchId}`}>
            {t(`implement.batch.${b.state === 'running' ? 'running' : b.state === 'stopped' ? 'stopped' : 'interrupted'}`, { id: b.batchId.slice(0, 8), done: b.done, total: b.total, cost: runCost(t, b) })}
            {b.message ? ` ${b.message}` : ''}
          </label>
          <progress id={`impl-batch-${b.batchId}`} max={Math.max(b.total, 1)} value={b.done} />
          {b.state === 'running' ? (
            <button type="button" className="button" onClick={() => void act(() => api.cancelImplementBatch({ batchId: b.batchId }))}>
              {t('implement.batch.cancel')}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void act(() => api.resumeImplementBatch({ batchId: b.batchId }))} data-testid="implement-resume">
              {t('implement.batch.resume')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
