// The merge screen's forecast: the chosen target, the forecast job and its result, and which modules are
// selected for merging (those the board calls ready start selected). When the shown forecast's target moves (a
// merge from this screen, or a commit from elsewhere), it forecasts again by itself.

import { create } from 'zustand';
import type { JobFinished } from '../../../shared/types';
import type { MergeForecast, MergeTarget, MergeTargetKind } from '../../../shared/types-merge';
import { api, ApiError, asApiError } from '../api';
import { isMergeable, preselectedModules } from '../lib/mergeForecast';
import { useBoardStore } from './board';
import { useJobsStore } from './jobs';

interface MergeStore {
  targets: MergeTarget[];
  /** The target the workspace suggests: integration when the base branch is protected. */
  defaultKind: MergeTargetKind | null;
  kind: MergeTargetKind | null;
  loading: boolean;
  loadError: ApiError | null;
  forecast: MergeForecast | null;
  /** When this window received the forecast (null for one computed before the screen opened). */
  forecastReceivedAt: string | null;
  forecastJobId: string | null;
  forecasting: boolean;
  forecastError: ApiError | null;
  selected: string[];
  /** True while a merge from this screen runs: the target moves under it, and the run forecasts again when done. */
  merging: boolean;
  setMerging: (merging: boolean) => void;
  /** Targets and the last forecast computed for the default target; keeps a target the user already chose. */
  load: () => Promise<void>;
  /** Re-reads the targets' tips; when the shown forecast's target moved since, forecasts again. */
  reloadTargets: () => Promise<void>;
  chooseTarget: (kind: MergeTargetKind) => Promise<void>;
  runForecast: () => Promise<void>;
  cancelForecast: () => Promise<void>;
  toggle: (moduleId: string) => void;
  setSelected: (moduleIds: string[]) => void;
}

/** Resolves when the job's jobFinished has arrived (it may have arrived before its id came back). */
export function waitForJob(jobId: string): Promise<JobFinished> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let done = false;
    const check = (jobs: ReturnType<typeof useJobsStore.getState>['jobs']) => {
      const finished = jobs[jobId]?.finished;
      if (!finished || done) return;
      done = true;
      unsubscribe?.();
      resolve(finished);
    };
    unsubscribe = useJobsStore.subscribe((s) => check(s.jobs));
    check(useJobsStore.getState().jobs);
    if (done) unsubscribe();
  });
}

/** A failed job's error as the renderer shows errors. */
export function jobError(finished: JobFinished): ApiError | null {
  if (finished.ok) return null;
  const e = finished.error;
  return e ? new ApiError(e.code, e.message, e.data) : new ApiError('INTERNAL', 'The job failed without saying why.');
}

/** The board's phases decide the preselection: read it first when the screen was opened before the board. */
async function ensureBoard(): Promise<void> {
  if (!useBoardStore.getState().board) await useBoardStore.getState().refresh();
}

function phaseOf(moduleId: string) {
  return useBoardStore.getState().board?.modules.find((m) => m.id === moduleId)?.phase;
}

export const useMergeStore = create<MergeStore>((set, get) => {
  /** Shows a forecast; a choice the user made on the previous forecast of the same target is kept where it still applies. */
  function showForecast(forecast: MergeForecast | null, receivedAt: string | null = null): void {
    const before = get().forecast;
    const kept = before && forecast && before.target.kind === forecast.target.kind ? get().selected.filter((id) => forecast.modules.some((m) => m.moduleId === id && isMergeable(m))) : [];
    set({ forecast, forecastReceivedAt: receivedAt, selected: kept.length ? kept : forecast ? preselectedModules(forecast, phaseOf) : [] });
  }

  return {
    targets: [],
    defaultKind: null,
    kind: null,
    loading: false,
    loadError: null,
    forecast: null,
    forecastReceivedAt: null,
    forecastJobId: null,
    forecasting: false,
    forecastError: null,
    selected: [],
    merging: false,
    setMerging: (merging) => set({ merging }),

    load: async () => {
      set({ loading: true, loadError: null });
      try {
        const answer = await api.getMergeTargets({});
        const kind = get().kind ?? answer.default.kind;
        set({ targets: answer.targets, defaultKind: answer.default.kind, kind });
        const last = await api.getLastForecast({ target: kind });
        await ensureBoard();
        if (!get().forecasting) showForecast(last);
        set({ loading: false });
      } catch (error) {
        set({ loading: false, loadError: asApiError(error) });
      }
    },

    reloadTargets: async () => {
      try {
        const answer = await api.getMergeTargets({});
        set({ targets: answer.targets, defaultKind: answer.default.kind });
        // A forecast of a target that has moved since would blame the next merge on it: compute it again now.
        const { forecast, forecasting, merging, kind } = get();
        const current = answer.targets.find((target) => target.kind === forecast?.target.kind);
        if (forecast && current && current.tip !== forecast.target.tip && forecast.target.kind === kind && !forecasting && !merging) void get().runForecast();
      } catch (error) {
        set({ loadError: asApiError(error) });
      }
    },

    chooseTarget: async (kind) => {
      if (get().kind === kind || get().forecasting) return;
      set({ kind, forecast: null, selected: [], forecastError: null });
      try {
        const last = await api.getLastForecast({ target: kind });
        if (get().kind === kind && !get().forecasting) showForecast(last);
      } catch (error) {
        set({ forecastError: asApiError(error) });
      }
    },

    runForecast: async () => {
      const kind = get().kind;
      if (!kind || get().forecasting) return;
      set({ forecasting: true, forecastJobId: null, forecastError: null });
      try {
        const { jobId } = await api.forecastMerges({ target: kind });
        set({ forecastJobId: jobId });
        const [finished] = await Promise.all([waitForJob(jobId), ensureBoard()]);
        const error = jobError(finished);
        if (error) set({ forecastError: error });
        else if (finished.kind === 'forecast' && finished.result && get().kind === kind) showForecast(finished.result, new Date().toISOString());
        void get().reloadTargets();
      } catch (error) {
        set({ forecastError: asApiError(error) });
      }
      set({ forecasting: false });
    },

    cancelForecast: async () => {
      const jobId = get().forecastJobId;
      if (jobId) await useJobsStore.getState().cancel(jobId);
    },

    toggle: (moduleId) => {
      const selected = get().selected;
      set({ selected: selected.includes(moduleId) ? selected.filter((id) => id !== moduleId) : [...selected, moduleId] });
    },

    setSelected: (selected) => set({ selected }),
  };
});
