// `fleet-control push` and `fleet-control fetch`: push or fetch, and print a report per branch and remote. Tokens
// come from FLEET_GIT_TOKEN (or FLEET_GIT_TOKEN_<REMOTE>) or the stored credential. Ctrl+C cancels the work and exits
// 130 once it has stopped.
//
// The push runs the core's push over the workspace itself, without the app around it: a command pushes once and
// exits, so the app's board, documents and job events would only be loaded to go unused (~12 ms of every push). The
// fetch runs as the app's job.

import type { FleetApp } from './core/app';
import { cancelOnInterrupt, log } from './cli-io';
import { FleetError, toErrorPayload } from '../shared/errors';
import type { JobFinished, JobKind, JobResults } from '../shared/types';
import type { FetchReport, PushReport } from '../shared/types-remotes';
import { Workspace } from './core/workspace/workspace';
import { nameProcessOperation } from './core/git/missing-objects';
import { pushToRemotes } from './core/remotes/push-all';
import { requireRemoteNames } from './core/remotes/remote-config';
import type { RemoteServices } from './core/remotes/remote-endpoint';
import { redact } from './core/secrets/redactor';
import { redactingLog } from './core/secrets/redacting-log';

type Print = (line?: string) => void;

/** Starts a job and waits for its end: the result, or the job's error thrown as a FleetError; Ctrl+C cancels it. */
async function runJob<K extends JobKind>(app: FleetApp, kind: K, start: () => Promise<{ jobId: string }>): Promise<JobResults[K]> {
  const finished: JobFinished[] = [];
  let wake: (() => void) | null = null;
  const off = app.onEvent((event, payload) => {
    if (event !== 'jobFinished') return;
    finished.push(payload as JobFinished);
    wake?.();
  });
  let jobId: string | null = null;
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    if (jobId) void app.handlers.cancelJob({ jobId }).catch(() => undefined);
  };
  const release = cancelOnInterrupt(kind, cancel);
  try {
    ({ jobId } = await start());
    if (cancelled) cancel();
    for (;;) {
      const done = finished.find((f) => f.jobId === jobId);
      if (done) {
        if (!done.ok || done.kind !== kind) {
          const error = done.error ?? { code: 'INTERNAL' as const, message: `The ${kind} job ended without a result.` };
          throw new FleetError(error.code, error.message, error.data);
        }
        return done.result as JobResults[K];
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    off();
    release();
  }
}

const STATUS_LABELS: Record<string, string> = {
  pushed: 'pushed',
  'up-to-date': 'up to date',
  behind: 'behind',
  'non-fast-forward': 'not a fast-forward',
  rejected: 'rejected',
  'not-attempted': 'not attempted',
  queued: 'queued (retry)',
};

/** The push report as text: per remote a heading, then one line per branch (with the reason for failures). */
export function formatPushReport(report: PushReport): string {
  const lines: string[] = [];
  const width = Math.max(...Object.values(STATUS_LABELS).map((label) => label.length));
  for (const remote of report.remotes) {
    lines.push(`${remote.remote}${remote.url ? ` (${remote.url})` : ''}${remote.error ? `: ${remote.error.code}: ${remote.error.message}` : ''}`);
    for (const branch of remote.branches) {
      const tip = branch.status === 'pushed' ? `  ${branch.remoteTipBefore?.slice(0, 7) ?? 'new'}..${branch.localTip.slice(0, 7)}` : '';
      lines.push(`  ${(STATUS_LABELS[branch.status] ?? branch.status).padEnd(width)}  ${branch.branch}${tip}`);
      // The remote-level error already says why every branch was not attempted.
      if (branch.message && !(remote.error && branch.status === 'not-attempted')) {
        for (const line of branch.message.split('\n')) lines.push(`      ${line}`);
      }
    }
  }
  lines.push(`${report.pushed} pushed, ${report.upToDate} up to date, ${report.failed} failed (${(report.durationMs / 1000).toFixed(2)} s)`);
  return lines.join('\n');
}

/** The fetch report as text: one line per remote. */
export function formatFetchReport(report: FetchReport): string {
  return report.remotes
    .map((r) => `${r.remote}${r.url ? ` (${r.url})` : ''}: ${r.error ? `${r.error.code}: ${r.error.message}` : `${r.updated} remote-tracking branch${r.updated === 1 ? '' : 'es'} updated`}`)
    .join('\n');
}

export interface PushCommandOptions {
  json: boolean;
  print: Print;
  /** Warnings (the command line's stderr by default). */
  log?: (message: string, error?: unknown) => void;
  /** Cancels the push: it ends with what it did so far (Ctrl+C in the command, `cancel` from it in the helper). */
  signal?: AbortSignal;
  /** Opens the workspace (Workspace.open by default; the helper keeps its workspaces open between pushes). */
  openWorkspace?: (path: string) => Promise<Workspace>;
}

/**
 * `push`: every module branch, the workspace branch and the integration branch with commits a remote lacks, to the
 * named remotes (all when none); false when any branch failed. What is printed is redacted, as the app's events are.
 * Run by the command itself or by its background helper (daemon/server.ts).
 */
export async function pushCommand(path: string, remotes: string[] | undefined, services: RemoteServices, options: PushCommandOptions): Promise<boolean> {
  nameProcessOperation('fleet-control push');
  const workspace = await (options.openWorkspace ? options.openWorkspace(path) : Workspace.open(path));
  const names = await requireRemoteNames(workspace.repo, remotes?.length ? remotes : undefined);
  if (names.length === 0) throw new FleetError('REMOTE_NOT_FOUND', 'This repository has no remote to push to. Add one with `git remote add <name> <https-url>`.');
  const pushLog = redactingLog(options.log ?? log);
  let report: PushReport;
  try {
    report = redact(await pushToRemotes(workspace, services, { remotes: names, signal: options.signal, log: pushLog }));
  } catch (error) {
    // As a job's failure reaches the app: a FleetError as it is, anything else logged and told as INTERNAL.
    if (!(error instanceof FleetError)) pushLog('the push failed unexpectedly', error);
    const payload = redact(toErrorPayload(error));
    throw new FleetError(payload.code, payload.message, payload.data);
  }
  options.print(options.json ? JSON.stringify(report, null, 2) : formatPushReport(report));
  return report.failed === 0;
}

/** `fetch`: into refs/remotes/<remote>/*; false when a remote could not be fetched. */
export async function fetchCommand(app: FleetApp, remotes: string[] | undefined, json: boolean, print: Print): Promise<boolean> {
  const report = await runJob(app, 'fetch', () => app.handlers.fetchRemotes(remotes?.length ? { remotes } : {}));
  print(json ? JSON.stringify(report, null, 2) : formatFetchReport(report));
  return report.remotes.every((r) => r.error === null);
}
