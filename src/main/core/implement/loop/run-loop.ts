// The built-in agent loop: turn after turn, the model sees the conversation and the working copy's tools, its
// calls run in order, and the guards (turns, wall time, budget, changed files, repeated failures) are checked
// around every call. finish runs the module's check, and a failing check goes back for a few repair rounds.

import { FleetError } from '../../../../shared/errors';
import { estimateTokens } from '../../agents/context/token-estimate';
import type { ConverseResult } from '../../agents/providers/types';
import { runCheckRound, repairMessage } from './check-round';
import { conversationChars, worstCaseInputTokens } from './conversation-size';
import { FailureTracker } from './failure-tracker';
import { LoopState } from './loop-state';
import { callModel } from './model-turn';
import { runToolCalls } from './tool-round';
import type { LoopRequest, LoopResult } from './types';

const NUDGE = 'You ended your turn without calling a tool. Continue the work with the tools, or call finish with a summary if the change is complete.';

/** The wall-time guard as a signal: it fires with the caller's cancel or when maxMs have passed. */
function runSignal(request: LoopRequest): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(0, request.guards.maxMs));
  const onAbort = (): void => controller.abort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  if (request.signal.aborted) controller.abort();
  return {
    signal: controller.signal,
    timedOut: () => timedOut && !request.signal.aborted,
    dispose: () => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    },
  };
}

/** Counts one finished turn: the provider's usage, or the estimate (said in a notice) when it reported none. */
function accountTurn(request: LoopRequest, state: LoopState, turn: number, result: Pick<ConverseResult, 'text' | 'reasoning' | 'toolCalls' | 'tokensIn' | 'tokensOut'>, inputChars: number): void {
  const outputChars = result.text.length + result.reasoning.length + result.toolCalls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const tokensIn = result.tokensIn ?? estimateTokens(inputChars);
  const tokensOut = result.tokensOut ?? estimateTokens(outputChars);
  if (result.tokensIn === null || result.tokensOut === null) {
    request.onEntry({ type: 'notice', level: 'info', text: `Turn ${turn}: the provider reported no token usage; about ${tokensIn} in and ${tokensOut} out (estimated from the text, about four characters per token) are counted.` });
  }
  const price = request.pricing.cost(tokensIn, tokensOut);
  const costUsd = price ?? 0;
  state.turns++;
  state.addUsage(tokensIn, tokensOut, costUsd);
  request.onEntry({ type: 'model', turn, text: result.text, ...(result.reasoning ? { reasoning: result.reasoning } : {}), tokensIn, tokensOut, costUsd });
  request.onUsage?.({ turns: state.turns, tokensIn: state.tokensIn, tokensOut: state.tokensOut, costUsd: state.costUsd });
}

/** Runs the loop until finish (and the check), a guard, a provider failure or a cancel; never throws for these. */
export async function runImplementLoop(request: LoopRequest): Promise<LoopResult> {
  const run = runSignal(request);
  try {
    return await loop(request, run.signal, run.timedOut);
  } finally {
    run.dispose();
  }
}

async function loop(request: LoopRequest, signal: AbortSignal, timedOut: () => boolean): Promise<LoopResult> {
  const { guards } = request;
  const state = new LoopState(request);
  const tracker = new FailureTracker(guards.repeatedFailureLimit);
  const stopped = (stop: 'cancelled' | 'provider-error' | 'error', error: FleetError): LoopResult => {
    if (stop === 'cancelled' && timedOut()) return stopHere(request, state, 'max-time', `The run reached its wall time of ${Math.round(guards.maxMs / 1000)} s.`);
    request.onEntry({ type: 'notice', level: stop === 'cancelled' ? 'info' : 'error', text: stop === 'cancelled' ? 'The run was cancelled; its changes so far are kept.' : error.message });
    return state.end(stop, error);
  };
  const now = request.now ?? Date.now;
  const started = now();
  let nudged = false;
  for (;;) {
    if (signal.aborted) return stopped('cancelled', new FleetError('CANCELLED', 'The run was cancelled.'));
    if (now() - started >= guards.maxMs) return stopHere(request, state, 'max-time', `The run reached its wall time of ${Math.round(guards.maxMs / 1000)} s.`);
    if (state.turns >= guards.maxTurns) return stopHere(request, state, 'max-turns', `The run reached its limit of ${guards.maxTurns} model turns.`);
    const worstIn = worstCaseInputTokens(request.system, request.tools.specs, state.messages);
    const refusal = request.budget(request.pricing.cost(worstIn, guards.maxOutputTokensPerTurn) ?? 0);
    if (refusal) {
      request.onEntry({ type: 'notice', level: 'warning', text: `Budget reached: ${refusal.message} The next model call was not made; the changes so far are kept.` });
      return state.end('budget', refusal);
    }
    const turn = state.nextTurnNumber();
    const inputChars = conversationChars(request.system, request.tools.specs, state.messages);
    const called = await callModel(request, state, turn, signal);
    if (!called.ok) {
      // Text that streamed before the cut was shown and is billed: count it by estimate.
      if (called.partialText) accountTurn(request, state, turn, { text: called.partialText, reasoning: '', toolCalls: [], tokensIn: null, tokensOut: null }, inputChars);
      return stopped(called.stop, called.error);
    }
    const { result } = called;
    accountTurn(request, state, turn, result, inputChars);
    state.messages.push({ role: 'assistant', text: result.text, toolCalls: result.toolCalls, ...(result.reasoning ? { reasoning: result.reasoning } : {}) });
    if (result.toolCalls.length === 0) {
      if (nudged) return stopHere(request, state, 'no-finish', 'The model ended two turns in a row without calling a tool or finish.');
      nudged = true;
      state.messages.push({ role: 'user', text: NUDGE });
      request.onEntry({ type: 'notice', level: 'info', text: `Turn ${turn} called no tool: the model was asked to continue with the tools or call finish.` });
      continue;
    }
    nudged = false;
    const round = await runToolCalls(request, state, result.toolCalls, turn, tracker, signal);
    state.messages.push({ role: 'tool', results: round.results });
    if (round.aborted) return stopped('cancelled', new FleetError('CANCELLED', 'The run was cancelled.'));
    const changed = await request.tools.changedCount();
    if (changed > guards.maxChangedFiles) return stopHere(request, state, 'max-files', `The run changed ${changed} files, more than its limit of ${guards.maxChangedFiles}.`);
    if (round.repeated) {
      return stopHere(request, state, 'repeated-failure', `The same failing call (${round.repeated.name} with the same arguments) was made ${guards.repeatedFailureLimit} times.`);
    }
    if (!round.finish) continue;
    state.summary = round.finish.summary;
    const check = await runCheckRound(request, state, state.repairRounds, signal);
    if (check.kind === 'stopped') return stopped(check.stop, check.error);
    // A check cut short by a cancel or the wall time is no verdict to repair.
    if (signal.aborted) return stopped('cancelled', new FleetError('CANCELLED', 'The run was cancelled.'));
    if (check.kind !== 'failed') return state.end('finished');
    if (state.repairRounds >= guards.repairRounds) {
      request.onEntry({ type: 'notice', level: 'warning', text: `The check still fails after ${state.repairRounds} repair round${state.repairRounds === 1 ? '' : 's'}; the run ends for review with the failing check.` });
      return state.end('finished');
    }
    state.repairRounds++;
    state.messages.push({ role: 'user', text: repairMessage(check, state.repairRounds, guards.repairRounds) });
    request.onEntry({ type: 'notice', level: 'info', text: `The check failed: its output went back to the model (repair round ${state.repairRounds} of ${guards.repairRounds}).` });
  }
}

/** Ends the run on a guard, saying which in a notice; the working copy keeps every change. */
function stopHere(request: LoopRequest, state: LoopState, stop: 'max-turns' | 'max-time' | 'max-files' | 'repeated-failure' | 'no-finish', text: string): LoopResult {
  request.onEntry({ type: 'notice', level: 'warning', text: `${text} The run stops; its changes so far are kept.` });
  return state.end(stop);
}
