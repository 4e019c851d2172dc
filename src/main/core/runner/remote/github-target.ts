// The GitHub Actions side of a remote batch: workflow_dispatch of fleet-control.yml on the default branch with the
// job's inputs (the run found as deploys find theirs: dispatchWorkflow, matched by the run id in its run-name), one
// listing of the workflow's runs per look at all runs out, a run's jobs and steps, cancel, and record.json read from
// the run's artifact (fleet-control-<run id>).

import { basename } from 'node:path';
import { FleetError } from '../../../../shared/errors';
import type { RemoteJob, RemoteStepState } from '../../../../shared/types-remote';
import type { RunnerRecord } from '../../../../shared/types-runner';
import type { GitHubCiHost } from '../../ci/ci-host';
import { gitHubCall } from '../../deploy/methods/github-call';
import { dispatchWorkflow } from '../../deploy/methods/github-run';
import { GITHUB_WORKFLOW_PATH } from '../workflows/runner-files';
import { recordFromArtifact } from './artifact-record';
import type { CiRunView, JobDispatch, RemoteTargetClient } from './target';

const FILE = basename(GITHUB_WORKFLOW_PATH);
/** Runs listed per look: the newest 100 cover every run a batch has out (the concurrency cap is at most 64). */
const PAGE = 100;

function stepState(status: string | null | undefined, conclusion: string | null | undefined): RemoteStepState {
  if (status !== 'completed') return status === 'in_progress' ? 'running' : 'queued';
  if (conclusion === 'success' || conclusion === 'neutral') return 'succeeded';
  if (conclusion === 'skipped') return 'skipped';
  if (conclusion === 'cancelled') return 'cancelled';
  return 'failed';
}

/** The workflow_dispatch inputs of the generated workflow (GITHUB_INPUTS): every value a string, unset ones empty. */
export function workflowInputs(job: JobDispatch): Record<string, string> {
  return {
    kind: job.kind,
    module: job.moduleId,
    tip: job.tip,
    run_id: job.dispatchId,
    budget: job.budgetUsd === null ? '' : String(job.budgetUsd),
    engine: job.engine ?? '',
    provider: job.provider ?? '',
    model: job.model ?? '',
    base_url: job.baseUrl ?? '',
    max_minutes: job.maxMinutes === undefined ? '' : String(job.maxMinutes),
  };
}

/** The GitHub Actions client of a remote batch on `host`, dispatching on `branch` (the default branch). */
export function gitHubTarget(host: GitHubCiHost, branch: string, tuning: { pollMs?: number; startLimitMs?: number } = {}): RemoteTargetClient {
  const { owner, repo, octokit } = host;
  return {
    describe: `GitHub Actions ${FILE} on ${host.repository}`,
    async dispatch(job, signal) {
      const context = {
        branch,
        commit: '',
        signal,
        deadline: Date.now() + (tuning.startLimitMs ?? 10 * 60_000),
        report: () => undefined,
        output: () => undefined,
      };
      let id: number;
      try {
        id = await dispatchWorkflow(host, context, {
          file: FILE,
          workflowId: FILE,
          inputs: workflowInputs(job),
          tuning,
          matches: (run) => (run.display_title ?? run.name ?? '').includes(`(${job.dispatchId})`),
        });
      } catch (error) {
        if (error instanceof FleetError && (error.code === 'REPO_NOT_FOUND' || error.data?.status === 404)) {
          throw new FleetError(
            'WORKFLOW_NOT_FOUND',
            `GitHub has no ${GITHUB_WORKFLOW_PATH} on ${branch} of ${host.repository}: set up CI runners first (Fleet Control opens the pull request that adds it), and merge it.`,
            { remote: host.remote, workflow: FILE, branch },
          );
        }
        throw error;
      }
      return { ciRunId: String(id), url: null };
    },
    async find(dispatchId) {
      const { data } = await gitHubCall(host, 'find a dispatched run of the Fleet Control workflow', () =>
        octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: FILE, event: 'workflow_dispatch', branch, per_page: PAGE }),
      );
      const run = data.workflow_runs.find((r) => ((r.display_title ?? r.name ?? '') as string).includes(`(${dispatchId})`));
      return run ? { ciRunId: String(run.id), url: run.html_url } : null;
    },
    async readRuns(ids) {
      const wanted = new Set(ids);
      const found = new Map<string, CiRunView>();
      if (wanted.size === 0) return found;
      const { data } = await gitHubCall(host, 'read the runs of the Fleet Control workflow', () =>
        octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: FILE, event: 'workflow_dispatch', branch, per_page: PAGE }),
      );
      for (const run of data.workflow_runs) {
        if (wanted.has(String(run.id))) found.set(String(run.id), { status: run.status === 'completed' ? 'completed' : run.status === 'in_progress' ? 'in_progress' : 'queued', conclusion: run.conclusion ?? null, url: run.html_url, updatedAt: run.updated_at });
      }
      // Older than the newest page (a long batch on a busy repository): asked one by one.
      for (const id of wanted) {
        if (found.has(id)) continue;
        const { data: run } = await gitHubCall(host, `read run ${id}`, () => octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: Number(id) }));
        found.set(id, { status: run.status === 'completed' ? 'completed' : run.status === 'in_progress' ? 'in_progress' : 'queued', conclusion: run.conclusion ?? null, url: run.html_url, updatedAt: run.updated_at });
      }
      return found;
    },
    async jobs(id) {
      const { data } = await gitHubCall(host, `read the jobs of run ${id}`, () => octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: Number(id), per_page: 100 }));
      return data.jobs.map((job): RemoteJob => ({
        name: job.name,
        state: stepState(job.status, job.conclusion),
        url: job.html_url ?? null,
        steps: (job.steps ?? []).map((step) => ({ name: step.name, state: stepState(step.status, step.conclusion) })),
      }));
    },
    async cancel(id) {
      await gitHubCall(host, `cancel run ${id}`, () => octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: Number(id) })).catch((error: unknown) => {
        // 409: it completed meanwhile; the next look says how.
        if ((error as FleetError).data?.status !== 409) throw error;
      });
    },
    async record(id, dispatchId): Promise<RunnerRecord | null> {
      const { data } = await gitHubCall(host, `list the artifacts of run ${id}`, () => octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: Number(id), per_page: 100 }));
      const artifact = data.artifacts.find((a) => a.name === `fleet-control-${dispatchId}` && !a.expired);
      if (!artifact) return null;
      const download = await gitHubCall(host, `download the artifact of run ${id}`, () => octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: 'zip' }));
      return recordFromArtifact(Buffer.from(download.data as ArrayBuffer), id, dispatchId);
    },
    rate() {
      const reading = host.rate.reading('core');
      return { requests: host.rate.requests, limit: reading?.limit ?? null, remaining: reading?.remaining ?? null, resetAt: reading?.resetAt?.getTime() ?? null };
    },
  };
}
