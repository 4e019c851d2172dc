// Running an Azure pipeline and following it: the run on refs/heads/<branch>, then the build (its status and result)
// and its timeline's stages every poll until completed. Not started past the start limit: cancelled, RUN_NOT_STARTED;
// at the deadline or on cancel the build is set to cancelling and waited for.

import { FleetError } from '../../../../shared/errors';
import type { DeployStep, DeployStepState } from '../../../../shared/types-deploy';
import type { AzureCiHost } from '../../ci/ci-host';
import { failedStageSentence } from './azure-failure';
import { deployScopeError } from './azure-scope';
import { DEFAULT_POLL_MS, DEFAULT_START_LIMIT_MS, hostCall, pause, type FollowTuning } from './follow';
import type { MethodOutcome, RunContext } from './method';

interface AzureRun {
  pipeline: { id: number; name: string };
  projectId: string;
  parameters: Record<string, string>;
  tuning: FollowTuning;
}

// The client turns the wire's names into its enums' numbers where it knows the type, and leaves them elsewhere.
const BUILD_STATUS: Record<number, string> = { 0: 'none', 1: 'inProgress', 2: 'completed', 4: 'cancelling', 8: 'postponed', 32: 'notStarted' };
const BUILD_RESULT: Record<number, string> = { 0: 'none', 2: 'succeeded', 4: 'partiallySucceeded', 8: 'failed', 32: 'canceled' };
const RECORD_STATE: Record<number, string> = { 0: 'pending', 1: 'inProgress', 2: 'completed' };
const TASK_RESULT: Record<number, string> = { 0: 'succeeded', 1: 'succeededWithIssues', 2: 'failed', 3: 'canceled', 4: 'skipped', 5: 'abandoned' };

function named(value: unknown, names: Record<number, string>): string {
  return typeof value === 'number' ? (names[value] ?? String(value)) : typeof value === 'string' ? value : 'none';
}

function stageState(state: string, result: string): DeployStepState {
  if (state === 'pending') return 'pending';
  if (state === 'inProgress') return 'running';
  if (result === 'succeeded' || result === 'succeededWithIssues') return 'succeeded';
  if (result === 'skipped') return 'skipped';
  if (result === 'canceled') return 'cancelled';
  return 'failed';
}

function iso(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return typeof value === 'string' ? value : null;
}

/** Runs the pipeline on the branch and follows its build to the end. */
export async function followAzureRun(host: AzureCiHost, context: RunContext, r: AzureRun): Promise<MethodOutcome> {
  const { connection } = host;
  const project = r.projectId;
  context.report({ phase: 'dispatching', message: `Starting the pipeline "${r.pipeline.name}" on ${context.branch}` });
  const pipelines = await connection.webApi.getPipelinesApi();
  const started = await hostCall(context, 'Azure DevOps', () =>
    connection
      .call(host.context(`run the pipeline "${r.pipeline.name}"`), () =>
        pipelines.runPipeline({ resources: { repositories: { self: { refName: `refs/heads/${context.branch}` } } }, templateParameters: r.parameters }, project, r.pipeline.id),
      )
      .catch((error: unknown) => Promise.reject(deployScopeError(error, host))),
  );
  const runId = started.id;
  if (typeof runId !== 'number') throw new FleetError('HOST_API_ERROR', `Azure DevOps started the pipeline "${r.pipeline.name}" but named no run.`, { pipeline: r.pipeline.id });
  const link = (started._links as { web?: { href?: string } } | undefined)?.web?.href ?? `${host.organisationUrl}/${encodeURIComponent(host.project)}/_build/results?buildId=${runId}`;
  context.report({ links: [{ label: `Azure Pipelines run ${runId}`, url: link }] });
  const build = await connection.buildApi();
  const startLimit = Date.now() + (r.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS);
  let stopping: 'cancelled' | 'timed-out' | 'not-started' | null = null;
  let status: string;
  let result: string;
  let failure: string | null;
  for (;;) {
    const current = await hostCall(context, 'Azure DevOps', () => connection.call(host.context('read the deploy run'), () => build.getBuild(project, runId)), true);
    // The client answers a 404 with null: the run was deleted (or its project) while it was followed.
    if (!current) throw new FleetError('HOST_API_ERROR', `Azure DevOps no longer has run ${runId} of "${r.pipeline.name}" (deleted while it was followed?): how it ended is unknown.`, { runId, url: link });
    status = named(current.status, BUILD_STATUS);
    result = named(current.result, BUILD_RESULT);
    const timeline = await hostCall(context, 'Azure DevOps', () => connection.call(host.context("read the run's stages"), () => build.getBuildTimeline(project, runId)), true);
    const steps: DeployStep[] = (timeline?.records ?? [])
      .filter((record) => record.type === 'Stage')
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((record) => ({
        name: record.name ?? 'Stage',
        state: stageState(named(record.state, RECORD_STATE), named(record.result, TASK_RESULT)),
        url: link,
        startedAt: iso(record.startTime),
        finishedAt: iso(record.finishTime),
      }));
    if (status === 'completed') {
      failure = failedStageSentence(timeline?.records ?? []);
      context.report({ steps, message: `The run ended: ${result}` });
      break;
    }
    const waiting = status === 'notStarted' || status === 'postponed';
    const running = steps.find((s) => s.state === 'running');
    if (!stopping) context.report({ steps, phase: waiting ? 'waiting' : 'running', message: waiting ? 'Waiting for Azure Pipelines to start the run' : running ? `Stage ${running.name}: running` : 'Running' });
    if (!stopping) {
      stopping = context.signal.aborted ? 'cancelled' : Date.now() > context.deadline ? 'timed-out' : waiting && Date.now() > startLimit ? 'not-started' : null;
      if (stopping) {
        context.report({ steps, message: 'Cancelling the run on Azure Pipelines' });
        // 4: BuildStatus.Cancelling, as the client's enum sends it.
        await connection.call(host.context('cancel the deploy run'), () => build.updateBuild({ status: 4 }, project, runId)).catch((error: unknown) => Promise.reject(deployScopeError(error, host)));
      }
    }
    await pause(r.tuning.pollMs ?? DEFAULT_POLL_MS, stopping ? new AbortController().signal : context.signal);
  }
  if (stopping === 'not-started') {
    throw new FleetError('RUN_NOT_STARTED', `Azure Pipelines queued run ${runId} of "${r.pipeline.name}" but did not start it within ${Math.round((r.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS) / 1000)} s (no agent picked it up?); it was cancelled.`, { runId, url: link });
  }
  if (result === 'succeeded') return { outcome: 'succeeded', message: null, link };
  if (stopping === 'timed-out') return { outcome: 'timed-out', message: `Run ${runId} was cancelled at the environment's time limit.`, link };
  if (result === 'canceled') return { outcome: 'cancelled', message: stopping === 'cancelled' ? `Run ${runId} was cancelled.` : `Run ${runId} was cancelled on Azure Pipelines.`, link };
  const why = `Run ${runId} of "${r.pipeline.name}" ended ${result}${failure ? `: ${failure}` : ''}`;
  return { outcome: 'failed', message: /[.!?]$/.test(why) ? why : `${why}.`, link };
}
