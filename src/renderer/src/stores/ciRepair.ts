// CI repair as this window knows it: per module, what its repairs are doing (repairing, waiting for review, the
// last word of automatic repair), kept live from ciRepairChanged; the automatic repair settings; and "Fix with agent".

import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { CiRepairSettings, CiRepairState } from '../../../shared/types-ci-repair';
import type { ImplementStarted } from '../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../api';
import { useImplementRunsStore } from './implementRuns';
import { useWorkspaceStore } from './workspace';

interface CiRepairStore {
  byModule: Record<string, CiRepairState>;
  settings: CiRepairSettings | null;
  settingsError: ApiError | null;
  load: () => Promise<void>;
  loadSettings: () => Promise<void>;
  /** Saves and returns null, or the error main answered with. */
  saveSettings: (settings: CiRepairSettings) => Promise<ApiError | null>;
  /** "Fix with agent": starts the repair run; the run then shows with the implementation runs. */
  start: (request: MethodInput<'startCiRepair'>) => Promise<ImplementStarted>;
  onChanged: (state: CiRepairState) => void;
  reset: () => void;
}

export const useCiRepairStore = create<CiRepairStore>((set, get) => ({
  byModule: {},
  settings: null,
  settingsError: null,
  load: async () => {
    try {
      const states = await api.listCiRepairs({});
      set({ byModule: Object.fromEntries(states.map((s) => [s.moduleId, s])) });
    } catch {
      // No chip rather than a broken board: the dialog and settings say why repairs cannot be read.
    }
  },
  loadSettings: async () => {
    try {
      set({ settings: await api.getCiRepairSettings({}), settingsError: null });
    } catch (error) {
      set({ settingsError: asApiError(error) });
    }
  },
  saveSettings: async (settings) => {
    try {
      set({ settings: await api.saveCiRepairSettings(settings) });
      return null;
    } catch (error) {
      return asApiError(error);
    }
  },
  start: async (request) => {
    const started = await api.startCiRepair(request);
    await Promise.all([useImplementRunsStore.getState().loadRuns(request.moduleId), get().load()]);
    return started;
  },
  onChanged: (state) => set((s) => ({ byModule: { ...s.byModule, [state.moduleId]: state } })),
  reset: () => set({ byModule: {}, settings: null, settingsError: null }),
}));

const reload = () => {
  if (useWorkspaceStore.getState().workspace?.initialised) void useCiRepairStore.getState().load();
};
api.on('ciRepairChanged', (state) => useCiRepairStore.getState().onChanged(state));
useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path === prev.workspace?.path && s.workspace?.initialised === prev.workspace?.initialised) return;
  useCiRepairStore.getState().reset();
  reload();
});
// This store may first be imported after the workspace opened (the board's first card): read at once then too.
reload();
