// GitHub CI through REST where GraphQL is not allowed (a GitHub App or Enterprise server that refuses it): per
// branch, its check runs (GET /repos/{o}/{r}/commits/{ref}/check-runs, every page) and its combined commit status
// (GET .../commits/{ref}/status). A branch GitHub does not have (422 "No commit found") has no CI.

import { FleetError } from '../../../shared/errors';
import type { CiBranchStatus, CiCheck } from '../../../shared/types-ci';
import { mapLimit } from '../remotes/map-limit';
import type { GitHubCiHost } from './ci-host';
import { gitHubCiError } from './ci-errors';
import { branchState, checkRunState, countChecks, firstLines, safeLink, statusContextState } from './ci-state';
import type { FleetBranch } from './fleet-branches';

const CONCURRENCY = 4;

interface RestCheckRun {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  html_url?: string | null;
  details_url?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  output?: { title?: string | null; summary?: string | null };
}

interface RestStatus {
  context: string;
  state: string;
  target_url?: string | null;
  description?: string | null;
  created_at?: string | null;
}

function runCheck(run: RestCheckRun): CiCheck {
  const state = checkRunState(run.status, run.conclusion);
  return {
    name: run.name,
    kind: 'check-run',
    state,
    hostState: run.status === 'completed' ? (run.conclusion ?? 'completed') : run.status,
    url: safeLink(run.details_url ?? run.html_url),
    summary: state === 'failing' ? firstLines([run.output?.title, run.output?.summary].filter(Boolean).join('\n')) : null,
    workflow: null,
    startedAt: run.started_at ?? null,
    completedAt: run.completed_at ?? null,
  };
}

function statusCheck(status: RestStatus): CiCheck {
  const state = statusContextState(status.state);
  return {
    name: status.context,
    kind: 'status',
    state,
    hostState: status.state,
    url: safeLink(status.target_url),
    summary: state === 'failing' ? firstLines(status.description) : null,
    workflow: null,
    startedAt: status.created_at ?? null,
    completedAt: null,
  };
}

/** 422 "No commit found for SHA": the host does not have the branch. */
function isMissingRef(error: unknown): boolean {
  return (error as { status?: number }).status === 422;
}

export interface RestResult {
  branches: CiBranchStatus[];
  requests: number;
}

/** Reads every branch's CI through REST (two calls per branch GitHub has, one per branch it lacks, more for over 100 check runs). */
export async function readRestStatus(host: GitHubCiHost, branches: readonly FleetBranch[]): Promise<RestResult> {
  const context = host.context('read the check runs and statuses of the fleet branches');
  const before = host.rate.requests;
  const { octokit, owner, repo } = host;
  const read = async (branch: FleetBranch): Promise<CiBranchStatus> => {
    try {
      const runs: RestCheckRun[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.checks.listForRef, { owner, repo, ref: branch.branch, per_page: 100 })) {
        runs.push(...(page.data as unknown as RestCheckRun[]));
      }
      const combined = (await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: branch.branch, per_page: 100 })).data as unknown as { sha: string; statuses: RestStatus[] };
      const checks = [...runs.map(runCheck), ...combined.statuses.map(statusCheck)];
      const counts = countChecks(checks);
      return { ...branch, hostTip: combined.sha ?? runs[0]?.head_sha ?? null, state: branchState(counts), counts, checks };
    } catch (error) {
      if (error instanceof FleetError) throw error;
      if (isMissingRef(error)) return { ...branch, hostTip: null, state: 'none', counts: { passing: 0, failing: 0, running: 0, skipped: 0 }, checks: [] };
      throw gitHubCiError(error, context);
    }
  };
  // The first failure stops the rest, and the call returns only once nothing is in flight any more.
  let failure: unknown = null;
  const results = await mapLimit([...branches], CONCURRENCY, async (branch) => {
    if (failure) return null;
    try {
      return await read(branch);
    } catch (error) {
      failure ??= error;
      return null;
    }
  });
  if (failure) throw failure;
  const branchesRead = results as CiBranchStatus[];
  // Every answer counts against the limit, the 422s of branches GitHub does not have included.
  return { branches: branchesRead, requests: host.rate.requests - before };
}
