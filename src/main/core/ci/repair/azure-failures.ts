// The failing builds of a branch tip on Azure DevOps with what a model needs to fix them: the latest build per
// pipeline at the tip, its timeline's failing tasks with their error issues, and each failing task's log lines
// (all when short, else the head and the tail, asked by line range). All redacted.

import { FleetError } from '../../../../shared/errors';
import type { CiFailedCheck } from '../../../../shared/types-ci-repair';
import { redact } from '../../secrets/redactor';
import { azureRepositoryIds } from '../azure-repository';
import type { AzureCiHost } from '../ci-host';
import { DEFAULT_EXCERPT, excerptLines, firstLines } from './log-excerpt';

// azure-devops-node-api's enums as numbers (its typed responses convert the host's words to these).
const RESULT_PARTIALLY_SUCCEEDED = 4;
const RESULT_FAILED = 8;
const TASK_FAILED = 2;
const QUEUE_TIME_DESCENDING = 4;
/** A log longer than this many lines is asked for as head and tail. */
const WHOLE_LOG_LINES = 400;
const HEAD_LINES = 60;
const TAIL_LINES = 300;

export interface AzureFailures {
  tip: string;
  checks: CiFailedCheck[];
}

const failedResult = (result: unknown): boolean => result === RESULT_FAILED || result === RESULT_PARTIALLY_SUCCEEDED || result === 'failed' || result === 'partiallySucceeded';
const failedTask = (result: unknown): boolean => result === TASK_FAILED || result === 'failed';

/** The failing builds of `branch` on Azure DevOps at its newest built commit (or at `tip`), each with a bounded, redacted excerpt. */
export async function azureFailures(host: AzureCiHost, branch: string, options: { tip?: string } = {}): Promise<AzureFailures> {
  const { connection } = host;
  const context = host.context(`read the builds of ${branch}`);
  const ids = await azureRepositoryIds(host);
  const api = await connection.call(context, () => connection.buildApi());
  const builds = await connection.call(context, () =>
    api.getBuilds(ids.projectId, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 50, undefined, undefined, undefined, QUEUE_TIME_DESCENDING, `refs/heads/${branch}`, undefined, ids.repositoryId, 'TfsGit'),
  );
  const tip = options.tip ?? builds[0]?.sourceVersion;
  if (!tip) throw new FleetError('BRANCH_NOT_PUSHED', `No build of ${branch} is on ${host.repository} ("${host.remote}"), so there is no CI failure to repair.`, { branch, remote: host.remote });
  const latest = new Map<string, (typeof builds)[number]>();
  for (const build of builds) {
    const name = build.definition?.name ?? String(build.definition?.id ?? build.id);
    if (build.sourceVersion === tip && !latest.has(name)) latest.set(name, build);
  }
  const checks: CiFailedCheck[] = [];
  for (const [name, build] of latest) {
    if (!failedResult(build.result) || build.id === undefined) continue;
    const buildId = build.id;
    const url = (build._links as { web?: { href?: string } } | undefined)?.web?.href ?? null;
    const timeline = await connection.call(context, () => api.getBuildTimeline(ids.projectId, buildId));
    const tasks = (timeline?.records ?? []).filter((r) => failedTask(r.result) && (r.type === 'Task' || r.type === 'Job'));
    const failing = tasks.filter((r) => r.type === 'Task').length ? tasks.filter((r) => r.type === 'Task') : tasks;
    const summary = firstLines(failing.map((r) => [`${r.name}: failed`, ...(r.issues ?? []).filter((i) => i.message).map((i) => `  ${i.message}`)].join('\n')).join('\n'));
    let excerpt: string | null = null;
    let note: string | null = null;
    const logId = failing.find((r) => r.log?.id !== undefined)?.log?.id;
    if (logId !== undefined) {
      const logs = await connection.call(context, () => api.getBuildLogs(ids.projectId, buildId));
      const count = logs?.find((l) => l.id === logId)?.lineCount ?? 0;
      if (count > WHOLE_LOG_LINES) {
        const head = await connection.call(context, () => api.getBuildLogLines(ids.projectId, buildId, logId, 1, HEAD_LINES));
        const tail = await connection.call(context, () => api.getBuildLogLines(ids.projectId, buildId, logId, count - TAIL_LINES + 1, count));
        excerpt = excerptLines(head ?? [], DEFAULT_EXCERPT, tail ?? [], `lines ${HEAD_LINES + 1}-${count - TAIL_LINES} of ${count}`);
      } else {
        const lines = await connection.call(context, () => api.getBuildLogLines(ids.projectId, buildId, logId));
        excerpt = lines?.length ? excerptLines(lines) : null;
      }
    } else note = 'no log for the failing task';
    checks.push({ name, kind: 'build', url: url && /^https?:\/\//i.test(url) ? url : null, summary, excerpt, source: excerpt ? 'build-log' : null, note });
  }
  return { tip, checks: redact(checks) };
}
