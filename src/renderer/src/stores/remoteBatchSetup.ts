// Whether runs can be dispatched to CI runners, per remote (runnerSetupState: is the workflow, the pipeline and the
// bundled CLI on the default branch), read when the batch dialog opens so it can offer or explain each target.

import { create } from 'zustand';
import type { RunnerSetupState } from '../../../shared/types-runner-setup';
import { api, asApiError, type ApiError } from '../api';

/** One shared empty list, so a selector never answers a fresh [] (React's update-depth error #185). */
export const NO_SETUP_STATES: readonly RunnerSetupState[] = [];

interface RemoteBatchSetupStore {
  states: readonly RunnerSetupState[] | null;
  error: ApiError | null;
  load: () => Promise<void>;
}

export const useRemoteBatchSetupStore = create<RemoteBatchSetupStore>((set) => ({
  states: null,
  error: null,
  load: async () => {
    try {
      set({ states: await api.runnerSetupState({}), error: null });
    } catch (error) {
      set({ states: NO_SETUP_STATES, error: asApiError(error) });
    }
  },
}));
