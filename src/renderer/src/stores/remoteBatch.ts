// Remote batches as this window knows them: each batch and each run main reported (listRemoteBatches/listRemoteRuns,
// then the remoteRunChanged/remoteBatchChanged events), and the finished batches the user put away on the board.

import { create } from 'zustand';
import type { RemoteBatch, RemoteRun } from '../../../shared/types-remote';
import { api, asApiError, type ApiError } from '../api';

const DISMISSED_KEY = 'fleet.remoteBatches.dismissed';

function readDismissed(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(-200) : [];
  } catch {
    return [];
  }
}

interface RemoteBatchStore {
  batches: Record<string, RemoteBatch>;
  runs: Record<string, RemoteRun>;
  /** Finished batches the user dismissed from the board (kept in this browser). */
  dismissed: string[];
  error: ApiError | null;
  /** Every batch and its runs (the board), or the runs of one module (its Changes view). */
  load: (moduleId?: string) => Promise<void>;
  putRun: (run: RemoteRun) => void;
  putBatch: (batch: RemoteBatch) => void;
  dismiss: (batchId: string) => void;
}

export const useRemoteBatchStore = create<RemoteBatchStore>((set, get) => ({
  batches: {},
  runs: {},
  dismissed: readDismissed(),
  error: null,
  load: async (moduleId) => {
    try {
      const [batches, runs] = await Promise.all([moduleId ? Promise.resolve(null) : api.listRemoteBatches({}), api.listRemoteRuns(moduleId ? { moduleId } : {})]);
      set((s) => ({
        batches: batches ? { ...s.batches, ...Object.fromEntries(batches.map((b) => [b.batchId, b])) } : s.batches,
        runs: { ...s.runs, ...Object.fromEntries(runs.map((r) => [r.runId, r])) },
        error: null,
      }));
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },
  putRun: (run) => set((s) => ({ runs: { ...s.runs, [run.runId]: run } })),
  putBatch: (batch) => set((s) => ({ batches: { ...s.batches, [batch.batchId]: batch } })),
  dismiss: (batchId) => {
    const dismissed = [...get().dismissed.filter((id) => id !== batchId), batchId].slice(-200);
    set({ dismissed });
    try {
      localStorage.setItem(DISMISSED_KEY, JSON.stringify(dismissed));
    } catch {
      // Private mode or a full storage: the batch is hidden for this window only.
    }
  },
}));

let subscribers = 0;
let offs: Array<() => void> = [];

/** Wires main's remote batch events to the store while at least one view needs them; returns the unsubscribe. */
export function subscribeRemoteBatches(): () => void {
  if (subscribers++ === 0) {
    const store = useRemoteBatchStore.getState;
    offs = [api.on('remoteRunChanged', (r) => store().putRun(r)), api.on('remoteBatchChanged', (b) => store().putBatch(b))];
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--subscribers === 0) {
      offs.forEach((off) => off());
      offs = [];
    }
  };
}
