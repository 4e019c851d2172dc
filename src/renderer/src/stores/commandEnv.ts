// The open workspace's command environment: the variables its commands see beyond the allow-list, whether git in
// them reads the user's configuration, and whether this machine sandboxes them (kept in app data, not the manifest).

import { create } from 'zustand';
import type { CommandEnvironment, CommandVariableInput } from '../../../shared/types-launcher';
import { api, asApiError, type ApiError } from '../api';

interface CommandEnvStore {
  environment: CommandEnvironment | null;
  error: ApiError | null;
  load: () => Promise<void>;
  save: (variables: CommandVariableInput[], userGitConfig: boolean) => Promise<boolean>;
}

export const useCommandEnvStore = create<CommandEnvStore>((set) => ({
  environment: null,
  error: null,

  load: async () => {
    try {
      set({ environment: await api.getCommandEnvironment({}), error: null });
    } catch (error) {
      set({ error: asApiError(error) });
    }
  },

  save: async (variables, userGitConfig) => {
    try {
      set({ environment: await api.saveCommandEnvironment({ variables, userGitConfig }), error: null });
      return true;
    } catch (error) {
      set({ error: asApiError(error) });
      return false;
    }
  },
}));
