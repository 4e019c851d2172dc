// Dispatching a workflow and following its run: the run id from the dispatch's answer (or the new run found by
// listing), then the run and its jobs asked about every poll until completed. A run still queued past the start
// limit is cancelled (RUN_NOT_STARTED); at the deadline or on cancel the run is cancelled on GitHub and waited for.

import { FleetError } from '../../../../shared/errors';
import type { DeployStep, DeployStepState } from '../../../../shared/types-deploy';
import type { GitHubCiHost } from '../../ci/ci-host';
import { DEFAULT_POLL_MS, DEFAULT_START_LIMIT_MS, hostCall, pause, type FollowTuning } from './follow';
import { gitHubCall } from './github-call';
import type { MethodOutcome, RunContext } from './method';

interface Dispatch {
  file: string;
  workflowId: number | string;
  inputs: Record<string, string>;
  tuning: FollowTuning;
  /**
   * When several dispatches of one workflow on one commit may be out at once (remote batches), which listed run is
   * this dispatch's (its run-name carries an id); without it, the oldest run that was not there before.
   */
  matches?: (run: { name?: string | null; display_title?: string }) => boolean;
}

/** What dispatching needs of its caller: the ref (and commit, when known) dispatched on, cancel, deadline, reporting. */
export type DispatchContext = Pick<RunContext, 'branch' | 'commit' | 'signal' | 'deadline' | 'report' | 'output'>;

interface RunInfo {
  id: number;
  status: string | null;
  conclusion: string | null;
  html_url: string;
}

const NOT_STARTED = new Set(['queued', 'pending', 'waiting', 'requested']);

function stepState(status: string | null, conclusion: string | null): DeployStepState {
  if (status !== 'completed') return status === 'in_progress' ? 'running' : 'queued';
  if (conclusion === 'success' || conclusion === 'neutral') return 'succeeded';
  if (conclusion === 'skipped') return 'skipped';
  if (conclusion === 'cancelled') return 'cancelled';
  return 'failed';
}

/** Dispatches the workflow and returns the run it created (from the answer, else found by listing). */
export async function dispatchWorkflow(host: GitHubCiHost, context: DispatchContext, d: Dispatch): Promise<number> {
  const { owner, repo } = host;
  const action = `start the workflow ${d.file}`;
  const refused = (status: number, message: string): FleetError | null => {
    if (status !== 422 && status !== 400) return null;
    if (/workflow_dispatch/i.test(message)) return new FleetError('WORKFLOW_NOT_DISPATCHABLE', `GitHub says the workflow ${d.file} has no workflow_dispatch trigger on ${context.branch}: "${message}".`, { workflow: d.file });
    if (/no ref found|ref.*not found/i.test(message)) return new FleetError('REF_NOT_FOUND', `GitHub has no ref ${context.branch} in ${host.repository}: "${message}". Push it first.`, { ref: context.branch });
    if (/input/i.test(message)) return new FleetError('INVALID_INPUT', `GitHub refused the inputs of ${d.file}: "${message}".`, { workflow: d.file });
    return null;
  };
  const dispatchedAt = Date.now();
  const before = await hostCall(context, 'GitHub', () =>
    gitHubCall(host, action, () => host.octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: d.workflowId, event: 'workflow_dispatch', branch: context.branch, per_page: 20 })),
  );
  const known = new Set(before.data.workflow_runs.map((r) => r.id));
  context.report({ phase: 'dispatching', message: `Starting ${d.file} on ${context.branch}` });
  let answer;
  try {
    answer = await host.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', { owner, repo, workflow_id: d.file, ref: context.branch, inputs: d.inputs, return_run_details: true });
  } catch (error) {
    const e = error as { status?: number; response?: { data?: { message?: string } } };
    const message = e.response?.data?.message ?? '';
    // A server from before return_run_details refuses the field: dispatch without it and find the run by listing.
    if ((e.status === 400 || e.status === 422) && /return_run_details/i.test(message)) {
      answer = await gitHubCall(host, action, () => host.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', { owner, repo, workflow_id: d.file, ref: context.branch, inputs: d.inputs }), refused);
    } else {
      throw (typeof e.status === 'number' ? refused(e.status, message) : null) ?? (await gitHubCall(host, action, () => Promise.reject(error)));
    }
  }
  const returned = (answer.data as { workflow_run_id?: number } | undefined)?.workflow_run_id;
  if (typeof returned === 'number') return returned;
  context.report({ phase: 'waiting', message: `Dispatched ${d.file}: looking for the run GitHub created` });
  const limit = dispatchedAt + (d.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS);
  while (Date.now() < limit && !context.signal.aborted) {
    const runs = await hostCall(context, 'GitHub', () =>
      gitHubCall(host, 'find the dispatched run', () => host.octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: d.workflowId, event: 'workflow_dispatch', branch: context.branch, ...(context.commit ? { head_sha: context.commit } : {}), per_page: 20 })),
    );
    const created = runs.data.workflow_runs.filter((r) => !known.has(r.id) && (d.matches?.(r) ?? true)).sort((a, b) => a.id - b.id)[0];
    if (created) return created.id;
    await pause(d.tuning.pollMs ?? DEFAULT_POLL_MS, context.signal);
  }
  if (context.signal.aborted) throw new FleetError('CANCELLED', 'It was cancelled before GitHub started its run.');
  throw new FleetError('RUN_NOT_STARTED', `GitHub accepted the dispatch of ${d.file}, but no run of it appeared within ${Math.round((d.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS) / 1000)} s.`, { workflow: d.file });
}

/** Dispatches the workflow and follows its run to the end. */
export async function followGitHubRun(host: GitHubCiHost, context: RunContext, d: Dispatch): Promise<MethodOutcome> {
  const { owner, repo } = host;
  const runId = await dispatchWorkflow(host, context, d);
  const startLimit = Date.now() + (d.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS);
  const read = async (): Promise<RunInfo> =>
    (await hostCall(context, 'GitHub', () => gitHubCall(host, 'read the deploy run', () => host.octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })), true)).data;
  let run = await read();
  const link = run.html_url;
  context.report({ links: [{ label: `GitHub Actions run ${runId}`, url: link }] });
  let stopping: 'cancelled' | 'timed-out' | 'not-started' | null = null;
  for (;;) {
    const jobs = await hostCall(context, 'GitHub', () => gitHubCall(host, 'read the run\'s jobs', () => host.octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId, per_page: 100 })), true);
    const steps: DeployStep[] = jobs.data.jobs.map((job) => ({ name: job.name, state: stepState(job.status, job.conclusion), url: job.html_url ?? null, startedAt: job.started_at ?? null, finishedAt: job.completed_at ?? null }));
    if (run.status === 'completed') {
      context.report({ steps, message: `The run ended: ${run.conclusion ?? 'no conclusion'}` });
      break;
    }
    const waiting = NOT_STARTED.has(run.status ?? '');
    const current = steps.find((s) => s.state === 'running');
    if (!stopping) context.report({ steps, phase: waiting ? 'waiting' : 'running', message: waiting ? `Waiting for GitHub to start the run (${run.status})` : current ? `Job ${current.name}: running` : 'Running' });
    if (!stopping) {
      stopping = context.signal.aborted ? 'cancelled' : Date.now() > context.deadline ? 'timed-out' : waiting && Date.now() > startLimit ? 'not-started' : null;
      if (stopping) {
        context.report({ steps, message: 'Cancelling the run on GitHub' });
        await gitHubCall(host, 'cancel the deploy run', () => host.octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })).catch((error: unknown) => {
          // 409: it completed meanwhile; the next look says how.
          if ((error as FleetError).data?.status !== 409) throw error;
        });
      }
    }
    // Once cancelling, the answer is awaited whatever the signal says.
    await pause(d.tuning.pollMs ?? DEFAULT_POLL_MS, stopping ? new AbortController().signal : context.signal);
    run = await read();
  }
  if (stopping === 'not-started') {
    throw new FleetError('RUN_NOT_STARTED', `GitHub queued run ${runId} of ${d.file} but did not start it within ${Math.round((d.tuning.startLimitMs ?? DEFAULT_START_LIMIT_MS) / 1000)} s (no runner picked it up?); it was cancelled.`, { runId, url: link });
  }
  if (run.conclusion === 'success') return { outcome: 'succeeded', message: null, link };
  if (stopping === 'timed-out') return { outcome: 'timed-out', message: `Run ${runId} was cancelled at the environment's time limit.`, link };
  if (run.conclusion === 'cancelled') return { outcome: 'cancelled', message: stopping === 'cancelled' ? `Run ${runId} was cancelled.` : `Run ${runId} was cancelled on GitHub.`, link };
  return { outcome: 'failed', message: `Run ${runId} of ${d.file} concluded ${run.conclusion ?? 'without a conclusion'}.`, link };
}
