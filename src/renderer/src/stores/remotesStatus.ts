// Remote state for the board: fetch (on demand and on a timer the user can turn off), the branches'
// ahead/behind against their remote-tracking branches, and which remotes were offline at the last fetch.

import { create } from 'zustand';
import type { RemoteStatus } from '../../../shared/types-remotes';
import { api, asApiError, type ApiError } from '../api';
import { useBoardStore } from './board';
import { useWorkspaceStore } from './workspace';

const KEY = 'fleet-control.remotes';
export const AUTO_FETCH_MS = 5 * 60_000;

interface RemotesStatusStore {
  statuses: RemoteStatus[] | null;
  fetchJobId: string | null;
  lastFetchAt: string | null;
  /** Remotes the last fetch could not reach: shown as a quiet badge, never a modal. */
  offline: string[];
  /** Failures other than the network (auth, not a git server), per remote. */
  fetchErrors: { remote: string; message: string }[];
  error: ApiError | null;
  autoFetch: boolean;
  loadStatus: () => Promise<void>;
  fetch: () => Promise<void>;
  setAutoFetch: (on: boolean) => void;
  /** Hides one remote's fetch failure (the next fetch shows it again if it still fails). */
  dismissFetchError: (remote: string) => void;
  reset: () => void;
}

function loadAutoFetch(): boolean {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as { autoFetch?: boolean }).autoFetch !== false;
  } catch {
    return true;
  }
}

export const useRemotesStatusStore = create<RemotesStatusStore>((set, get) => ({
  statuses: null,
  fetchJobId: null,
  lastFetchAt: null,
  offline: [],
  fetchErrors: [],
  error: null,
  autoFetch: loadAutoFetch(),

  loadStatus: async () => {
    try {
      set({ statuses: await api.getRemoteStatus({}), error: null });
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  fetch: async () => {
    if (get().fetchJobId) return;
    try {
      const { jobId } = await api.fetchRemotes({});
      set({ fetchJobId: jobId });
    } catch (error) {
      const failure = asApiError(error);
      // Offline (or the host unreachable) stays quiet: the badge says it.
      if (failure.code === 'NETWORK') set({ offline: ['*'] });
      else set({ error: failure });
    }
  },

  setAutoFetch: (autoFetch) => {
    set({ autoFetch });
    try {
      localStorage.setItem(KEY, JSON.stringify({ autoFetch }));
    } catch {
      // Storage unavailable: the choice holds for this session.
    }
  },

  dismissFetchError: (remote) => set({ fetchErrors: get().fetchErrors.filter((e) => e.remote !== remote) }),

  reset: () => set({ statuses: null, fetchJobId: null, lastFetchAt: null, offline: [], fetchErrors: [], error: null }),
}));

api.on('jobFinished', (finished) => {
  const store = useRemotesStatusStore.getState();
  if (finished.kind !== 'fetch' || finished.jobId !== store.fetchJobId) return;
  const remotes = finished.result?.remotes ?? [];
  useRemotesStatusStore.setState({
    fetchJobId: null,
    lastFetchAt: new Date().toISOString(),
    offline: finished.error?.code === 'NETWORK' ? ['*'] : remotes.filter((r) => r.error?.code === 'NETWORK').map((r) => r.remote),
    fetchErrors: remotes.filter((r) => r.error && r.error.code !== 'NETWORK').map((r) => ({ remote: r.remote, message: r.error!.message })),
  });
  void store.loadStatus();
});

// A commit or a push moves local tips: the ahead counts follow the board.
useBoardStore.subscribe((s, prev) => {
  if (s.board !== prev.board && s.board && useRemotesStatusStore.getState().statuses) void useRemotesStatusStore.getState().loadStatus();
});

useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path !== prev.workspace?.path) useRemotesStatusStore.getState().reset();
});
