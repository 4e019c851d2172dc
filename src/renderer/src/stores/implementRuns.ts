// Implementation runs as this window knows them: each run's record, the transcripts of the runs someone opened
// (kept live from implementProgress, applied once per tick), and each batch's last progress.

import { create } from 'zustand';
import type { ImplementBatchProgress, ImplementProgress, ImplementRun, ImplementRunDetail } from '../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../api';
import { mergeEntries } from '../lib/transcript';

interface ImplementRunsStore {
  runs: Record<string, ImplementRun>;
  /** Transcripts and changed files of the runs opened in a Changes view. */
  details: Record<string, ImplementRunDetail>;
  batches: Record<string, ImplementBatchProgress>;
  error: ApiError | null;
  loadRuns: (moduleId?: string) => Promise<void>;
  loadDetail: (runId: string) => Promise<ImplementRunDetail | null>;
  /** Puts a detail main answered with (after an edit, a drop) in place. */
  putDetail: (detail: ImplementRunDetail) => void;
  putRun: (run: ImplementRun) => void;
  onProgress: (p: ImplementProgress) => void;
  onFinished: (run: ImplementRun) => void;
  onBatch: (p: ImplementBatchProgress) => void;
}

let pending: ImplementProgress[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
const TICK_MS = 100;

export const useImplementRunsStore = create<ImplementRunsStore>((set, get) => ({
  runs: {},
  details: {},
  batches: {},
  error: null,
  loadRuns: async (moduleId) => {
    try {
      const list = await api.listImplementRuns(moduleId ? { moduleId } : {});
      set((s) => ({ runs: { ...s.runs, ...Object.fromEntries(list.map((r) => [r.runId, r])) }, error: null }));
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },
  loadDetail: async (runId) => {
    try {
      const detail = await api.getImplementRun({ runId });
      get().putDetail(detail);
      return detail;
    } catch (error) {
      set({ error: asApiError(error) });
      return null;
    }
  },
  putDetail: (detail) => {
    const { transcript: _t, files: _f, ...run } = detail;
    set((s) => ({ details: { ...s.details, [detail.runId]: detail }, runs: { ...s.runs, [detail.runId]: run } }));
  },
  putRun: (run) =>
    set((s) => {
      const detail = s.details[run.runId];
      return { runs: { ...s.runs, [run.runId]: run }, details: detail ? { ...s.details, [run.runId]: { ...detail, ...run } } : s.details };
    }),
  onProgress: (p) => {
    pending.push(p);
    timer ??= setTimeout(() => {
      timer = null;
      const events = pending;
      pending = [];
      set((s) => {
        const runs = { ...s.runs };
        const details = { ...s.details };
        for (const e of events) {
          runs[e.run.runId] = e.run;
          const detail = details[e.run.runId];
          if (detail) details[e.run.runId] = { ...detail, ...e.run, transcript: mergeEntries(detail.transcript, e.entries) };
        }
        return { runs, details };
      });
    }, TICK_MS);
  },
  onFinished: (run) => {
    get().putRun(run);
    // The finished run's files (and its last entries) come from main's record.
    if (get().details[run.runId]) void get().loadDetail(run.runId);
  },
  onBatch: (p) => set((s) => ({ batches: { ...s.batches, [p.batchId]: p } })),
}));

/** Wires main's implementation events to the store; returns the unsubscribe. */
export function startImplementSync(): () => void {
  const store = useImplementRunsStore.getState;
  const offs = [
    api.on('implementProgress', (p) => store().onProgress(p)),
    api.on('implementFinished', (r) => store().onFinished(r)),
    api.on('implementBatchProgress', (p) => store().onBatch(p)),
  ];
  return () => offs.forEach((off) => off());
}

/** Runs of one module, newest first. */
export function runsOfModule(runs: Record<string, ImplementRun>, moduleId: string): ImplementRun[] {
  return Object.values(runs)
    .filter((r) => r.moduleId === moduleId)
    .sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0));
}

export { LIVE_STATES } from '../lib/implementBatches';
