// run_check and run_command: the module's check, and allow-listed commands, in the working copy through the
// secret-free launcher (bound by the caller: `bindLauncher`), time-limited, their output kept as head and tail.

import { BoundedLog } from '../../checks/bounded-log';
import type { Launcher } from '../../launcher/launcher';
import type { ResolvedVariable } from '../../launcher/command-env';
import type { RunCheck } from '../loop/types';
import { commandRefusal } from './command-allow-list';
import { headAndTail, type ToolLimits } from './tool-limits';
import { ToolError, type ToolResult } from './tool-context';

/** How one command ended, with its bounded output. */
export interface CommandRun {
  ended: 'exited' | 'timed-out' | 'cancelled' | 'spawn-failed';
  exitCode: number | null;
  output: string;
  durationMs: number;
  spawnError?: string;
}

/** Runs one command line in the working copy (the service binds it to the launcher with cwd = the copy). */
export type LaunchCommand = (command: string, signal?: AbortSignal) => Promise<CommandRun>;

/** A LaunchCommand over `launcher`: cwd, time limit and the workspace's variables fixed; output kept as head + tail. */
export function bindLauncher(
  launcher: Launcher,
  options: { cwd: string; timeoutMs: number; variables?: ResolvedVariable[]; userGitConfig?: boolean; headBytes?: number; tailBytes?: number },
): LaunchCommand {
  return async (command, signal) => {
    const log = new BoundedLog(options.headBytes ?? 16 * 1024, options.tailBytes ?? 48 * 1024);
    const outcome = await launcher.run({ command, cwd: options.cwd, timeoutMs: options.timeoutMs, signal, variables: options.variables, userGitConfig: options.userGitConfig, onOutput: (chunk) => log.append(chunk) });
    return { ended: outcome.ended, exitCode: outcome.exitCode, output: log.text(), durationMs: outcome.durationMs, spawnError: outcome.spawnError };
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** run_check: the injected check; its outcome goes to the loop in `check`. */
export async function runCheckTool(runCheck: RunCheck, limits: ToolLimits, signal?: AbortSignal): Promise<ToolResult> {
  const result = await runCheck(signal);
  if (!result) throw new ToolError('No check command is configured for this module, so there is nothing to run; call finish when the work is done.');
  const output = headAndTail(result.output, limits.outputHeadBytes, limits.outputTailBytes);
  const how = result.passed ? 'passed' : `failed (${result.state}${result.exitCode === null ? '' : `, exit code ${result.exitCode}`})`;
  return {
    content: `The check ${how} in ${seconds(result.durationMs)}.\n${output.text}`,
    truncated: output.truncated,
    check: { passed: result.passed, state: result.state, exitCode: result.exitCode },
    touched: '*',
  };
}

/** run_command: refused unless the allow-list allows it; otherwise how it ended and its bounded output. */
export async function runCommandTool(launch: LaunchCommand | undefined, allowList: readonly string[], command: string, limits: ToolLimits, signal?: AbortSignal): Promise<ToolResult & { failed: boolean }> {
  const refusal = commandRefusal(command, launch ? allowList : []);
  if (refusal) throw new ToolError(refusal);
  const run = await launch!(command, signal);
  const output = headAndTail(run.output, limits.outputHeadBytes, limits.outputTailBytes);
  const head = {
    exited: `Exit code ${run.exitCode} after ${seconds(run.durationMs)}.`,
    'timed-out': `The command was stopped at its time limit after ${seconds(run.durationMs)}.`,
    cancelled: 'The command was cancelled.',
    'spawn-failed': `The command could not be started: ${run.spawnError ?? 'unknown reason'}.`,
  }[run.ended];
  return { content: output.text ? `${head}\n${output.text}` : head, truncated: output.truncated, failed: run.ended !== 'exited', touched: '*' };
}
