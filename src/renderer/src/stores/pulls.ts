// Pull requests for the board and the module page: the recorded ones (loaded once per workspace), refreshing
// their states from GitHub, opening one for a module, and pushing its branch first when GitHub lacks it.

import { create } from 'zustand';
import type { JobFinished } from '../../../shared/types';
import type { OpenPullRequestResult, PullRequestRecord, RefreshPullRequestsResult } from '../../../shared/types-pulls';
import { api, ApiError, asApiError } from '../api';
import { useWorkspaceStore } from './workspace';

interface PullsStore {
  records: PullRequestRecord[] | null;
  loadError: ApiError | null;
  refreshing: boolean;
  refreshError: ApiError | null;
  refreshErrors: RefreshPullRequestsResult['errors'];
  /** Per module: opening (or pushing first), the last outcome, the last error. */
  busy: Record<string, 'opening' | 'pushing' | undefined>;
  outcome: Record<string, OpenPullRequestResult | undefined>;
  errors: Record<string, ApiError | undefined>;
  load: () => Promise<void>;
  refresh: () => Promise<void>;
  open: (moduleId: string, remote: string, target?: string) => Promise<void>;
  /** Pushes the module branch to `remote` (a push job), then opens the pull request. */
  pushThenOpen: (moduleId: string, branch: string, remote: string, target?: string) => Promise<void>;
  reset: () => void;
}

const pushWaiters = new Map<string, (finished: JobFinished) => void>();
let loading: Promise<void> | null = null;

function merge(records: PullRequestRecord[] | null, record: PullRequestRecord): PullRequestRecord[] {
  const others = (records ?? []).filter((r) => !(r.moduleId === record.moduleId && r.remote === record.remote));
  return [...others, record].sort((a, b) => a.moduleId.localeCompare(b.moduleId) || a.remote.localeCompare(b.remote));
}

export const usePullsStore = create<PullsStore>((set, get) => {
  const patch = <K extends 'busy' | 'outcome' | 'errors'>(key: K, moduleId: string, value: PullsStore[K][string]) =>
    set((s) => ({ [key]: { ...s[key], [moduleId]: value } }) as Partial<PullsStore>);

  return {
    records: null,
    loadError: null,
    refreshing: false,
    refreshError: null,
    refreshErrors: [],
    busy: {},
    outcome: {},
    errors: {},

    load: () => {
      // Every card asks on mount: one request answers them all.
      loading ??= api
        .listPullRequests({})
        .then((records) => set({ records, loadError: null }))
        .catch((error: unknown) => set({ loadError: asApiError(error) }))
        .finally(() => (loading = null));
      return loading;
    },

    refresh: async () => {
      if (get().refreshing) return;
      set({ refreshing: true, refreshError: null });
      try {
        const { pulls, errors } = await api.refreshPullRequests({});
        set({ records: pulls, refreshErrors: errors, refreshing: false });
      } catch (error) {
        set({ refreshError: asApiError(error), refreshing: false });
      }
    },

    open: async (moduleId, remote, target) => {
      patch('busy', moduleId, 'opening');
      patch('errors', moduleId, undefined);
      patch('outcome', moduleId, undefined);
      try {
        const result = await api.openPullRequest({ moduleId, remote, ...(target ? { target } : {}) });
        set((s) => ({ records: merge(s.records, result.pull) }));
        patch('outcome', moduleId, result);
      } catch (error) {
        patch('errors', moduleId, asApiError(error));
      } finally {
        patch('busy', moduleId, undefined);
      }
    },

    pushThenOpen: async (moduleId, branch, remote, target) => {
      patch('busy', moduleId, 'pushing');
      patch('errors', moduleId, undefined);
      try {
        const { jobId } = await api.pushBranches({ remotes: [remote], branches: [branch] });
        const finished = await new Promise<JobFinished>((resolve) => pushWaiters.set(jobId, resolve));
        const result = finished.kind === 'push' ? finished.result?.remotes[0] : undefined;
        const failed = result?.error ?? result?.branches.find((b) => b.code)?.code ?? null;
        if (!finished.ok || failed) {
          const reason = finished.error ?? result?.error ?? { code: 'REMOTE_REJECTED', message: result?.branches.find((b) => b.message)?.message ?? '' };
          throw new ApiError(reason.code, reason.message, 'data' in reason ? reason.data : undefined);
        }
      } catch (error) {
        patch('busy', moduleId, undefined);
        patch('errors', moduleId, asApiError(error));
        return;
      }
      await get().open(moduleId, remote, target);
    },

    reset: () => set({ records: null, loadError: null, refreshErrors: [], refreshError: null, busy: {}, outcome: {}, errors: {} }),
  };
});

api.on('jobFinished', (finished) => {
  const waiter = pushWaiters.get(finished.jobId);
  if (!waiter) return;
  pushWaiters.delete(finished.jobId);
  waiter(finished);
});

useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path === prev.workspace?.path) return;
  usePullsStore.getState().reset();
  if (s.workspace) void usePullsStore.getState().load();
});

/** The pull request to show for a module: an open or draft one first, then the most recently updated. */
export function pullForModule(records: PullRequestRecord[] | null, moduleId: string): PullRequestRecord | null {
  const mine = (records ?? []).filter((r) => r.moduleId === moduleId);
  const live = (r: PullRequestRecord) => (r.state === 'open' || r.state === 'draft' ? 1 : 0);
  return mine.sort((a, b) => live(b) - live(a) || b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
}
