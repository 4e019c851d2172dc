// The contract's merge methods over the core: the targets and a conflict's three sides answer at once; the forecast
// and the merge run as jobs (jobProgress while they run, the MergeForecast / MergeReport in jobFinished).

import type { FleetHandlers } from '../../../shared/contract';
import type { mergeMethods } from '../../../shared/contract-merge';
import type { MergeForecast, MergeTargetKind } from '../../../shared/types-merge';
import type { AppEventListener } from '../app';
import type { JobRunner } from '../jobs';
import type { Workspace } from '../workspace/workspace';
import { forecastMerges } from './forecast';
import { checkMergeRequest, mergeModules } from './merge-modules';
import { readConflict } from './read-conflict';
import { defaultTargetKind, listMergeTargets } from './targets';

type MergeHandlers = Pick<FleetHandlers, keyof typeof mergeMethods>;

export interface MergeHandlerContext {
  requireWorkspace(): Workspace;
  jobs: JobRunner;
  emit: AppEventListener;
}

/** Handlers for every merge method of the contract. */
export function createMergeHandlers(context: MergeHandlerContext): MergeHandlers {
  const { jobs, emit } = context;
  // The last forecast per workspace and target, for a screen that comes back to it.
  const lastForecasts = new WeakMap<Workspace, Map<MergeTargetKind, MergeForecast>>();
  const remember = (workspace: Workspace, forecast: MergeForecast) => {
    const byTarget = lastForecasts.get(workspace) ?? new Map<MergeTargetKind, MergeForecast>();
    byTarget.set(forecast.target.kind, forecast);
    lastForecasts.set(workspace, byTarget);
  };

  return {
    getMergeTargets: () => listMergeTargets(context.requireWorkspace()),
    forecastMerges: async ({ target, modules }) => {
      const workspace = context.requireWorkspace();
      const jobId = jobs.start(
        'forecast',
        async (job) => {
          const forecast = await forecastMerges(workspace, target, { modules, signal: job.signal, onProgress: (done, total, message) => job.progress(done, total, message) });
          remember(workspace, forecast);
          return forecast;
        },
        (forecast) => forecast,
      );
      return { jobId };
    },
    getLastForecast: async ({ target }) => {
      const workspace = context.requireWorkspace();
      return lastForecasts.get(workspace)?.get(target ?? defaultTargetKind(workspace.manifest)) ?? null;
    },
    mergeModules: async ({ target, modules, expectedTargetTip }) => {
      const workspace = context.requireWorkspace();
      const request = { target, modules, expectedTargetTip };
      // A checked-out or moved target and unknown modules are refused now, not as a failed job.
      await checkMergeRequest(workspace, request);
      const jobId = jobs.start(
        'merge',
        async (job) => {
          try {
            return await mergeModules(workspace, { ...request, signal: job.signal, onProgress: (done, total, message) => job.progress(done, total, message) });
          } finally {
            emit('boardChanged', { reason: 'refs' });
          }
        },
        (report) => report,
      );
      return { jobId };
    },
    readConflict: ({ target, moduleId, path }) => readConflict(context.requireWorkspace(), target, moduleId, path),
  };
}
