// The module page: the module's detail (getModule). Its documents are editing sessions (stores/documents).

import { create } from 'zustand';
import type { ModuleDetail } from '../../../shared/types';
import { api, ApiError, asApiError } from '../api';

interface ModuleStore {
  moduleId: string | null;
  detail: ModuleDetail | null;
  loading: boolean;
  error: ApiError | null;
  load: (moduleId: string) => Promise<void>;
  /** Re-reads the open module, e.g. after its branch moved. */
  reload: () => Promise<void>;
}

export const useModuleStore = create<ModuleStore>((set, get) => ({
  moduleId: null,
  detail: null,
  loading: false,
  error: null,

  load: async (moduleId) => {
    const switching = get().moduleId !== moduleId;
    set({ moduleId, loading: true, error: null, ...(switching ? { detail: null } : {}) });
    try {
      const detail = await api.getModule({ moduleId });
      if (get().moduleId === moduleId) set({ detail, loading: false });
    } catch (error) {
      if (get().moduleId === moduleId) set({ error: asApiError(error), loading: false });
    }
  },

  reload: async () => {
    const { moduleId } = get();
    if (moduleId) await get().load(moduleId);
  },
}));
