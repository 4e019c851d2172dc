// Turns a provider's error answer (status, body, headers) into a FleetError with a clear sentence, and says
// whether it is worth retrying. The same rules serve OpenAI-compatible servers and Anthropic.

import { FleetError } from '../../../../shared/errors';
import { redactor } from '../../secrets/redactor';

export interface ClassifiedError {
  error: FleetError;
  retryable: boolean;
  /** From Retry-After / retry-after-ms, when the provider said how long to wait. */
  retryAfterMs: number | null;
}

const QUOTA_WORDS = /credit|quota|exhausted|spending limit|insufficient[ _](?:funds|balance)|payment required/i;
const QUOTA_CODES = /insufficient_quota|billing_hard_limit|credits?_exhausted|billing_not_active/i;
const RATE_CODES = /rate_limit/i;
const CONTEXT_WORDS = /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length/i;
const MODEL_WORDS = /model/i;
const MODEL_MISSING = /not[ _]found|does not exist|doesn't exist|unknown|invalid|not supported|no access|not have access/i;

/** Seconds ("7", "1.5") or an HTTP date; milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

function retryAfterFrom(headers: Headers, now: number): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headers.get('retry-after'), now);
}

/** The provider's own message and code from a JSON error body ({error: {message, type, code}} and variants). */
export function providerMessage(body: string): { message: string; code: string } {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const inner = (typeof json.error === 'object' && json.error !== null ? json.error : json) as Record<string, unknown>;
    const message = [inner.message, json.message, typeof json.error === 'string' ? json.error : undefined, json.detail].find((m) => typeof m === 'string');
    const code = [inner.code, inner.type, json.code, json.type].filter((c) => typeof c === 'string').join(' ');
    if (typeof message === 'string') return { message: message.slice(0, 500), code };
    return { message: body.slice(0, 300), code };
  } catch {
    return { message: body.replace(/\s+/g, ' ').trim().slice(0, 300), code: '' };
  }
}

/** The provider's words (message and code) with the key and any other credential removed; classification reads the raw ones. */
function redactedWords(message: string, code: string, key: string | null): { said: string; code: string } {
  redactor.register(key);
  return { said: redactor.redactText(message), code: redactor.redactText(code) };
}

/** Classifies an HTTP error answer. `key` and every known secret are redacted from every message and code. */
export function classifyHttpError(
  status: number,
  body: string,
  headers: Headers,
  context: { providerTitle: string; model: string; url: string; key: string | null; now?: number },
): ClassifiedError {
  const { message: raw, code } = providerMessage(body);
  const { said, code: shownCode } = redactedWords(raw || `HTTP ${status}`, code, context.key);
  const data = { status, providerMessage: said, ...(shownCode ? { providerCode: shownCode } : {}) };
  const retryAfterMs = retryAfterFrom(headers, context.now ?? Date.now());
  const quota = QUOTA_CODES.test(code) || (!RATE_CODES.test(code) && QUOTA_WORDS.test(raw));
  const who = context.providerTitle;
  const fail = (error: FleetError, retryable = false): ClassifiedError => ({ error, retryable, retryAfterMs });

  if (status === 402 || ((status === 429 || status === 403 || status === 400) && quota)) {
    return fail(new FleetError('QUOTA_EXHAUSTED', `${who} says the account's credits or quota are used up (HTTP ${status}): ${said}. Runs on this provider stop until it is topped up.`, data));
  }
  if (status === 401 || status === 403) {
    return fail(new FleetError('AUTH_FAILED', `${who} refused the key (HTTP ${status}): ${said}. Check the key in the provider settings or its environment variable.`, data));
  }
  if (status === 429) {
    return fail(new FleetError('RATE_LIMITED', `${who} is rate limiting requests (HTTP 429): ${said}.`, data), true);
  }
  if (status === 404 || ((status === 400 || status === 422) && MODEL_WORDS.test(raw) && MODEL_MISSING.test(raw) && !CONTEXT_WORDS.test(raw))) {
    if (status === 404 && !MODEL_WORDS.test(raw)) {
      return fail(new FleetError('PROVIDER_ERROR', `Nothing answers at ${context.url} (HTTP 404): check the provider's base URL (it usually ends in /v1).`, data));
    }
    return fail(new FleetError('MODEL_NOT_FOUND', `${who} does not offer the model "${context.model}" (HTTP ${status}): ${said}.`, { ...data, model: context.model }));
  }
  if ((status === 400 || status === 413 || status === 422) && (CONTEXT_WORDS.test(raw) || status === 413)) {
    return fail(new FleetError('CONTEXT_TOO_LARGE', `The context is larger than ${context.model} accepts (HTTP ${status}): ${said}. Lower the provider's context budget.`, data));
  }
  if (status === 408 || status === 409 || status >= 500) {
    return fail(new FleetError('PROVIDER_ERROR', `${who} had a server error (HTTP ${status}): ${said}.`, data), true);
  }
  return fail(new FleetError('PROVIDER_ERROR', `${who} rejected the request (HTTP ${status}): ${said}.`, data));
}

/** Classifies an error event inside a stream (Anthropic's `error` event, an OpenAI chunk with `error`). */
export function classifyStreamError(payload: string, context: { providerTitle: string; key: string | null }): FleetError {
  const { message, code } = providerMessage(payload);
  const { said, code: shownCode } = redactedWords(message, code, context.key);
  if (QUOTA_CODES.test(code) || (!RATE_CODES.test(code) && QUOTA_WORDS.test(message))) {
    return new FleetError('QUOTA_EXHAUSTED', `${context.providerTitle} says the account's credits or quota are used up: ${said}.`, { providerMessage: said });
  }
  return new FleetError('PROVIDER_ERROR', `${context.providerTitle} reported an error in the middle of the answer${shownCode ? ` (${shownCode})` : ''}: ${said}.`, {
    providerMessage: said,
    ...(shownCode ? { providerCode: shownCode } : {}),
  });
}
