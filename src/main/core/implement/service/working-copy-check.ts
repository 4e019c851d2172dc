// The module's check command as a run sees it: the manifest's command (the module's own, else the workspace's), run
// in the run's working copy through the launcher with the workspace's command variables, only once this machine's
// user confirmed it (the same consent as checks), its output bounded to its head and tail.

import { FleetError } from '../../../../shared/errors';
import type { Manifest } from '../../../../shared/manifest';
import type { RepoCommand } from '../../../../shared/types-trust';
import type { CheckState } from '../../../../shared/types-checks';
import { BoundedLog } from '../../checks/bounded-log';
import type { LaunchSetup } from '../../launcher/handlers';
import type { LaunchOutcome } from '../../launcher/launcher';
import type { RunCheck } from '../loop/types';

/** What is kept of a check's output: the first 8 KB and the last 24 KB (the tools' own bound of what the model sees). */
const HEAD_BYTES = 8 * 1024;
const TAIL_BYTES = 24 * 1024;
/** Shell exit codes for "not found" and "not executable" (sh), and cmd.exe's "not recognized". */
const COULD_NOT_START = new Set([126, 127, 9009]);

export interface ModuleCheckCommand {
  command: string;
  timeoutSeconds: number;
  /** How the consent gate knows it: `check:<module>` for a module's own command, `check:*` for the workspace's. */
  consent: RepoCommand;
}

/** The module's check command from the manifest, or null when none is set. */
export function moduleCheckCommand(manifest: Manifest, moduleId: string): ModuleCheckCommand | null {
  const own = manifest.modules.find((m) => m.id === moduleId)?.check;
  const command = own?.command ?? manifest.checks?.command;
  const timeoutSeconds = own?.timeoutSeconds ?? manifest.checks?.timeoutSeconds;
  if (!command || !timeoutSeconds) return null;
  return { command, timeoutSeconds, consent: { kind: 'check', scope: own?.command ? moduleId : '*', command } };
}

function verdict(outcome: LaunchOutcome): CheckState {
  switch (outcome.ended) {
    case 'cancelled':
      return 'cancelled';
    case 'timed-out':
      return 'timed-out';
    case 'spawn-failed':
      return 'error';
    default:
      if (outcome.exitCode === 0) return 'passed';
      return outcome.exitCode !== null && COULD_NOT_START.has(outcome.exitCode) ? 'error' : 'failed';
  }
}

export interface WorkingCopyCheckOptions {
  check: ModuleCheckCommand | null;
  dir: string;
  launch: LaunchSetup;
  /** The settings' limit of one command inside a run; the check's own limit applies when shorter. */
  maxSeconds: number;
  killGraceMs?: number;
}

/** The loop's run_check and final check over one working copy (null result: no check command is configured). */
export function workingCopyCheck(options: WorkingCopyCheckOptions): RunCheck {
  const { check, dir, launch } = options;
  return async (signal) => {
    if (!check) return null;
    const log = new BoundedLog(HEAD_BYTES, TAIL_BYTES);
    const outcome = await launch.launcher.run({
      command: check.command,
      cwd: dir,
      variables: launch.variables,
      userGitConfig: launch.userGitConfig,
      timeoutMs: Math.min(check.timeoutSeconds, options.maxSeconds) * 1000,
      signal,
      killGraceMs: options.killGraceMs,
      onOutput: (chunk) => log.append(chunk),
    });
    if (outcome.ended === 'cancelled' && signal?.aborted) throw new FleetError('CANCELLED', 'The check was cancelled.');
    const state = verdict(outcome);
    const note = outcome.ended === 'timed-out' ? `\n[stopped after ${Math.min(check.timeoutSeconds, options.maxSeconds)} s, the time limit]` : outcome.ended === 'spawn-failed' ? `\n[the shell could not start: ${outcome.spawnError ?? 'unknown reason'}]` : '';
    return { passed: state === 'passed', state, exitCode: outcome.exitCode, output: `${log.text()}${note}`, durationMs: Math.round(outcome.durationMs), sandbox: outcome.sandbox };
  };
}
