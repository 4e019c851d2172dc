// A merge run from the merge screen: the confirmation, the merge job and its per-module report, the errors
// that offer a way on (target checked out → integration; target moved → forecast again), and the three-way
// view of a conflicting file.

import { create } from 'zustand';
import type { MergeReport, MergeTargetKind, ThreeWayFile } from '../../../shared/types-merge';
import { api, ApiError, asApiError } from '../api';
import { useBoardStore } from './board';
import { jobError, useMergeStore, waitForJob } from './merge';

export interface MergeRequest {
  kind: MergeTargetKind;
  branch: string;
  modules: string[];
}

export interface ConflictState {
  moduleId: string;
  /** The branch the module was merged into: the "ours" side. */
  targetBranch: string;
  path: string;
  file: ThreeWayFile | null;
  loading: boolean;
  error: ApiError | null;
}

interface MergeRunStore {
  /** The merge waiting for the user's confirmation. */
  confirming: MergeRequest | null;
  /** The merge running or last run. */
  request: MergeRequest | null;
  jobId: string | null;
  running: boolean;
  report: MergeReport | null;
  error: ApiError | null;
  conflict: ConflictState | null;
  askToMerge: (modules: string[]) => void;
  closeConfirm: () => void;
  /** Starts the confirmed merge, against the target tip the forecast saw. */
  mergeConfirmed: () => Promise<void>;
  /** After BRANCH_CHECKED_OUT: the same modules into the integration branch, at its current tip. */
  mergeIntoIntegrationInstead: () => Promise<void>;
  /** Reads the three sides of a conflicting path (against the given target, else the last merge's or the chosen one). */
  openConflict: (moduleId: string, path: string, kind?: MergeTargetKind) => Promise<void>;
  closeConflict: () => void;
  dismiss: () => void;
}

function targetBranch(kind: MergeTargetKind): string {
  return useMergeStore.getState().targets.find((t) => t.kind === kind)?.branch ?? kind;
}

export const useMergeRunStore = create<MergeRunStore>((set, get) => {
  async function run(request: MergeRequest, expectedTargetTip: string | null | undefined): Promise<void> {
    if (get().running) return;
    set({ request, running: true, jobId: null, report: null, error: null, conflict: null, confirming: null });
    useMergeStore.getState().setMerging(true);
    try {
      const input = expectedTargetTip === undefined ? { target: request.kind, modules: request.modules } : { target: request.kind, modules: request.modules, expectedTargetTip };
      const { jobId } = await api.mergeModules(input);
      set({ jobId });
      const finished = await waitForJob(jobId);
      const report = finished.kind === 'merge' ? (finished.result ?? null) : null;
      set({ report, error: jobError(finished) });
      const stoppedAt = report?.stopped ? report.results.find((r) => r.outcome === 'conflicts' && r.conflicts?.length) : undefined;
      if (stoppedAt) void get().openConflict(stoppedAt.moduleId, stoppedAt.conflicts![0]!.path, request.kind);
    } catch (error) {
      set({ error: asApiError(error) });
    }
    set({ running: false });
    useMergeStore.getState().setMerging(false);
    // The target's tip moved (or was created): reading it forecasts again (the merged modules are now up to date),
    // and the board shows Merged.
    void useMergeStore.getState().reloadTargets();
    useBoardStore.getState().scheduleRefresh();
  }

  return {
    confirming: null,
    request: null,
    jobId: null,
    running: false,
    report: null,
    error: null,
    conflict: null,

    askToMerge: (modules) => {
      const kind = useMergeStore.getState().kind;
      if (!kind || modules.length === 0) return;
      set({ confirming: { kind, branch: targetBranch(kind), modules } });
    },

    closeConfirm: () => set({ confirming: null }),

    mergeConfirmed: async () => {
      const request = get().confirming;
      if (!request) return;
      const forecast = useMergeStore.getState().forecast;
      // The tip the forecast saw: the merge refuses with BRANCH_MOVED if the target moved since.
      const expected = forecast && forecast.target.kind === request.kind ? forecast.target.tip : undefined;
      await run(request, expected);
    },

    mergeIntoIntegrationInstead: async () => {
      const modules = get().request?.modules;
      if (!modules?.length) return;
      const merge = useMergeStore.getState();
      await merge.reloadTargets();
      await merge.chooseTarget('integration');
      const target = useMergeStore.getState().targets.find((t) => t.kind === 'integration');
      await run({ kind: 'integration', branch: target?.branch ?? 'integration', modules }, target ? target.tip : undefined);
    },

    openConflict: async (moduleId, path, chosen) => {
      const kind = chosen ?? get().request?.kind ?? useMergeStore.getState().kind;
      if (!kind) return;
      const base = { moduleId, path, targetBranch: targetBranch(kind) };
      set({ conflict: { ...base, file: null, loading: true, error: null } });
      const stillOpen = () => get().conflict?.path === path && get().conflict?.moduleId === moduleId;
      try {
        const file = await api.readConflict({ target: kind, moduleId, path });
        if (stillOpen()) set({ conflict: { ...base, file, loading: false, error: null } });
      } catch (error) {
        if (stillOpen()) set({ conflict: { ...base, file: null, loading: false, error: asApiError(error) } });
      }
    },

    closeConflict: () => set({ conflict: null }),
    dismiss: () => set({ report: null, error: null, conflict: null, request: null, jobId: null }),
  };
});
