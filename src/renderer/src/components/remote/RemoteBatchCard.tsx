// One remote batch where the local batches show their progress: where it runs, its summary line, Cancel all while
// it runs (Dismiss once it ended), and its runs one per module.

import { useTranslation } from 'react-i18next';
import type { RemoteBatch } from '../../../../shared/types-remote';
import { api } from '../../api';
import { useRemoteBatchStore } from '../../stores/remoteBatch';
import { ErrorNotice } from '../ErrorNotice';
import { RemoteBatchSummary } from './RemoteBatchSummary';
import { RemoteRunTable } from './RemoteRunTable';
import { runsOfBatch } from './remoteView';
import { useRemoteAction } from './useRemoteAction';

export function RemoteBatchCard({ batch }: { batch: RemoteBatch }) {
  const { t } = useTranslation();
  const allRuns = useRemoteBatchStore((s) => s.runs);
  const runs = runsOfBatch(batch, allRuns);
  const { busy, error, act } = useRemoteAction();
  const where = t(`remote.target.${batch.target}`);
  const headingId = `remote-batch-${batch.batchId}`;
  return (
    <section className="remote-batch notice notice-info" aria-labelledby={headingId} data-testid="remote-batch" data-batch-id={batch.batchId} data-state={batch.state}>
      <div className="remote-batch-head">
        <h3 id={headingId}>{t(batch.kind === 'check' ? 'remote.batch.headingCheck' : 'remote.batch.heading', { where, remote: batch.remote, count: batch.runIds.length })}</h3>
        <span className="header-spacer" />
        {batch.state === 'running' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => api.cancelRemoteBatch({ batchId: batch.batchId }))} data-testid="remote-batch-cancel">
            {t('remote.batch.cancelAll')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => useRemoteBatchStore.getState().dismiss(batch.batchId)} aria-label={t('remote.batch.dismissOf', { where })} data-testid="remote-batch-dismiss">
            {t('remote.batch.dismiss')}
          </button>
        )}
      </div>
      <RemoteBatchSummary batch={batch} runs={runs} />
      <ErrorNotice error={error} title={t('remote.batch.cancelFailed')} />
      {runs.length > 0 && <RemoteRunTable runs={runs} caption={t('remote.batch.caption', { where })} />}
    </section>
  );
}
