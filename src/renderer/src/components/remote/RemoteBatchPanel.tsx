// The board's remote batches, below the local ones: each batch running on GitHub Actions or Azure Pipelines, and
// those that ended in the last day (or still wait for a review) until dismissed. Keeps the store live while shown.

import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeRemoteBatches, useRemoteBatchStore } from '../../stores/remoteBatch';
import { ErrorNotice } from '../ErrorNotice';
import { RemoteBatchCard } from './RemoteBatchCard';
import { visibleBatches } from './remoteView';
import './remote.css';

export function RemoteBatchPanel() {
  const { t } = useTranslation();
  const batches = useRemoteBatchStore((s) => s.batches);
  const runs = useRemoteBatchStore((s) => s.runs);
  const dismissed = useRemoteBatchStore((s) => s.dismissed);
  const loadError = useRemoteBatchStore((s) => s.error);
  // A main without remote batches (an older core) answers UNSUPPORTED: nothing to show then.
  const error = loadError?.code === 'UNSUPPORTED' ? null : loadError;
  // The clock only decides which finished batches are still recent: read once per mount.
  const [now] = useState(() => Date.now());
  const shown = useMemo(() => visibleBatches(batches, runs, dismissed, now), [batches, runs, dismissed, now]);

  useEffect(() => {
    const off = subscribeRemoteBatches();
    void useRemoteBatchStore.getState().load();
    return off;
  }, []);

  if (shown.length === 0 && !error) return null;
  return (
    <div className="remote-batches" data-testid="remote-batches">
      <ErrorNotice error={error} title={t('remote.batch.loadFailed')} onRetry={() => void useRemoteBatchStore.getState().load()} />
      {shown.map((b) => (
        <RemoteBatchCard key={b.batchId} batch={b} />
      ))}
    </div>
  );
}
