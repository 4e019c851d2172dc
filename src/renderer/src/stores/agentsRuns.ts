// Agent runs and batches: the batches main knows, each run's record and live state, and the streamed output
// shown in the open editors (main writes each run's draft; an open document follows it). Progress of many runs
// at once is applied once per tick, and an open editor takes the streamed text in place, a few times a second.

import { create } from 'zustand';
import type { DocKind } from '../../../shared/documents';
import type { BatchInfo, BatchProgress, BatchRequest, BatchStarted, ReviewedRunCommit, RunProgress, RunRecord } from '../../../shared/types-agents';
import { api, asApiError, type ApiError } from '../api';
import { getDraft } from '../lib/docBackend';
import { runDraftHeader } from '../../../shared/run-draft';
import { docKey, moduleDoc } from '../lib/docRef';
import { useDocumentsStore } from './documents';
import { useResumeNoticesStore } from './agentsResume';

export interface RunView {
  record: RunRecord | null;
  runId: string;
  batchId: string;
  moduleId: string;
  kind: DocKind;
  state: RunRecord['state'];
  outputChars: number;
  message: string | null;
}

interface AgentsRunsStore {
  batches: Record<string, BatchInfo>;
  progress: Record<string, BatchProgress>;
  runs: Record<string, RunView>;
  error: ApiError | null;
  /** Runs whose draft waits for review (as main last listed them). */
  awaiting: Record<string, boolean>;
  /** The outcome of the last "Commit all reviewed", per batch. */
  commitResults: Record<string, ReviewedRunCommit[]>;
  committing: boolean;
  /** Marks a run's draft reviewed (or not). */
  markReviewed: (runId: string, reviewed: boolean) => Promise<void>;
  /** Commits the reviewed drafts among `runIds` (those of one batch), then reloads its runs. */
  commitReviewed: (batchId: string, runIds: string[]) => Promise<void>;
  loadBatches: () => Promise<void>;
  /** Loads the run records of a module or of a batch. */
  loadRuns: (filter: { moduleId?: string; batchId?: string }) => Promise<void>;
  startBatch: (request: BatchRequest) => Promise<BatchStarted | null>;
  cancelRun: (runId: string) => Promise<void>;
  cancelBatch: (batchId: string) => Promise<void>;
  resumeBatch: (batchId: string) => Promise<void>;
  onProgress: (p: RunProgress) => void;
  onFinished: (r: RunRecord) => void;
  onBatch: (p: BatchProgress) => void;
}

const fromRecord = (r: RunRecord): RunView => ({
  record: r,
  runId: r.runId,
  batchId: r.batchId,
  moduleId: r.moduleId,
  kind: r.kind,
  state: r.state,
  outputChars: r.outputChars,
  message: r.error?.message ?? null,
});

// The open editor of a document a run writes follows it, at most a few times a second: from the text this window
// saw stream (every character since the run began), else from main's draft file (saved less often).
const following = new Map<string, ReturnType<typeof setTimeout>>();
/** Per run seen from its first character: the text it has streamed so far. */
const streamed = new Map<string, string>();
function followDraft(moduleId: string, kind: DocKind, runId: string | null, delayMs = 250): void {
  const ref = moduleDoc(moduleId, kind);
  const key = docKey(ref);
  if (!useDocumentsStore.getState().sessions[key] || following.has(key)) return;
  following.set(
    key,
    setTimeout(() => {
      following.delete(key);
      const text = runId === null ? undefined : streamed.get(runId);
      if (text !== undefined) return useDocumentsStore.getState().adoptDraft(key, runDraftHeader(moduleId, kind) + text, null, { inPlace: true });
      void getDraft(ref).then(
        (draft) => draft && useDocumentsStore.getState().adoptDraft(key, draft.content, draft.savedAt, { inPlace: true }),
        () => undefined,
      );
    }, delayMs),
  );
}

// Progress events of a tick are applied in one store update: 32 streams re-render the run table once, not 32 times.
let pendingProgress: RunProgress[] = [];
let progressTimer: ReturnType<typeof setTimeout> | null = null;
const PROGRESS_TICK_MS = 100;

export const useAgentsRunsStore = create<AgentsRunsStore>((set, get) => {
  const putRuns = (records: RunRecord[]) => set((s) => ({ runs: { ...s.runs, ...Object.fromEntries(records.map((r) => [r.runId, fromRecord(r)])) } }));
  return {
    batches: {},
    progress: {},
    runs: {},
    error: null,
    awaiting: {},
    commitResults: {},
    committing: false,
    markReviewed: async (runId, reviewed) => {
      try {
        putRuns([await api.markRunReviewed({ runId, reviewed })]);
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    commitReviewed: async (batchId, runIds) => {
      set({ committing: true, error: null });
      try {
        const results = await api.commitReviewedRuns({ runIds });
        set((s) => ({ commitResults: { ...s.commitResults, [batchId]: results } }));
        await get().loadRuns({ batchId });
      } catch (error) {
        set({ error: asApiError(error) });
      }
      set({ committing: false });
    },
    loadBatches: async () => {
      try {
        const list = await api.listBatches({});
        set({ batches: Object.fromEntries(list.map((b) => [b.batchId, b])), error: null });
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    loadRuns: async (filter) => {
      try {
        const list = await api.listRuns(filter);
        putRuns(list.runs);
        const waiting = new Set(list.awaitingReview ?? []);
        set((s) => ({ awaiting: { ...s.awaiting, ...Object.fromEntries(list.runs.map((r) => [r.runId, waiting.has(r.runId)])) } }));
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    startBatch: async (request) => {
      try {
        const started = await api.startBatch(request);
        set({ error: null });
        await Promise.all([get().loadBatches(), get().loadRuns({ batchId: started.batchId })]);
        return started;
      } catch (error) {
        set({ error: asApiError(error) });
        return null;
      }
    },
    cancelRun: async (runId) => {
      try {
        await api.cancelRun({ runId });
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    cancelBatch: async (batchId) => {
      try {
        await api.cancelBatch({ batchId });
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    resumeBatch: async (batchId) => {
      try {
        await api.resumeBatch({ batchId });
        await get().loadBatches();
      } catch (error) {
        set({ error: asApiError(error) });
      }
    },
    onProgress: (p) => {
      const before = streamed.get(p.runId);
      if (before !== undefined) streamed.set(p.runId, before + p.delta);
      else if (p.state === 'running' && p.outputChars === p.delta.length) streamed.set(p.runId, p.delta);
      if (p.state !== 'running') streamed.delete(p.runId);
      if (p.delta) followDraft(p.moduleId, p.kind, p.runId);
      pendingProgress.push(p);
      progressTimer ??= setTimeout(() => {
        progressTimer = null;
        const events = pendingProgress;
        pendingProgress = [];
        set((s) => {
          const runs = { ...s.runs };
          for (const e of events) {
            runs[e.runId] = { record: runs[e.runId]?.record ?? null, runId: e.runId, batchId: e.batchId, moduleId: e.moduleId, kind: e.kind, state: e.state, outputChars: e.outputChars, message: e.message };
          }
          return { runs };
        });
      }, PROGRESS_TICK_MS);
    },
    onFinished: (r) => {
      streamed.delete(r.runId);
      putRuns([r]);
      // The final draft (with anything appended when the run ended) replaces what streamed.
      if (r.outputChars > 0) followDraft(r.moduleId, r.kind, null, 0);
    },
    onBatch: (p) => {
      set((s) => ({ progress: { ...s.progress, [p.batchId]: p } }));
      if (p.done === p.total || p.state !== 'running') void get().loadBatches();
    },
  };
});

/** Wires main's run events to the store; returns the unsubscribe. */
export function startAgentsSync(): () => void {
  const store = useAgentsRunsStore.getState;
  const offs = [
    api.on('runProgress', (p) => store().onProgress(p)),
    api.on('runFinished', (r) => store().onFinished(r)),
    api.on('batchProgress', (p) => store().onBatch(p)),
    api.on('batchResumeNotice', (notice) => useResumeNoticesStore.getState().add(notice)),
  ];
  return () => offs.forEach((off) => off());
}

/** The newest run of a document whose draft may still be waiting to be committed (null when none). */
export async function uncommittedRunOf(moduleId: string, kind: DocKind): Promise<string | null> {
  const { runs } = await api.listRuns({ moduleId });
  const started = runs.filter((r) => r.kind === kind && r.startedAt !== null).sort((a, b) => (a.startedAt! < b.startedAt! ? 1 : -1));
  const newest = started[0];
  if (!newest || newest.commit || newest.outputChars === 0) return null;
  return newest.state === 'succeeded' || newest.state === 'failed' ? newest.runId : null;
}

/** Selects whether an agent run is writing the document `key` right now (its editor is read-only meanwhile). */
export function selectRunWriting(key: string) {
  return (s: { runs: Record<string, RunView> }) => Object.values(s.runs).some((r) => r.state === 'running' && docKey(moduleDoc(r.moduleId, r.kind)) === key);
}
