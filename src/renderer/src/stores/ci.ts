// The team's CI as main last read it (every fleet branch's checks, the error beside them, the polling pace): read
// when a workspace opens, replaced by each ciStatusChanged, refreshed on demand. While the page is visible it tells
// main someone is looking (ciHeartbeat), which keeps the poller at its visible pace; hidden, it stays quiet.

import { create } from 'zustand';
import type { CiBranchStatus, CiSnapshot } from '../../../shared/types-ci';
import { api, ApiError, asApiError } from '../api';
import { createHeartbeat } from '../lib/ciHeartbeat';
import { branchOfModule, mergeSnapshot, repositoryHasCi } from '../lib/ciView';
import { useConnectionStore } from './connection';
import { useWorkspaceStore } from './workspace';

/**
 * How often a visible page says so. Main counts a heartbeat as "looking" for 2.5 visible intervals (150 s at the
 * one-minute pace, ci-poller.ts): every 30 s leaves room for four missed beats before it slows to the idle pace.
 */
export const CI_HEARTBEAT_MS = 30_000;

interface CiStore {
  snapshot: CiSnapshot | null;
  /** getCiStatus itself failed (not the host: that error is snapshot.error). */
  loadError: ApiError | null;
  refreshing: boolean;
  refreshError: ApiError | null;
  load: () => Promise<void>;
  /** Reads the host now (the Refresh buttons). */
  refresh: () => Promise<void>;
  reset: () => void;
}

let loading: Promise<void> | null = null;

export const useCiStore = create<CiStore>((set, get) => {
  const apply = (snapshot: CiSnapshot) => set((s) => ({ snapshot: mergeSnapshot(s.snapshot, snapshot) }));
  return {
    snapshot: null,
    loadError: null,
    refreshing: false,
    refreshError: null,

    load: () => {
      // CI is about the fleet's branches: nothing to read before the workspace is initialised.
      if (!useWorkspaceStore.getState().workspace?.initialised) return Promise.resolve();
      // Every card asks on mount: one request answers them all.
      loading ??= api
        .getCiStatus({})
        .then((snapshot) => {
          apply(snapshot);
          set({ loadError: null });
        })
        .catch((error: unknown) => set({ loadError: asApiError(error) }))
        .finally(() => (loading = null));
      return loading;
    },

    refresh: async () => {
      if (get().refreshing) return;
      set({ refreshing: true, refreshError: null });
      try {
        apply(await api.refreshCiStatus({}));
      } catch (error) {
        set({ refreshError: asApiError(error) });
      } finally {
        set({ refreshing: false });
      }
    },

    reset: () => set({ snapshot: null, loadError: null, refreshing: false, refreshError: null }),
  };
});

// One empty answer for every render: a selector returning a fresh value each call is React's error #185.
const NO_BRANCH: CiBranchStatus | null = null;

/** A module branch's CI (the same object until a new read changes it), or null. */
export function useModuleCi(moduleId: string): CiBranchStatus | null {
  return useCiStore((s) => branchOfModule(s.snapshot?.status ?? null, moduleId) ?? NO_BRANCH);
}

/** Whether any fleet branch reports CI at all (so "no CI" on one card means something). */
export function useRepositoryHasCi(): boolean {
  return useCiStore((s) => repositoryHasCi(s.snapshot?.status ?? null));
}

api.on('ciStatusChanged', (snapshot) => useCiStore.setState((s) => ({ snapshot: mergeSnapshot(s.snapshot, snapshot) })));

function beat(): void {
  api
    .ciHeartbeat({})
    .then((snapshot) => useCiStore.setState((s) => ({ snapshot: mergeSnapshot(s.snapshot, snapshot) })))
    // A lost beat only lets main slow down; the next one tries again.
    .catch(() => undefined);
}

const heartbeat = createHeartbeat({ everyMs: CI_HEARTBEAT_MS, visible: () => typeof document === 'undefined' || document.visibilityState === 'visible', send: beat });
if (typeof document !== 'undefined') document.addEventListener('visibilitychange', heartbeat.visibilityChanged);

function workspaceOpened(): void {
  heartbeat.stop();
  if (!useWorkspaceStore.getState().workspace?.initialised) return;
  // The first beat after the first read: that read starts the poller, which the beat then keeps at the visible pace.
  void useCiStore
    .getState()
    .load()
    .then(() => useWorkspaceStore.getState().workspace?.initialised && heartbeat.start());
}

useWorkspaceStore.subscribe((s, prev) => {
  if (s.workspace?.path === prev.workspace?.path && s.workspace?.initialised === prev.workspace?.initialised) return;
  useCiStore.getState().reset();
  workspaceOpened();
});

// Events sent while the link was down are lost: read the snapshot again once it is back.
useConnectionStore.subscribe((s, prev) => {
  if (s.reconnects !== prev.reconnects && useWorkspaceStore.getState().workspace?.initialised) void useCiStore.getState().load();
});

if (useWorkspaceStore.getState().workspace?.initialised) workspaceOpened();
