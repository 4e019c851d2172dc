// The push dialog: the preflight for the chosen remotes, one push job with live per-branch states, the report
// merged across retries, and the divergence of a rejected branch after a fetch. Never forces.

import { create } from 'zustand';
import type { FetchReport, PushActivity, PushPreview, PushProgress, PushReport, RemoteBranchState, RemotePushResult } from '../../../shared/types-remotes';
import type { JobFinished } from '../../../shared/types';
import type { FleetErrorPayload } from '../../../shared/errors';
import { retriedAutomatically } from '../../../shared/push-retry';
import { api, ApiError, asApiError } from '../api';
import { useJobsStore } from './jobs';
import { useRemotesStatusStore } from './remotesStatus';

/** Retrying these can succeed; pushed, up-to-date and behind are final. */
const RETRYABLE = new Set(['non-fast-forward', 'rejected', 'not-attempted', 'queued']);

export const pairKey = (remote: string, branch: string) => `${remote}\n${branch}`;

interface PushStore {
  open: boolean;
  selected: string[];
  preview: PushPreview | null;
  previewLoading: boolean;
  previewError: ApiError | null;
  /** The running push job, or the last one (its overall bar stays at its final count). */
  jobId: string | null;
  /** Between asking for a push and knowing its job id: progress events are kept meanwhile. */
  pushing: boolean;
  startError: ApiError | null;
  jobError: ApiError | null;
  /** Live state per remote+branch from pushProgress. */
  live: Record<string, PushProgress>;
  /** What each remote's push is doing now (pushActivity): its pack's objects sent so far. */
  activity: Record<string, PushActivity>;
  /** The latest result per remote, branches merged across retries. */
  results: Record<string, RemotePushResult>;
  divergence: Record<string, RemoteBranchState | 'loading' | ApiError>;
  openDialog: (remotes: string[]) => void;
  close: () => void;
  /** Shows the dialog again as it was (its results kept). */
  reopen: () => void;
  toggleRemote: (name: string) => void;
  loadPreview: () => Promise<void>;
  push: (remotes: string[], branches?: string[]) => Promise<void>;
  retryFailed: (onlyRemote?: string) => Promise<void>;
  /** Pushes again only the branches a network failure left queued (the automatic retry). */
  retryQueued: () => Promise<void>;
  showDivergence: (remote: string, branch: string) => Promise<void>;
}

const waiting = new Map<string, (finished: JobFinished) => void>();
function waitForJob(jobId: string): Promise<JobFinished> {
  // The job may have finished before its id came back.
  const done = useJobsStore.getState().jobs[jobId]?.finished;
  return done ? Promise.resolve(done) : new Promise((resolve) => waiting.set(jobId, resolve));
}

const fromPayload = (p: FleetErrorPayload) => new ApiError(p.code, p.message, p.data);

/** Remote → branches whose last result can be retried. */
export function failedPairs(results: Record<string, RemotePushResult>, onlyRemote?: string): Map<string, string[]> {
  const failed = new Map<string, string[]>();
  for (const result of Object.values(results)) {
    if (onlyRemote && result.remote !== onlyRemote) continue;
    const branches = result.branches.filter((b) => RETRYABLE.has(b.status)).map((b) => b.branch);
    if (branches.length) failed.set(result.remote, branches);
  }
  return failed;
}

/** Remote → branches a network failure left queued (not those the user cancelled): the automatic retry's work. */
export function networkQueued(results: Record<string, RemotePushResult>): Map<string, string[]> {
  const queued = new Map<string, string[]>();
  for (const result of Object.values(results)) {
    const branches = result.branches.filter(retriedAutomatically).map((b) => b.branch);
    if (branches.length) queued.set(result.remote, branches);
  }
  return queued;
}

export const usePushStore = create<PushStore>((set, get) => ({
  open: false,
  selected: [],
  preview: null,
  previewLoading: false,
  previewError: null,
  jobId: null,
  pushing: false,
  startError: null,
  jobError: null,
  live: {},
  activity: {},
  results: {},
  divergence: {},

  openDialog: (remotes) => {
    set({ open: true, selected: remotes, jobId: null, preview: null, live: {}, activity: {}, results: {}, divergence: {}, startError: null, jobError: null });
    void get().loadPreview();
  },
  close: () => set({ open: false }),
  reopen: () => set({ open: true }),
  toggleRemote: (name) => {
    const selected = get().selected.includes(name) ? get().selected.filter((r) => r !== name) : [...get().selected, name];
    set({ selected });
    void get().loadPreview();
  },

  loadPreview: async () => {
    const remotes = get().selected;
    if (!remotes.length) return set({ preview: { remotes: [], integration: null }, previewError: null });
    set({ previewLoading: true });
    try {
      const preview = await api.previewPush({ remotes });
      // A newer selection may have been asked for meanwhile.
      if (get().selected === remotes) set({ preview, previewError: null, previewLoading: false });
    } catch (error) {
      set({ previewError: asApiError(error), previewLoading: false });
    }
  },

  push: async (remotes, branches) => {
    if (get().pushing) return;
    set({ pushing: true, jobId: null, activity: {}, startError: null, jobError: null });
    try {
      const { jobId } = await api.pushBranches(branches ? { remotes, branches } : { remotes });
      set({ jobId });
      const finished = await waitForJob(jobId);
      const report = finished.kind === 'push' ? (finished.result as PushReport | undefined) : undefined;
      const results = { ...get().results };
      for (const remote of report?.remotes ?? []) {
        const before = results[remote.remote];
        const fresh = new Set(remote.branches.map((b) => b.branch));
        const kept = before ? before.branches.filter((b) => !fresh.has(b.branch)) : [];
        results[remote.remote] = { ...remote, branches: [...kept, ...remote.branches] };
      }
      set({ pushing: false, results, jobError: finished.ok || !finished.error ? null : fromPayload(finished.error) });
      // The board's remote chips follow what the remotes now hold.
      void useRemotesStatusStore.getState().fetch();
    } catch (error) {
      set({ jobId: null, pushing: false, startError: asApiError(error) });
    }
  },

  retryFailed: async (onlyRemote) => {
    const failed = failedPairs(get().results, onlyRemote);
    if (!failed.size) return;
    const branches = [...new Set([...failed.values()].flat())];
    await get().push([...failed.keys()], branches);
  },

  retryQueued: async () => {
    const queued = networkQueued(get().results);
    if (!queued.size) return;
    await get().push([...queued.keys()], [...new Set([...queued.values()].flat())]);
  },

  showDivergence: async (remote, branch) => {
    const key = pairKey(remote, branch);
    set((s) => ({ divergence: { ...s.divergence, [key]: 'loading' } }));
    try {
      const { jobId } = await api.fetchRemotes({ remotes: [remote] });
      const finished = await waitForJob(jobId);
      const fetchError = (finished.result as FetchReport | undefined)?.remotes[0]?.error ?? finished.error;
      if (fetchError) throw fromPayload(fetchError);
      const [status] = await api.getRemoteStatus({ remotes: [remote] });
      const state = status?.branches.find((b) => b.branch === branch);
      if (!state) throw new Error(`No remote state for ${branch}`);
      set((s) => ({ divergence: { ...s.divergence, [key]: state } }));
    } catch (error) {
      set((s) => ({ divergence: { ...s.divergence, [key]: asApiError(error) } }));
    }
  },
}));

api.on('pushProgress', (progress) => {
  const { jobId, pushing } = usePushStore.getState();
  if (!pushing || (jobId && progress.jobId !== jobId)) return;
  usePushStore.setState((s) => ({ live: { ...s.live, [pairKey(progress.remote, progress.branch)]: progress } }));
});

api.on('pushActivity', (activity) => {
  const { jobId, pushing } = usePushStore.getState();
  if (!pushing || (jobId && activity.jobId !== jobId)) return;
  usePushStore.setState((s) => ({ activity: { ...s.activity, [activity.remote]: activity } }));
});

api.on('jobFinished', (finished) => {
  waiting.get(finished.jobId)?.(finished);
  waiting.delete(finished.jobId);
});
