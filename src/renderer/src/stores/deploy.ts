// The Deploy screen's environments: the list (with each one's last deploy), the one chosen, what a deploy of it
// would send out now (the plan) and its deployment history; editing the manifest's environments.

import { create } from 'zustand';
import type { EnvironmentDef } from '../../../shared/deploy-config';
import type { DeployPlan, DeploymentRecord, EnvironmentsView } from '../../../shared/types-deploy';
import { api, ApiError, asApiError } from '../api';
import { useWorkspaceStore } from './workspace';

interface DeployStore {
  view: EnvironmentsView | null;
  loading: boolean;
  loadError: ApiError | null;
  selected: string | null;
  plan: DeployPlan | null;
  planLoading: boolean;
  planError: ApiError | null;
  history: DeploymentRecord[] | null;
  historyError: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  /** Reads the environments; keeps the chosen one if it still exists, else takes `wanted` or the first. */
  load: (wanted?: string | null) => Promise<void>;
  select: (environment: string) => Promise<void>;
  /** Reads the chosen environment's plan and history again (after a deploy, a merge, a push). */
  refreshSelected: () => Promise<void>;
  /** Commits the environments to the manifest; true when saved. */
  saveEnvironments: (environments: EnvironmentDef[]) => Promise<boolean>;
  clearSaveError: () => void;
  reset: () => void;
}

const HISTORY_LIMIT = 50;

export const useDeployStore = create<DeployStore>((set, get) => {
  /** Answers for an environment no longer chosen are dropped. */
  const stillChosen = (environment: string) => get().selected === environment;

  async function readPlan(environment: string): Promise<void> {
    set({ planLoading: true, planError: null });
    try {
      const plan = await api.deployPlan({ environment });
      if (stillChosen(environment)) set({ plan, planLoading: false });
    } catch (error) {
      if (stillChosen(environment)) set({ plan: null, planError: asApiError(error), planLoading: false });
    }
  }

  async function readHistory(environment: string): Promise<void> {
    try {
      const { records } = await api.listDeployments({ environment, limit: HISTORY_LIMIT });
      if (stillChosen(environment)) set({ history: records, historyError: null });
    } catch (error) {
      if (stillChosen(environment)) set({ historyError: asApiError(error) });
    }
  }

  return {
    view: null,
    loading: false,
    loadError: null,
    selected: null,
    plan: null,
    planLoading: false,
    planError: null,
    history: null,
    historyError: null,
    saving: false,
    saveError: null,

    load: async (wanted) => {
      set({ loading: true, loadError: null });
      try {
        const view = await api.listEnvironments({});
        const names = view.environments.map((e) => e.def.name);
        const current = get().selected;
        const next = wanted && names.includes(wanted) ? wanted : current && names.includes(current) ? current : (names[0] ?? null);
        set({ view, loading: false });
        if (next && (next !== current || !get().plan)) await get().select(next);
        else if (next) await get().refreshSelected();
        else set({ selected: null, plan: null, history: null });
      } catch (error) {
        set({ loading: false, loadError: asApiError(error) });
      }
    },

    select: async (environment) => {
      const changed = get().selected !== environment;
      set({ selected: environment, ...(changed ? { plan: null, planError: null, history: null, historyError: null } : {}) });
      await Promise.all([readPlan(environment), readHistory(environment)]);
    },

    refreshSelected: async () => {
      const environment = get().selected;
      if (environment) await Promise.all([readPlan(environment), readHistory(environment)]);
    },

    saveEnvironments: async (environments) => {
      set({ saving: true, saveError: null });
      try {
        const expectedTip = get().view?.workspaceTip ?? undefined;
        const view = await api.setEnvironments({ environments, ...(expectedTip ? { expectedTip } : {}) });
        set({ view, saving: false });
        await get().load(get().selected);
        return true;
      } catch (error) {
        set({ saving: false, saveError: asApiError(error) });
        return false;
      }
    },

    clearSaveError: () => set({ saveError: null }),
    reset: () => set({ view: null, loadError: null, selected: null, plan: null, planError: null, history: null, historyError: null, saveError: null }),
  };
});

// A deploy recorded (here, in another window, by the CLI through the same host) or environments changed.
// Reading the list again reads the chosen environment's plan and history too.
api.on('deploymentsChanged', () => {
  const s = useDeployStore.getState();
  if (s.view) void s.load();
});

useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path !== prev.workspace?.path) useDeployStore.getState().reset();
});
