// The workspace's implementation settings (limits, the run_command allow-list) and the working copies' disk use.

import { create } from 'zustand';
import type { ImplementSettings, WorkingCopyUsage } from '../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../api';

interface ImplementSettingsStore {
  settings: ImplementSettings | null;
  usage: WorkingCopyUsage | null;
  loadError: ApiError | null;
  load: () => Promise<void>;
  /** Saves and returns null, or the error main answered with. */
  save: (settings: ImplementSettings) => Promise<ApiError | null>;
}

export const useImplementSettingsStore = create<ImplementSettingsStore>((set) => ({
  settings: null,
  usage: null,
  loadError: null,
  load: async () => {
    try {
      const [settings, usage] = await Promise.all([api.getImplementSettings({}), api.workingCopyUsage({})]);
      set({ settings, usage, loadError: null });
    } catch (error) {
      set({ loadError: asApiError(error) });
    }
  },
  save: async (settings) => {
    try {
      set({ settings: await api.saveImplementSettings(settings) });
      return null;
    } catch (error) {
      return asApiError(error);
    }
  },
}));
