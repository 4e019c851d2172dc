// The one retry mechanism of the client layer (the SDKs' own retries are off): 429 and 5xx answers, and
// servers that never start answering, are tried again with exponential backoff honouring Retry-After.

import { FleetError } from '../../../../shared/errors';
import type { RetryPolicy } from './types';

/** A failed attempt as the retry loop sees it. */
export interface AttemptFailure {
  error: FleetError;
  retryable: boolean;
  /** From Retry-After / retry-after-ms, when the provider said how long to wait. */
  retryAfterMs?: number | null;
}

export function cancelledError(): FleetError {
  return new FleetError('CANCELLED', 'The run was cancelled.');
}

/** Waits `ms`, or throws CANCELLED as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function backoff(attempt: number, policy: RetryPolicy, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  // Jitter keeps 32 runs that were limited together from retrying in lockstep.
  return Math.min(policy.maxDelayMs, Math.round(exponential * (0.8 + Math.random() * 0.4)));
}

function withAttempts(error: FleetError, attempts: number): FleetError {
  return attempts > 1 ? new FleetError(error.code, `${error.message} (gave up after ${attempts} attempts)`, { ...error.data, attempts }) : error;
}

/**
 * After failed attempt number `attempt`: throws the error to give up with (not retryable, attempts used up, or a
 * Retry-After longer than the policy waits: RATE_LIMITED), or returns how long to wait before the next attempt.
 */
export function nextDelay(failure: AttemptFailure, attempt: number, policy: RetryPolicy): number {
  const retryAfterMs = failure.retryAfterMs ?? null;
  if (!failure.retryable || attempt >= policy.maxAttempts) throw withAttempts(failure.error, attempt);
  if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
    throw new FleetError('RATE_LIMITED', `${failure.error.message} It asks to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than Fleet Control waits; try again later.`, {
      ...failure.error.data,
      retryAfterMs,
    });
  }
  return backoff(attempt, policy, retryAfterMs);
}
