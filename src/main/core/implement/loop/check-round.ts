// The check after finish and the repair rounds: the module's check runs in the working copy; a failure goes back to
// the model (bounded) for another try, up to the guard's number of repair rounds. Each outcome is a 'check' entry.

import type { CheckState } from '../../../../shared/types-checks';
import { headAndTail, REPAIR_OUTPUT_CHARS, TRANSCRIPT_RESULT_CHARS } from './bounded-text';
import type { LoopState } from './loop-state';
import { classifyError } from './model-turn';
import type { LoopRequest } from './types';
import type { FleetError } from '../../../../shared/errors';

export type CheckRound =
  | { kind: 'none' } // no check configured
  | { kind: 'passed' }
  | { kind: 'failed'; output: string; state: string; exitCode: number | null }
  | { kind: 'stopped'; stop: 'cancelled' | 'provider-error' | 'error'; error: FleetError };

/** Runs the check as round `round` (0: after the first finish; n: after repair round n) and records it. */
export async function runCheckRound(request: LoopRequest, state: LoopState, round: number, signal: AbortSignal): Promise<CheckRound> {
  let outcome: Awaited<ReturnType<LoopRequest['runCheck']>>;
  try {
    outcome = await request.runCheck(signal);
  } catch (error) {
    return { kind: 'stopped', ...classifyError(error, signal) };
  }
  if (outcome === null) {
    request.onEntry({ type: 'notice', level: 'info', text: 'No check command is configured for this module: the run ends without a check.' });
    return { kind: 'none' };
  }
  state.check = { passed: outcome.passed, state: outcome.state, exitCode: outcome.exitCode, round, durationMs: outcome.durationMs };
  request.onEntry({
    type: 'check',
    round,
    state: outcome.state as CheckState,
    exitCode: outcome.exitCode,
    output: headAndTail(outcome.output, TRANSCRIPT_RESULT_CHARS).text,
    durationMs: outcome.durationMs,
    ...(outcome.sandbox ? { sandbox: outcome.sandbox } : {}),
  });
  if (outcome.passed) return { kind: 'passed' };
  return { kind: 'failed', output: outcome.output, state: outcome.state, exitCode: outcome.exitCode };
}

/** The user message of a repair round: what failed and the check's output, bounded to its head and tail. */
export function repairMessage(failed: { output: string; state: string; exitCode: number | null }, round: number, rounds: number): string {
  const how = failed.exitCode === null ? failed.state : `${failed.state}, exit code ${failed.exitCode}`;
  const output = headAndTail(failed.output, REPAIR_OUTPUT_CHARS).text;
  return [
    `The module's check failed after you called finish (${how}). Repair round ${round} of ${rounds}.`,
    'Its output:',
    '```',
    output.replaceAll('```', '`\u200b``'),
    '```',
    'Fix the cause with the tools, run run_check to confirm, then call finish again with a summary of all your changes.',
  ].join('\n');
}
