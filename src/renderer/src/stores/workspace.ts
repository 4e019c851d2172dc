// The open workspace, the app's capabilities, recent workspaces, and opening another one.

import { create } from 'zustand';
import type { AppInfo, RecentWorkspace, WorkspaceSummary } from '../../../shared/types';
import { api, ApiError, asApiError } from '../api';

type LoadStatus = 'loading' | 'ready' | 'error';

interface WorkspaceStore {
  status: LoadStatus;
  loadError: ApiError | null;
  appInfo: AppInfo | null;
  workspace: WorkspaceSummary | null;
  recent: RecentWorkspace[] | null;
  recentError: ApiError | null;
  /** What is being opened right now: 'path', 'recent:<path>', 'demo' or 'picker'. */
  opening: string | null;
  openError: ApiError | null;
  /** Which of those the last error belongs to, so it shows next to the control that caused it. */
  openErrorKey: string | null;
  load: () => Promise<void>;
  loadRecent: () => Promise<void>;
  open: (path: string, via?: 'path' | 'recent') => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  pickAndOpen: () => Promise<boolean>;
  setWorkspace: (workspace: WorkspaceSummary | null) => void;
  clearOpenError: () => void;
}


export const useWorkspaceStore = create<WorkspaceStore>((set, get) => {
  async function opening(what: string, run: () => Promise<WorkspaceSummary | null>): Promise<boolean> {
    set({ opening: what, openError: null, openErrorKey: null });
    try {
      const workspace = await run();
      if (!workspace) return false;
      set({ workspace, opening: null });
      void get().loadRecent();
      return true;
    } catch (error) {
      set({ openError: asApiError(error), openErrorKey: what });
      return false;
    } finally {
      if (get().opening === what) set({ opening: null });
    }
  }

  return {
    status: 'loading',
    loadError: null,
    appInfo: null,
    workspace: null,
    recent: null,
    recentError: null,
    opening: null,
    openError: null,
    openErrorKey: null,

    load: async () => {
      // A reload after init or a reconnect keeps the current screen; only the first load shows a spinner.
      if (get().status !== 'ready') set({ status: 'loading', loadError: null });
      try {
        const [appInfo, workspace] = await Promise.all([api.getAppInfo({}), api.getCurrentWorkspace({})]);
        set({ appInfo, workspace, status: 'ready' });
      } catch (error) {
        set({ status: 'error', loadError: asApiError(error) });
      }
    },

    loadRecent: async () => {
      try {
        set({ recent: await api.listRecentWorkspaces({}), recentError: null });
      } catch (error) {
        set({ recentError: asApiError(error) });
      }
    },

    open: (path, via = 'path') => opening(via === 'recent' ? `recent:${path}` : 'path', () => api.openWorkspace({ path })),
    openDemo: () => opening('demo', () => api.openDemoWorkspace({})),
    pickAndOpen: () =>
      opening('picker', async () => {
        const { path } = await api.pickWorkspaceFolder({});
        return path ? api.openWorkspace({ path }) : null;
      }),

    setWorkspace: (workspace) => set({ workspace }),
    clearOpenError: () => set({ openError: null, openErrorKey: null }),
  };
});
