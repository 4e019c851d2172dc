// One module's check: its branch tip written to a temporary folder, the command run there within its time
// limit, the outcome turned into a CheckResult with a bounded log. The folder is removed whatever happens.

import { FleetError } from '../../../shared/errors';
import type { CheckResult, CheckState } from '../../../shared/types-checks';
import type { Workspace } from '../workspace/workspace';
import { writeCommitToFolder } from '../checkout/write-tree';
import { BoundedLog } from './bounded-log';
import type { CheckoutFolders } from './checkout-folders';
import type { LaunchSetup } from '../launcher/handlers';
import type { ProcessOutcome } from '../launcher/run-process';

export interface ModuleCheckRequest {
  workspace: Workspace;
  moduleId: string;
  command: string;
  timeoutSeconds: number;
  folders: CheckoutFolders;
  /** The launcher and the workspace's command variables: the command starts through it, never directly. */
  launch: LaunchSetup;
  signal?: AbortSignal;
  killGraceMs?: number;
  /** Called once the commit to check is known, before the checkout is written. */
  onStart?: (commit: string) => void;
  onOutput?: (chunk: Buffer) => void;
  /** Where the output is kept (default a new one); pass one to read the output while the check runs. */
  log?: BoundedLog;
}

/** Shell exit codes for "not found" and "not executable" (sh), and cmd.exe's "not recognized". */
const COULD_NOT_START = new Set([126, 127, 9009]);

/** The module branch's tip, or BRANCH_NOT_FOUND naming the branch. */
export async function moduleTip(workspace: Workspace, moduleId: string): Promise<string> {
  const branch = `${workspace.manifest.branchPrefix}${moduleId}`;
  const tip = await workspace.repo.resolveRef(`refs/heads/${branch}`);
  if (!tip) {
    throw new FleetError('BRANCH_NOT_FOUND', `The branch ${branch} of module "${moduleId}" does not exist (was it deleted outside Fleet Control?). Initialise the workspace again to recreate it.`, {
      moduleId,
      branch,
    });
  }
  return tip;
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

function judge(outcome: ProcessOutcome, log: string, timeoutSeconds: number): { state: CheckState; message?: string } {
  switch (outcome.ended) {
    case 'cancelled':
      return { state: 'cancelled', message: 'The check was cancelled.' };
    case 'timed-out':
      return { state: 'timed-out', message: `Stopped after ${timeoutSeconds} s, the time limit.` };
    case 'spawn-failed':
      return { state: 'error', message: `The shell could not be started: ${outcome.spawnError ?? 'unknown reason'}` };
    default:
      if (outcome.exitCode === 0) return { state: 'passed' };
      if (outcome.exitCode !== null && COULD_NOT_START.has(outcome.exitCode)) {
        return { state: 'error', message: lastLine(log) || `The command could not be started (exit code ${outcome.exitCode}).` };
      }
      if (outcome.exitCode === null) return { state: 'failed', message: `Ended by ${outcome.signal ?? 'a signal'}.` };
      return { state: 'failed', message: `Exited with code ${outcome.exitCode}.` };
  }
}

/** Checks out the module branch's tip into a temporary folder and runs the command there. */
export async function runModuleCheck(request: ModuleCheckRequest): Promise<{ result: CheckResult; log: string }> {
  const { workspace, moduleId, command, timeoutSeconds, folders } = request;
  const commit = await moduleTip(workspace, moduleId);
  request.onStart?.(commit);
  const startedAt = new Date();
  const started = performance.now();
  const log = request.log ?? new BoundedLog();
  const base = { moduleId, commit, command, startedAt: startedAt.toISOString() };
  const dir = await folders.create(moduleId);
  try {
    try {
      await writeCommitToFolder(workspace.repo, commit, dir, { signal: request.signal });
    } catch (error) {
      const cancelled = error instanceof FleetError && error.code === 'CANCELLED';
      const message = cancelled ? 'The check was cancelled.' : `The checkout could not be written: ${(error as Error).message}`;
      const result: CheckResult = { ...base, state: cancelled ? 'cancelled' : 'error', durationMs: Math.round(performance.now() - started), exitCode: null, message };
      return { result, log: '' };
    }
    const { launcher, variables, userGitConfig } = request.launch;
    const outcome = await launcher.run({
      command,
      cwd: dir,
      variables,
      userGitConfig,
      timeoutMs: timeoutSeconds * 1000,
      signal: request.signal,
      killGraceMs: request.killGraceMs,
      onOutput: (chunk) => {
        log.append(chunk);
        request.onOutput?.(chunk);
      },
    });
    const text = log.text();
    const verdict = judge(outcome, text, timeoutSeconds);
    const launched = { sandbox: outcome.sandbox, ...(outcome.secretNames.length > 0 ? { secretNames: outcome.secretNames } : {}) };
    const result: CheckResult = { ...base, ...verdict, durationMs: Math.round(performance.now() - started), exitCode: outcome.exitCode, ...launched };
    return { result, log: text };
  } finally {
    await folders.remove(dir);
  }
}
