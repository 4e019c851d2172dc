// Clone from a URL: starts the clone job, follows it through the jobs store, and opens the clone when it is done.

import { create } from 'zustand';
import type { FleetErrorPayload } from '../../../shared/errors';
import { api, ApiError, asApiError } from '../api';
import { useWorkspaceStore } from './workspace';

interface CloneStore {
  jobId: string | null;
  starting: boolean;
  error: ApiError | null;
  cancelled: boolean;
  /** Set once the clone is open, so the start screen can move on to the board. */
  openedPath: string | null;
  start: (input: { url: string; path: string; token?: string; username?: string }) => Promise<void>;
  clearError: () => void;
}

export const useCloneStore = create<CloneStore>((set) => ({
  jobId: null,
  starting: false,
  error: null,
  cancelled: false,
  openedPath: null,

  start: async (input) => {
    set({ starting: true, error: null, cancelled: false, openedPath: null });
    try {
      const { jobId } = await api.cloneRepository(input);
      set({ jobId, starting: false });
    } catch (error) {
      set({ starting: false, error: asApiError(error) });
    }
  },
  clearError: () => set({ error: null }),
}));

const fromPayload = (p: FleetErrorPayload) => new ApiError(p.code, p.message, p.data);

api.on('jobFinished', (finished) => {
  if (finished.kind !== 'clone' || finished.jobId !== useCloneStore.getState().jobId) return;
  if (!finished.ok || !finished.result) {
    const cancelled = finished.error?.code === 'CANCELLED';
    useCloneStore.setState({ jobId: null, cancelled, error: cancelled || !finished.error ? null : fromPayload(finished.error) });
    return;
  }
  const path = finished.result.path;
  void useWorkspaceStore
    .getState()
    .open(path)
    .then((opened) => useCloneStore.setState({ jobId: null, openedPath: opened ? path : null }));
});
