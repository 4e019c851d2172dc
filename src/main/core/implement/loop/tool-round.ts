// The tool calls of one model turn, run in the order the model made them. Every call gets a result (the providers
// refuse a conversation where a call has none), also the calls left unrun after finish, a guard or a cancel.

import { FleetError } from '../../../../shared/errors';
import type { ToolCall, ToolResultMessage } from '../../agents/providers/types';
import type { ToolOutcome } from '../tools/types';
import { argumentsForTranscript, headAndTail, TRANSCRIPT_RESULT_CHARS } from './bounded-text';
import type { FailureTracker } from './failure-tracker';
import type { LoopState } from './loop-state';
import type { LoopRequest } from './types';

export interface ToolRound {
  results: ToolResultMessage[];
  /** Set when the model called finish successfully. */
  finish: { summary: string } | null;
  /** The call that failed the same way too many times. */
  repeated: ToolCall | null;
  /** The signal fired during the round (cancel or wall time). */
  aborted: boolean;
}

/** One call's outcome; a throw other than a cancel becomes a tool error the model sees. */
async function execute(request: LoopRequest, call: ToolCall, signal: AbortSignal): Promise<ToolOutcome | 'aborted'> {
  try {
    return await request.tools.execute({ name: call.name, arguments: call.arguments }, signal);
  } catch (error) {
    if (signal.aborted || (error instanceof FleetError && error.code === 'CANCELLED')) return 'aborted';
    const message = error instanceof FleetError ? error.message : 'the tool failed unexpectedly';
    return { ok: false, content: `Error: ${message}`, truncated: false };
  }
}

/** Runs `calls` of model turn `turn`, recording each as a 'tool' transcript entry. */
export async function runToolCalls(request: LoopRequest, state: LoopState, calls: ToolCall[], turn: number, tracker: FailureTracker, signal: AbortSignal): Promise<ToolRound> {
  const round: ToolRound = { results: [], finish: null, repeated: null, aborted: false };
  const now = request.now ?? Date.now;
  for (const call of calls) {
    const skipped = round.aborted ? 'the run was stopped' : round.finish ? 'finish was called before it' : round.repeated ? 'the run stopped on a repeated failing call' : null;
    if (skipped === null && signal.aborted) round.aborted = true;
    if (skipped !== null || round.aborted) {
      round.results.push({ callId: call.id, content: `Not run: ${skipped ?? 'the run was stopped'}.`, isError: true });
      continue;
    }
    const started = now();
    const outcome = await execute(request, call, signal);
    if (outcome === 'aborted') {
      round.aborted = true;
      round.results.push({ callId: call.id, content: 'Not completed: the run was stopped.', isError: true });
      continue;
    }
    state.toolCalls++;
    const shown = headAndTail(outcome.content, TRANSCRIPT_RESULT_CHARS);
    request.onEntry({
      type: 'tool',
      turn,
      callId: call.id,
      tool: call.name,
      args: argumentsForTranscript(call.arguments),
      ok: outcome.ok,
      result: shown.text,
      truncated: outcome.truncated || shown.cut,
      durationMs: Math.max(0, now() - started),
    });
    round.results.push({ callId: call.id, content: outcome.content, isError: !outcome.ok });
    const failed = !outcome.ok || outcome.check?.passed === false;
    if (tracker.record(call.name, call.arguments, failed)) round.repeated = call;
    if (outcome.ok && outcome.finish) round.finish = outcome.finish;
  }
  return round;
}
