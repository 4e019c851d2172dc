// Per module, where its changes were deployed and when (the card's badge, the module page's line): read once per
// workspace, again after a deploy is recorded and when a branch moves (a deployment stops being its tip).

import { create } from 'zustand';
import type { ModuleDeployment } from '../../../shared/types-deploy';
import { api } from '../api';
import { latestDeployments } from '../lib/deployView';
import { useWorkspaceStore } from './workspace';

interface ModuleDeploymentsStore {
  /** Module id -> its deployments, newest first; null until read (or where deploys are not available). */
  byModule: Record<string, ModuleDeployment[]> | null;
  load: () => Promise<void>;
  reset: () => void;
}

let loading: Promise<void> | null = null;
let again = false;

export const useModuleDeploymentsStore = create<ModuleDeploymentsStore>((set) => ({
  byModule: null,

  load: () => {
    // Every card asks on mount: one request answers them all; a change meanwhile reads once more after it.
    if (loading) {
      again = true;
      return loading;
    }
    loading = api
      .listModuleDeployments({})
      .then((states) => set({ byModule: Object.fromEntries(states.map((s) => [s.moduleId, latestDeployments(s.deployments)])) }))
      // No badge rather than a broken board: the Deploy screen shows why deploys cannot be read.
      .catch(() => undefined)
      .finally(() => {
        loading = null;
        if (again) {
          again = false;
          void useModuleDeploymentsStore.getState().load();
        }
      });
    return loading;
  },

  reset: () => set({ byModule: null }),
}));

const reload = () => {
  if (useWorkspaceStore.getState().workspace?.initialised) void useModuleDeploymentsStore.getState().load();
};
api.on('deploymentsChanged', reload);
// Implementation runs starting and ending move no branch.
api.on('boardChanged', ({ reason }) => reason !== 'implement' && reload());

useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path === prev.workspace?.path) return;
  useModuleDeploymentsStore.getState().reset();
  reload();
});
