// The repository's remotes as the settings screen edits them: list, add/edit, remove, and write-only credentials.

import { create } from 'zustand';
import type { RemoteInfo } from '../../../shared/types-remotes';
import { api, asApiError, type ApiError } from '../api';

interface RemotesStore {
  remotes: RemoteInfo[] | null;
  loading: boolean;
  error: ApiError | null;
  load: () => Promise<void>;
  /** Adds a remote, or edits `previousName`; returns the error so the form can show it next to its fields. */
  save: (input: { name: string; url: string; previousName?: string }) => Promise<ApiError | null>;
  remove: (name: string) => Promise<ApiError | null>;
  setCredential: (input: { name: string; token: string; username?: string }) => Promise<ApiError | null>;
  clearCredential: (name: string) => Promise<ApiError | null>;
}

export const useRemotesStore = create<RemotesStore>((set, get) => {
  /** Runs one change and reloads the list; the error goes back to the caller. */
  async function change(run: () => Promise<unknown>): Promise<ApiError | null> {
    try {
      await run();
      await get().load();
      return null;
    } catch (error) {
      return asApiError(error);
    }
  }

  return {
    remotes: null,
    loading: false,
    error: null,

    load: async () => {
      set({ loading: true });
      try {
        set({ remotes: await api.listRemotes({}), error: null, loading: false });
      } catch (error) {
        set({ error: asApiError(error), loading: false });
      }
    },
    save: (input) => change(() => api.saveRemote(input)),
    remove: (name) => change(() => api.removeRemote({ name })),
    setCredential: (input) => change(() => api.setRemoteCredential(input)),
    clearCredential: (name) => change(() => api.clearRemoteCredential({ name })),
  };
});
