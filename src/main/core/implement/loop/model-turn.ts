// One model call of the loop: the conversation and the tools go to the provider; text and reasoning stream to the
// caller; a provider failure or a cancel becomes an outcome, never a throw, so the run keeps its work.

import { FleetError, type ErrorCode } from '../../../../shared/errors';
import type { ConverseResult } from '../../agents/providers/types';
import type { LoopRequest } from './types';
import type { LoopState } from './loop-state';

/** Codes that mean the provider (or the way to it) failed: the run ends as 'provider-error'. */
const PROVIDER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH_FAILED',
  'KEY_MISSING',
  'QUOTA_EXHAUSTED',
  'RATE_LIMITED',
  'PROVIDER_ERROR',
  'PROVIDER_TIMEOUT',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'CONTEXT_TOO_LARGE',
  'NETWORK',
  'INSECURE_TRANSPORT',
]);

export type ModelTurnOutcome =
  | { ok: true; result: ConverseResult }
  | { ok: false; stop: 'cancelled' | 'provider-error' | 'error'; error: FleetError; partialText: string };

/** How a thrown error ends the run: cancelled when the signal fired, provider-error for the provider's codes. */
export function classifyError(error: unknown, signal: AbortSignal): { stop: 'cancelled' | 'provider-error' | 'error'; error: FleetError } {
  if (signal.aborted || (error instanceof FleetError && error.code === 'CANCELLED')) {
    return { stop: 'cancelled', error: error instanceof FleetError && error.code === 'CANCELLED' ? error : new FleetError('CANCELLED', 'The run was cancelled.') };
  }
  if (error instanceof FleetError) return { stop: PROVIDER_CODES.has(error.code) ? 'provider-error' : 'error', error };
  // Unknown errors keep no internals: their text may hold anything.
  return { stop: 'error', error: new FleetError('INTERNAL', 'The agent loop failed unexpectedly. Details are in the log.') };
}

/** Makes one model turn with `signal`; retries are the client's and are reported as notices. */
export async function callModel(request: LoopRequest, state: LoopState, turn: number, signal: AbortSignal): Promise<ModelTurnOutcome> {
  let partialText = '';
  try {
    const result = await request.client.converse(
      { model: request.model, system: request.system, messages: state.messages, tools: request.tools.specs, maxOutputTokens: request.guards.maxOutputTokensPerTurn },
      {
        signal,
        onText: (delta) => {
          partialText += delta;
          request.onModelText?.(turn, delta);
        },
        onReasoning: (delta) => request.onModelReasoning?.(turn, delta),
        onRetry: (notice) =>
          request.onEntry({
            type: 'notice',
            level: 'warning',
            text: `Turn ${turn}: ${notice.reason}; trying again in ${Math.round(notice.delayMs / 100) / 10} s (attempt ${notice.attempt} of ${notice.maxAttempts}).`,
          }),
      },
    );
    return { ok: true, result };
  } catch (error) {
    return { ok: false, ...classifyError(error, signal), partialText };
  }
}
