// The Azure Pipelines side of a remote batch: Runs - Run Pipeline of the Fleet Control pipeline (the definition
// running .azure-pipelines/fleet-control.yml) on the default branch with the job as template parameters, one
// Builds - List by ids per look at all runs out (plus the timeline of each running one: Azure's build record does not
// change when a step does), the timeline's jobs and tasks, cancel (Builds - Update to cancelling), and record.json
// from the run's pipeline artifact.

import { FleetError } from '../../../../shared/errors';
import type { RunnerRecord } from '../../../../shared/types-runner';
import type { AzureCiHost } from '../../ci/ci-host';
import type { RemoteJob } from '../../../../shared/types-remote';
import { AZURE_PIPELINE_PATH } from '../workflows/runner-files';
import { azureRunRecord } from './azure-artifact';
import { buildLink, buildView, jobsOfTimeline, timelineStamp } from './azure-jobs';
import { AzureRateMeter } from './azure-meter';
import { fleetPipelineOf, pipelineMissing, type FleetPipeline } from './azure-pipeline-of';
import type { CiRunView, JobDispatch, RemoteTargetClient } from './target';

const SCOPES = '"Build (Read & execute)" and "Code (Read & write)"';

/** The pipeline's template parameters (AZURE_PARAMETERS): unset ones left out, so the pipeline's defaults apply. */
export function pipelineParameters(job: JobDispatch): Record<string, string> {
  const all: Record<string, string | undefined> = {
    kind: job.kind,
    module: job.moduleId,
    tip: job.tip,
    runId: job.dispatchId,
    budget: job.budgetUsd === null ? undefined : String(job.budgetUsd),
    engine: job.engine,
    provider: job.provider,
    model: job.model,
    baseUrl: job.baseUrl,
    maxMinutes: job.maxMinutes === undefined ? undefined : String(job.maxMinutes),
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** A refused token or account says what remote runs need of it. */
function scopeError(error: unknown, host: AzureCiHost): unknown {
  if (!(error instanceof FleetError) || (error.code !== 'AUTH_FAILED' && error.code !== 'PERMISSION_DENIED')) return error;
  const base = error.message.replace(/ It needs the scopes.*$/, '').replace(/ \("Build \(Read\)" and "Code \(Read\)"\)/, '');
  return new FleetError(error.code, `${base} Remote runs on Azure Pipelines need a personal access token of "${host.remote}" with the scopes ${SCOPES}, of an account allowed to queue the pipeline's builds.`, error.data);
}

/** The Azure Pipelines client of a remote batch on `host`, queuing runs on `branch` (the default branch). */
export function azureTarget(host: AzureCiHost, branch: string): RemoteTargetClient {
  const { connection } = host;
  const meter = new AzureRateMeter();
  let pipeline: Promise<FleetPipeline> | null = null;
  /** Jobs read with the runs in this look, handed to the loop's jobs() without asking again. */
  const fresh = new Map<string, RemoteJob[]>();
  const buildApi = async () => {
    const api = await connection.buildApi();
    meter.watch(api);
    return api;
  };
  const call = <T>(action: string, request: () => Promise<T>) => connection.call(host.context(action), request).catch((error: unknown) => Promise.reject(scopeError(error, host)));

  return {
    describe: `Azure Pipelines ${AZURE_PIPELINE_PATH} in ${host.organisation}/${host.project}`,
    async dispatch(job, signal) {
      if (signal.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
      pipeline ??= fleetPipelineOf(host, branch, meter);
      pipeline.catch(() => (pipeline = null));
      const { id, name, projectId } = await pipeline;
      const run = await call(`run the pipeline "${name}"`, async () => {
        const api = await connection.webApi.getPipelinesApi();
        meter.watch(api);
        return api.runPipeline({ resources: { repositories: { self: { refName: `refs/heads/${branch}` } } }, templateParameters: pipelineParameters(job) }, projectId, id);
      }).catch((error: unknown) => {
        if (!(error instanceof FleetError)) throw error;
        // The pipeline was deleted since it was found, or its file is not on the branch (Azure's 400 names the file).
        if (error.code === 'REPO_NOT_FOUND') {
          pipeline = null;
          throw pipelineMissing(host, branch);
        }
        if (error.code === 'HOST_API_ERROR' && error.data?.status === 400 && /fleet-control\.yml/i.test(error.message) && /not found|could not find|does not exist/i.test(error.message)) {
          throw pipelineMissing(host, branch, `no ${AZURE_PIPELINE_PATH} on ${branch} of ${host.repository} for the pipeline "${name}" to run`);
        }
        throw error;
      });
      if (typeof run.id !== 'number') throw new FleetError('HOST_API_ERROR', `Azure DevOps queued the pipeline "${name}" but named no run.`, { pipeline: id });
      return { ciRunId: String(run.id), url: buildLink(run) };
    },
    async find(dispatchId) {
      pipeline ??= fleetPipelineOf(host, branch, meter);
      pipeline.catch(() => (pipeline = null));
      const { id } = await pipeline;
      const api = await buildApi();
      // The pipeline's `name:` makes the run number "Fleet Control <kind> <module> (<run id>)"; newest 50 on the branch.
      const builds = await call('find a queued run of the Fleet Control pipeline', () =>
        api.getBuilds(host.project, [id], undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 50, undefined, undefined, undefined, 4, `refs/heads/${branch}`),
      );
      const build = (builds ?? []).find((b) => (b.buildNumber ?? '').includes(`(${dispatchId})`) || b.templateParameters?.runId === dispatchId);
      return build?.id ? { ciRunId: String(build.id), url: buildLink(build) } : null;
    },
    async readRuns(ids) {
      const found = new Map<string, CiRunView>();
      fresh.clear();
      if (ids.length === 0) return found;
      const api = await buildApi();
      const builds = await call('read the Fleet Control runs', () =>
        api.getBuilds(host.project, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, ids.map(Number)),
      );
      for (const build of builds ?? []) {
        const id = String(build.id);
        if (!ids.includes(id)) continue;
        let stamp = '';
        if (buildView(build, '').status === 'in_progress') {
          const timeline = await call(`read the steps of run ${id}`, () => api.getBuildTimeline(host.project, build.id!));
          fresh.set(id, jobsOfTimeline(timeline, buildLink(build)));
          stamp = timelineStamp(timeline);
        }
        found.set(id, buildView(build, stamp));
      }
      return found;
    },
    async jobs(id) {
      const known = fresh.get(id);
      if (known) return known;
      const api = await buildApi();
      const timeline = await call(`read the steps of run ${id}`, () => api.getBuildTimeline(host.project, Number(id)));
      return jobsOfTimeline(timeline, `${host.organisationUrl}/${encodeURIComponent(host.project)}/_build/results?buildId=${id}`);
    },
    async cancel(id) {
      const api = await buildApi();
      // 4: BuildStatus.Cancelling, as the client's enum sends it.
      await call(`cancel run ${id}`, () => api.updateBuild({ status: 4 }, host.project, Number(id))).catch((error: unknown) => {
        // A build that completed meanwhile cannot be cancelled (400): the next look says how it ended.
        if (!(error instanceof FleetError && error.code === 'HOST_API_ERROR' && error.data?.status === 400)) throw error;
      });
    },
    record(id, dispatchId): Promise<RunnerRecord | null> {
      return azureRunRecord(host, meter, id, dispatchId).catch((error: unknown) => Promise.reject(scopeError(error, host)));
    },
    rate() {
      return meter.view();
    },
  };
}
