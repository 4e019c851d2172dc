// Sends a provider request and returns the streaming answer once it starts: 429 and 5xx answers are retried
// with exponential backoff (honouring Retry-After, bounded), everything else becomes a clear FleetError.

import { FleetError } from '../../../../shared/errors';
import { classifyHttpError } from './http-errors';
import { DEFAULT_RETRY, type ClientOptions, type CompletionRequest, type RetryNotice, type RetryPolicy, type StreamOptions } from './types';

export interface StreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  model: string;
  providerTitle: string;
  key: string | null;
  stallMs: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  onRetry?(notice: RetryNotice): void;
}

const MAX_ERROR_BODY = 64 * 1024;

/** Waits `ms`, or throws CANCELLED as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FleetError('CANCELLED', 'The run was cancelled.'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new FleetError('CANCELLED', 'The run was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function readBounded(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > MAX_ERROR_BODY ? text.slice(0, MAX_ERROR_BODY) : text;
}

function networkError(error: unknown, url: string, providerTitle: string): { error: FleetError; retryable: boolean } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const host = new URL(url).host;
  if (code === 'ECONNREFUSED') {
    return { error: new FleetError('PROVIDER_UNREACHABLE', `Nothing accepts connections at ${host} (connection refused): is ${providerTitle} running, and is the base URL right?`, { url }), retryable: false };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { error: new FleetError('PROVIDER_UNREACHABLE', `The host ${host} cannot be found: check the base URL and the network.`, { url }), retryable: false };
  }
  const what = cause?.message ?? (error as Error).message;
  return { error: new FleetError('PROVIDER_UNREACHABLE', `Could not reach ${host}: ${what}.`, { url }), retryable: true };
}

function backoff(attempt: number, policy: RetryPolicy, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  // Jitter keeps 32 runs that were limited together from retrying in lockstep.
  return Math.min(policy.maxDelayMs, Math.round(exponential * (0.8 + Math.random() * 0.4)));
}

/** POSTs and returns the response once its status is 2xx and its body is ready to stream. */
export async function openStream(request: StreamRequest): Promise<{ response: Response; body: ReadableStream<Uint8Array>; attempts: number }> {
  const policy = request.retry ?? DEFAULT_RETRY;
  const doFetch = request.fetch ?? fetch;
  for (let attempt = 1; ; attempt++) {
    if (request.signal?.aborted) throw new FleetError('CANCELLED', 'The run was cancelled.');
    // Waiting for headers counts as silence too: a server that never answers is a stall.
    const headersTimeout = new AbortController();
    const timer = setTimeout(() => headersTimeout.abort(), request.stallMs);
    const signal = request.signal ? AbortSignal.any([request.signal, headersTimeout.signal]) : headersTimeout.signal;
    let failure: { error: FleetError; retryable: boolean; retryAfterMs?: number | null };
    try {
      const response = await doFetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal });
      clearTimeout(timer);
      if (response.ok && response.body) return { response, body: response.body, attempts: attempt };
      const text = await readBounded(response);
      failure = classifyHttpError(response.status, text, response.headers, { providerTitle: request.providerTitle, model: request.model, url: request.url, key: request.key });
    } catch (error) {
      clearTimeout(timer);
      if (request.signal?.aborted) throw new FleetError('CANCELLED', 'The run was cancelled.');
      if (headersTimeout.signal.aborted) {
        failure = {
          error: new FleetError('PROVIDER_TIMEOUT', `${request.providerTitle} did not start answering within ${Math.round(request.stallMs / 100) / 10} s.`, { reason: 'stalled', stallMs: request.stallMs }),
          retryable: true,
        };
      } else if (error instanceof FleetError) throw error;
      else failure = networkError(error, request.url, request.providerTitle);
    }
    const retryAfterMs = failure.retryAfterMs ?? null;
    if (!failure.retryable || attempt >= policy.maxAttempts) throw withAttempts(failure.error, attempt);
    if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
      throw new FleetError('RATE_LIMITED', `${failure.error.message} It asks to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than Fleet Control waits; try again later.`, {
        ...failure.error.data,
        retryAfterMs,
      });
    }
    const delayMs = backoff(attempt, policy, retryAfterMs);
    request.onRetry?.({ attempt: attempt + 1, maxAttempts: policy.maxAttempts, delayMs, reason: failure.error.message });
    await sleep(delayMs, request.signal);
  }
}

function withAttempts(error: FleetError, attempts: number): FleetError {
  return attempts > 1 ? new FleetError(error.code, `${error.message} (gave up after ${attempts} attempts)`, { ...error.data, attempts }) : error;
}

/** openStream for one completion of a client: the wire parts are the provider's, the rest comes from its options. */
export function openCompletionStream(
  options: ClientOptions,
  request: CompletionRequest,
  stream: StreamOptions,
  wire: { url: string; headers: Record<string, string>; body: string },
): ReturnType<typeof openStream> {
  return openStream({
    ...wire,
    model: request.model,
    providerTitle: options.providerTitle,
    key: options.apiKey,
    stallMs: options.stallMs,
    retry: options.retry,
    signal: stream.signal,
    fetch: options.fetch,
    onRetry: stream.onRetry,
  });
}
