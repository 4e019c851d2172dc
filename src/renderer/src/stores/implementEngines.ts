// The engines of implementation runs as main detected them (the built-in loop, the agent CLIs on PATH, the custom
// command), for the settings' Engines section and the Implement dialog's engine choice.

import { create } from 'zustand';
import type { EngineInfo } from '../../../shared/types-engines';
import { api, asApiError, type ApiError } from '../api';

interface ImplementEnginesStore {
  engines: EngineInfo[] | null;
  loadError: ApiError | null;
  detecting: boolean;
  /** Loads the list main keeps; `refresh` looks on PATH again (after installing a CLI). */
  load: (refresh?: boolean) => Promise<void>;
}

export const useImplementEnginesStore = create<ImplementEnginesStore>((set) => ({
  engines: null,
  loadError: null,
  detecting: false,
  load: async (refresh) => {
    set({ detecting: true });
    try {
      set({ engines: await api.listEngines(refresh ? { refresh: true } : {}), loadError: null });
    } catch (error) {
      set({ loadError: asApiError(error) });
    } finally {
      set({ detecting: false });
    }
  },
}));

/** The engine whose id is `id` in the list, or null. */
export function engineOf(engines: EngineInfo[] | null, id: string): EngineInfo | null {
  return engines?.find((e) => e.id === id) ?? null;
}
