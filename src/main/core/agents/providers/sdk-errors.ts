// Turns whatever an SDK streaming call threw into a FleetError with a clear sentence, and says whether the
// attempt may be retried. HTTP answers are classified from the raw body the transport tap kept (http-errors.ts).

import { FleetError } from '../../../../shared/errors';
import { redactor } from '../../secrets/redactor';
import { classifyHttpError, classifyStreamError } from './http-errors';
import { cancelledError, type AttemptFailure } from './retry';

/** The error classes of the SDK in use (loaded lazily, so they are handed in). */
export interface SdkErrorClasses {
  /** OpenAIError / AnthropicError: everything the SDK itself throws. */
  base: abstract new (...args: never[]) => Error;
  /** APIError: an HTTP error answer (status set) or an error event inside the stream (status undefined). */
  api: abstract new (...args: never[]) => Error & { status?: number; headers?: Headers; error?: unknown };
  /** APIConnectionError: the request never got an answer. */
  connection: abstract new (...args: never[]) => Error;
}

/** What the attempt knew when it failed. */
export interface AttemptFacts {
  providerTitle: string;
  model: string;
  url: string;
  key: string | null;
  stallMs: number;
  cancelled: boolean;
  stalled: boolean;
  /** The answer had started (headers of a 2xx arrived): from here on nothing is retried. */
  started: boolean;
  /** The raw body of a non-2xx answer, kept by the transport tap. */
  errorBody: string | null;
  /** The terminal event (finish reason / message_stop) had arrived. */
  complete: boolean;
  receivedChars: number;
  /** How this provider says "the stream ended before its end" (names the missing terminal event). */
  incompleteWhy: string;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function causeCode(error: unknown): string {
  for (let e = error as { cause?: unknown; code?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return '';
}

/** The SDK's stream helpers wrap what they did not throw themselves (a SyntaxError, a socket error) as `cause`. */
function inChain(error: unknown, test: (e: unknown) => boolean): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (test(e)) return true;
  return false;
}

function innermostMessage(error: unknown): string {
  let message = (error as Error).message ?? String(error);
  for (let e = (error as { cause?: unknown }).cause, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as Error).message === 'string' && (e as Error).message) message = (e as Error).message;
  }
  return redactor.redactText(message);
}

function unreachable(error: unknown, facts: AttemptFacts): AttemptFailure {
  const code = causeCode(error);
  const host = new URL(facts.url).host;
  if (code === 'ECONNREFUSED') {
    return { error: new FleetError('PROVIDER_UNREACHABLE', `Nothing accepts connections at ${host} (connection refused): is ${facts.providerTitle} running, and is the base URL right?`, { url: facts.url }), retryable: false };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { error: new FleetError('PROVIDER_UNREACHABLE', `The host ${host} cannot be found: check the base URL and the network.`, { url: facts.url }), retryable: false };
  }
  return { error: new FleetError('PROVIDER_UNREACHABLE', `Could not reach ${host}: ${innermostMessage(error)}.`, { url: facts.url }), retryable: true };
}

/** Classifies what one attempt threw. */
export function classifyAttemptError(error: unknown, facts: AttemptFacts, sdk: SdkErrorClasses): AttemptFailure {
  const who = facts.providerTitle;
  if (facts.cancelled) return { error: cancelledError(), retryable: false };
  if (facts.stalled && !facts.started) {
    return { error: new FleetError('PROVIDER_TIMEOUT', `${who} did not start answering within ${seconds(facts.stallMs)}.`, { reason: 'stalled', stallMs: facts.stallMs }), retryable: true };
  }
  if (facts.stalled) {
    return { error: new FleetError('PROVIDER_TIMEOUT', `The provider sent nothing for ${seconds(facts.stallMs)}; the stream was aborted.`, { reason: 'stalled', stallMs: facts.stallMs, receivedChars: facts.receivedChars }), retryable: false };
  }
  if (error instanceof FleetError) return { error, retryable: false };
  if (error instanceof sdk.connection) return facts.started ? broken(error, facts) : unreachable(error, facts);
  if (error instanceof sdk.api && typeof error.status === 'number') {
    const headers = error.headers instanceof Headers ? error.headers : new Headers();
    return classifyHttpError(error.status, facts.errorBody ?? '', headers, { providerTitle: who, model: facts.model, url: facts.url, key: facts.key });
  }
  if (error instanceof sdk.api) {
    // An error event inside the stream: OpenAI's chunk {error: {...}} or Anthropic's `error` event (the whole body).
    const inner = error.error;
    const payload = typeof inner === 'object' && inner !== null && 'error' in inner ? inner : { error: inner };
    const classified = classifyStreamError(JSON.stringify(payload), { providerTitle: who, key: facts.key });
    return { error: new FleetError(classified.code, classified.message, { ...classified.data, receivedChars: facts.receivedChars }), retryable: false };
  }
  if (inChain(error, (e) => e instanceof SyntaxError)) {
    return { error: new FleetError('PROVIDER_ERROR', `${who} sent a malformed chunk that is not JSON; ${facts.receivedChars} characters had arrived.`, { reason: 'malformed', receivedChars: facts.receivedChars }), retryable: false };
  }
  if (!facts.complete && (error instanceof sdk.base || !causeCode(error))) {
    return { error: new FleetError('PROVIDER_ERROR', `${who} stopped the stream mid-way (${facts.incompleteWhy}); ${facts.receivedChars} characters had arrived.`, { reason: 'incomplete', receivedChars: facts.receivedChars }), retryable: false };
  }
  return broken(error, facts);
}

function broken(error: unknown, facts: AttemptFacts): AttemptFailure {
  return { error: new FleetError('PROVIDER_ERROR', `The provider's stream broke off: ${innermostMessage(error)}.`, { reason: 'broken', receivedChars: facts.receivedChars }), retryable: false };
}
