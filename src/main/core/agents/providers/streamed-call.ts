// Runs one streamed SDK call with what the SDKs do not give us: our retry policy (their retries are off), a stall
// watchdog (a stream silent for stallMs, or a server that never answers, is aborted), cancellation, and a tap on
// the transport that keeps the raw body of an error answer so it is classified and redacted by our rules.

import { nextDelay, sleep, cancelledError } from './retry';
import { classifyAttemptError, type SdkErrorClasses } from './sdk-errors';
import { DEFAULT_RETRY, type ClientOptions, type RetryNotice } from './types';

const MAX_ERROR_BODY = 64 * 1024;

/** What an attempt gets: the signal and fetch to hand to the SDK, and the calls that keep the watchdog fed. */
export interface AttemptWatch {
  signal: AbortSignal;
  fetch: typeof fetch;
  /** The 2xx answer's headers arrived (the SDK's `connect`): from here on the attempt is not retried. */
  started(): void;
  /** An event arrived: the stall timer starts over. */
  progress(): void;
}

/** What the attempt has received so far, for the error that ends it. */
export interface AttemptProgress {
  complete: boolean;
  receivedChars: number;
}

export interface StreamedCall<T> {
  options: ClientOptions;
  model: string;
  url: string;
  sdk: SdkErrorClasses;
  signal?: AbortSignal;
  onRetry?(notice: RetryNotice): void;
  /** Names the terminal event a cut stream lacks, e.g. "no message_stop". */
  incompleteWhy: string;
  /** One attempt: a fresh progress record, then the SDK call. */
  attempt(watch: AttemptWatch, progress: AttemptProgress): Promise<T>;
}

/** A fetch that keeps the (bounded) body of a non-2xx answer and hands the SDK an identical response. */
function tappedFetch(base: typeof fetch, tap: { body: string | null }): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.ok) return response;
    const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY);
    tap.body = text;
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Runs `call.attempt` until it succeeds or its failure is final; returns its value and the attempts it took. */
export async function runStreamedCall<T>(call: StreamedCall<T>): Promise<{ value: T; attempts: number }> {
  const { options } = call;
  const policy = options.retry ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    if (call.signal?.aborted) throw cancelledError();
    const stall = new AbortController();
    let stalled = false;
    let started = false;
    const tap = { body: null as string | null };
    const progress: AttemptProgress = { complete: false, receivedChars: 0 };
    // Waiting for headers counts as silence too: a server that never answers is a stall.
    const timer = setTimeout(() => {
      stalled = true;
      stall.abort();
    }, options.stallMs);
    const signal = call.signal ? AbortSignal.any([call.signal, stall.signal]) : stall.signal;
    const watch: AttemptWatch = {
      signal,
      fetch: tappedFetch(options.fetch ?? fetch, tap),
      started: () => {
        started = true;
        timer.refresh();
      },
      progress: () => void timer.refresh(),
    };
    let failure;
    try {
      return { value: await call.attempt(watch, progress), attempts: attempt };
    } catch (error) {
      failure = classifyAttemptError(
        error,
        {
          providerTitle: options.providerTitle,
          model: call.model,
          url: call.url,
          key: options.apiKey,
          stallMs: options.stallMs,
          cancelled: call.signal?.aborted === true,
          stalled,
          started,
          errorBody: tap.body,
          complete: progress.complete,
          receivedChars: progress.receivedChars,
          incompleteWhy: call.incompleteWhy,
        },
        call.sdk,
      );
    } finally {
      clearTimeout(timer);
    }
    const delayMs = nextDelay(failure, attempt, policy);
    call.onRetry?.({ attempt: attempt + 1, maxAttempts: policy.maxAttempts, delayMs, reason: failure.error.message });
    await sleep(delayMs, call.signal);
  }
}
