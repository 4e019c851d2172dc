// Approving a remote batch from the Implement dialog: the estimate's runnable modules, with the dialog's engine, model,
// budget, time cap and concurrency, dispatched through the chosen remote; the answer goes into the store at once.
// The built-in engine's provider address goes along (`baseUrl`), so a runner reaches the server this app is set to use.

import type { ImplementEstimate, ImplementRequest } from '../../../../shared/types-implement';
import type { RemoteBatchStarted, RemoteTarget } from '../../../../shared/types-remote';
import { api } from '../../api';
import { useRemoteBatchStore } from '../../stores/remoteBatch';

export async function startRemoteBatch(request: ImplementRequest, where: { target: RemoteTarget; remote: string }, estimate: ImplementEstimate, baseUrl: string | null): Promise<RemoteBatchStarted> {
  const started = await api.startRemoteBatch({
    modules: estimate.runs.filter((r) => !r.blocked).map((r) => r.moduleId),
    kind: 'implement',
    target: where.target,
    remote: where.remote,
    engine: request.engine,
    provider: request.provider,
    model: request.model,
    ...(baseUrl ? { baseUrl } : {}),
    budgetUsd: request.budgetUsd,
    maxMinutes: request.maxMinutes,
    concurrency: request.concurrency,
  });
  const store = useRemoteBatchStore.getState();
  store.putBatch(started.batch);
  started.runs.forEach((r) => store.putRun(r));
  return started;
}
