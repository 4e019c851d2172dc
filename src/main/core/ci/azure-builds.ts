// Azure DevOps CI by branch: the repository's recent builds (one request, newest first), the latest build of each
// pipeline on each fleet branch as that branch's checks, the branch tips from the repository's refs, and for a
// failed build the failing task's error issues from its timeline (asked once per build: a finished build never
// changes).

import type { Build } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import type { CiBranchStatus, CiCheck } from '../../../shared/types-ci';
import type { AzureCiHost } from './ci-host';
import { azureRepositoryIds } from './azure-repository';
import { branchState, buildState, countChecks, firstLines, safeLink } from './ci-state';
import type { FleetBranch } from './fleet-branches';

/** Builds read per poll: the newest this many builds of the repository (every pipeline, every branch). */
export const RECENT_BUILDS = 300;
/** azure-devops-node-api's enums (BuildInterfaces.ts), as numbers: the client turns the wire's words into these. */
const BUILD_STATUS: Record<number, string> = { 0: 'none', 1: 'inProgress', 2: 'completed', 4: 'cancelling', 8: 'postponed', 32: 'notStarted' };
const BUILD_RESULT: Record<number, string> = { 0: 'none', 2: 'succeeded', 4: 'partiallySucceeded', 8: 'failed', 32: 'canceled' };
const QUEUE_TIME_DESCENDING = 4;
const TASK_FAILED = 2;
const ISSUE_ERROR = 1;

const summaries = new Map<string, string | null>();
const SUMMARY_CACHE = 500;

function word(table: Record<number, string>, value: unknown): string {
  return typeof value === 'number' ? (table[value] ?? String(value)) : typeof value === 'string' ? value : '';
}

/** The failing task's name and its first error lines, from the build's timeline (cached per build). */
async function failureSummary(host: AzureCiHost, build: Build): Promise<{ summary: string | null; requests: number }> {
  const key = `${host.organisationUrl}#${build.id}`;
  if (summaries.has(key)) return { summary: summaries.get(key)!, requests: 0 };
  const { connection } = host;
  const timeline = await connection.call(host.context('read the failed build\'s timeline'), async () => (await connection.buildApi()).getBuildTimeline(host.project, build.id!));
  const failed = (timeline?.records ?? []).filter((r) => r.result === TASK_FAILED && r.type === 'Task');
  const lines = failed.flatMap((r) => [`${r.name}:`, ...(r.issues ?? []).filter((i) => i.type === ISSUE_ERROR).map((i) => `  ${i.message ?? ''}`)]);
  const summary = firstLines(lines.join('\n'));
  if (summaries.size >= SUMMARY_CACHE) summaries.delete(summaries.keys().next().value!);
  summaries.set(key, summary);
  return { summary, requests: 1 };
}

async function checkOf(host: AzureCiHost, build: Build): Promise<{ check: CiCheck; requests: number }> {
  const status = word(BUILD_STATUS, build.status);
  const result = status === 'completed' ? word(BUILD_RESULT, build.result) : null;
  const state = buildState(status, result);
  const failure = state === 'failing' && build.id ? await failureSummary(host, build) : { summary: null, requests: 0 };
  const web = (build._links as { web?: { href?: string } } | undefined)?.web?.href;
  return {
    check: {
      name: build.definition?.name ?? `build ${build.id}`,
      kind: 'build',
      state,
      hostState: result ?? status,
      url: safeLink(web),
      summary: failure.summary,
      workflow: build.definition?.name ?? null,
      startedAt: build.startTime ? new Date(build.startTime).toISOString() : null,
      completedAt: build.finishTime ? new Date(build.finishTime).toISOString() : null,
    },
    requests: failure.requests,
  };
}

export interface BuildsResult {
  branches: CiBranchStatus[];
  requests: number;
}

/** Reads every fleet branch's latest build per pipeline and the branch tips on Azure DevOps. */
export async function readAzureBuilds(host: AzureCiHost, branches: readonly FleetBranch[]): Promise<BuildsResult> {
  const { connection } = host;
  const ids = await azureRepositoryIds(host);
  const context = host.context('read the builds of the fleet branches');
  const refs = await connection.call(context, async () => (await connection.gitApi()).getRefs(ids.repositoryId, ids.projectId, 'heads/'));
  const tips = new Map((refs ?? []).map((r) => [String(r.name).replace(/^refs\/heads\//, ''), r.objectId ?? null]));
  const builds = await connection.call(context, async () =>
    (await connection.buildApi()).getBuilds(host.project, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, RECENT_BUILDS, undefined, undefined, undefined, QUEUE_TIME_DESCENDING, undefined, undefined, ids.repositoryId, 'TfsGit'),
  );
  let requests = 2;
  // Newest first: the first build seen per (branch, pipeline) is that pipeline's latest on the branch.
  const latest = new Map<string, Map<string, Build>>();
  for (const build of builds ?? []) {
    const branch = String(build.sourceBranch ?? '').replace(/^refs\/heads\//, '');
    const perBranch = latest.get(branch) ?? new Map<string, Build>();
    const pipeline = String(build.definition?.id ?? build.definition?.name ?? '');
    if (!perBranch.has(pipeline)) perBranch.set(pipeline, build);
    latest.set(branch, perBranch);
  }
  const result: CiBranchStatus[] = [];
  for (const branch of branches) {
    const checks: CiCheck[] = [];
    for (const build of latest.get(branch.branch)?.values() ?? []) {
      const read = await checkOf(host, build);
      requests += read.requests;
      checks.push(read.check);
    }
    const counts = countChecks(checks);
    result.push({ ...branch, hostTip: tips.get(branch.branch) ?? null, state: branchState(counts), counts, checks });
  }
  return { branches: result, requests };
}
