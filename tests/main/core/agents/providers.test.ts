import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { FleetError } from '../../../../src/shared/errors';
import { createOpenAiCompatibleClient } from '../../../../src/main/core/agents/providers/openai-compatible';
import { createAnthropicClient, ANTHROPIC_VERSION } from '../../../../src/main/core/agents/providers/anthropic';
import { parseRetryAfter } from '../../../../src/main/core/agents/providers/http-errors';
import type { ProviderClient, RetryPolicy } from '../../../../src/main/core/agents/providers/types';
import { anthropicError, anthropicStream, openAiError, openAiStream, sseFrame, startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';

const KEY = 'xai-test-key-0123456789abcdef';
const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 };
const request = { model: 'grok-4', system: 'Write the analysis.', prompt: '# Module: Fleet Hub', maxOutputTokens: 500 };

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

function openAi(options: { stallMs?: number; retry?: RetryPolicy; key?: string | null } = {}): ProviderClient {
  return createOpenAiCompatibleClient({ baseUrl: server.baseUrl, apiKey: options.key === undefined ? KEY : options.key, stallMs: options.stallMs ?? 5_000, retry: options.retry ?? FAST_RETRY, providerTitle: 'xAI Grok' });
}

function anthropic(): ProviderClient {
  return createAnthropicClient({ baseUrl: server.baseUrl, apiKey: 'sk-ant-test-key-123456', stallMs: 5_000, retry: FAST_RETRY, providerTitle: 'Anthropic' });
}

async function failure(promise: Promise<unknown>): Promise<FleetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FleetError);
    return error as FleetError;
  }
  throw new Error('expected the call to fail');
}

describe('OpenAI-compatible chat completions over SSE', () => {
  it('streams the text piece by piece and reports the usage of the final chunk', async () => {
    const text = 'The fleet hub lists vehicles from api/src/routes/fleet.routes.ts.';
    server.script(openAiStream(text, { promptTokens: 1234, completionTokens: 17, chunkSize: 5 }));
    const deltas: string[] = [];
    const result = await openAi().complete(request, { onText: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(text);
    expect(result).toMatchObject({ text, tokensIn: 1234, tokensOut: 17, finishReason: 'stop', attempts: 1 });

    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toMatchObject({ model: 'grok-4', stream: true, stream_options: { include_usage: true }, max_tokens: 500 });
    expect(sent.body.messages).toEqual([
      { role: 'system', content: request.system },
      { role: 'user', content: request.prompt },
    ]);
  });

  it('sends no Authorization header to a local server that needs no key', async () => {
    await openAi({ key: null }).complete(request, { onText: () => undefined });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('retries a 429 after the time its Retry-After asks for, then succeeds', async () => {
    server.script(openAiError(429, 'Rate limit reached for requests per minute.', 'rate_limit_exceeded', { 'retry-after': '1' }), openAiStream('after the wait'));
    const notices: number[] = [];
    const result = await openAi().complete(request, { onText: () => undefined, onRetry: (n) => notices.push(n.delayMs) });
    expect(result.text).toBe('after the wait');
    expect(result.attempts).toBe(2);
    expect(notices).toEqual([1000]);
    const waited = server.requests[1]!.at - server.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('fails with RATE_LIMITED when Retry-After asks for longer than it waits', async () => {
    server.script(openAiError(429, 'Slow down.', 'rate_limit_exceeded', { 'retry-after': '3600' }));
    const error = await failure(openAi().complete(request, { onText: () => undefined }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused key as AUTH_FAILED without echoing the key', async () => {
    server.script(openAiError(401, `Incorrect API key provided: ${KEY}.`, 'invalid_api_key'));
    const error = await failure(openAi().complete(request, { onText: () => undefined }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(JSON.stringify({ message: error.message, data: error.data })).not.toContain(KEY);
    expect(error.message).toMatch(/refused the key \(HTTP 401\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('treats a 429 saying the credits are exhausted as QUOTA_EXHAUSTED and does not retry it', async () => {
    server.script(openAiError(429, 'Your team has used all available credits. Purchase more credits to continue.', 'credits_exhausted'));
    const error = await failure(openAi().complete(request, { onText: () => undefined }));
    expect(error.code).toBe('QUOTA_EXHAUSTED');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 with backoff and gives up after the last attempt with the status in the message', async () => {
    server.script(openAiError(500, 'internal'), openAiError(502, 'bad gateway'), openAiError(503, 'unavailable'));
    const error = await failure(openAi().complete(request, { onText: () => undefined }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/HTTP 503.*gave up after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it('names an unknown model and a context that is too large', async () => {
    server.script(openAiError(404, 'The model `grok-9` does not exist or you do not have access to it.', 'model_not_found'));
    expect((await failure(openAi().complete(request, { onText: () => undefined }))).code).toBe('MODEL_NOT_FOUND');
    server.script(openAiError(400, "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", 'context_length_exceeded'));
    expect((await failure(openAi().complete(request, { onText: () => undefined }))).code).toBe('CONTEXT_TOO_LARGE');
  });

  it('stops at a malformed chunk with PROVIDER_ERROR, keeping the text that arrived', async () => {
    const good = openAiStream('first part ', { chunkSize: 100 });
    const frames = (good as { frames: string[] }).frames.slice(0, 2);
    server.script({ type: 'stream', frames: [...frames, 'data: {"choices": [{"delta": {"content": "unterminated\n\n'] });
    const deltas: string[] = [];
    const error = await failure(openAi().complete(request, { onText: (d) => deltas.push(d) }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/malformed chunk/);
    expect(deltas.join('')).toBe('first part ');
    expect(error.data).toMatchObject({ reason: 'malformed', receivedChars: 'first part '.length });
  });

  it('reports a stream that ends mid-way (no finish reason, no [DONE])', async () => {
    const frames = (openAiStream('half of the answer', { chunkSize: 4 }) as { frames: string[] }).frames.slice(0, 3);
    server.script({ type: 'stream', frames });
    const error = await failure(openAi().complete(request, { onText: () => undefined }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/mid-way.*8 characters had arrived/);
  });

  it('aborts a stalled stream after the stall time', async () => {
    const frames = (openAiStream('some text', { chunkSize: 100 }) as { frames: string[] }).frames.slice(0, 2);
    server.script({ type: 'stream', frames: [...frames, 'hang'] });
    const started = performance.now();
    const error = await failure(openAi({ stallMs: 300 }).complete(request, { onText: () => undefined }));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('cancels a stalled stream at once through its AbortSignal', async () => {
    server.script({ type: 'stream', frames: [...(openAiStream('x') as { frames: string[] }).frames.slice(0, 2), 'hang'] });
    const controller = new AbortController();
    let firstText: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (firstText = resolve));
    const pending = openAi({ stallMs: 60_000 }).complete(request, { onText: () => firstText(), signal: controller.signal });
    pending.catch(() => undefined);
    await arrived;
    const started = performance.now();
    controller.abort();
    const error = await failure(pending);
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('says clearly when nothing listens at the base URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = createOpenAiCompatibleClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: null, stallMs: 2000, retry: FAST_RETRY, providerTitle: 'Ollama (local)' });
    const error = await failure(client.complete(request, { onText: () => undefined }));
    expect(error.code).toBe('PROVIDER_UNREACHABLE');
    expect(error.message).toMatch(/connection refused.*Ollama/);
  });
});

describe('Anthropic messages streaming', () => {
  it('streams text_delta events and reads usage from message_start and message_delta', async () => {
    const text = 'Drivers are listed by web/src/pages/DriversPage.tsx.';
    server.script(anthropicStream(text, { inputTokens: 2048, outputTokens: 31, chunkSize: 6 }));
    const deltas: string[] = [];
    const result = await anthropic().complete({ ...request, model: 'claude-sonnet-4-5' }, { onText: (d) => deltas.push(d) });
    expect(deltas.join('')).toBe(text);
    expect(result).toMatchObject({ text, tokensIn: 2048, tokensOut: 31, finishReason: 'end_turn' });
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/messages');
    // API version 2026-10-21 (SDK 1.x) sends the key as a bearer token.
    expect(sent.headers.authorization).toBe('Bearer sk-ant-test-key-123456');
    expect(sent.headers['anthropic-version']).toBe(ANTHROPIC_VERSION);
    expect(sent.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 500, system: request.system, stream: true, messages: [{ role: 'user', content: request.prompt }] });
  });

  it('turns an error event in the middle of the stream into PROVIDER_ERROR, keeping what arrived', async () => {
    const frames = (anthropicStream('partial answer', { chunkSize: 100 }) as { frames: string[] }).frames.slice(0, 4);
    server.script({ type: 'stream', frames: [...frames, sseFrame({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error')] });
    const deltas: string[] = [];
    const error = await failure(anthropic().complete(request, { onText: (d) => deltas.push(d) }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/overloaded_error.*Overloaded/);
    expect(deltas.join('')).toBe('partial answer');
  });

  it('maps a low credit balance to QUOTA_EXHAUSTED and a bad key to AUTH_FAILED', async () => {
    server.script(anthropicError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'));
    expect((await failure(anthropic().complete(request, { onText: () => undefined }))).code).toBe('QUOTA_EXHAUSTED');
    server.script(anthropicError(401, 'authentication_error', 'invalid x-api-key'));
    expect((await failure(anthropic().complete(request, { onText: () => undefined }))).code).toBe('AUTH_FAILED');
  });

  it('retries 529 overloaded answers', async () => {
    server.script(anthropicError(529, 'overloaded_error', 'Overloaded'), anthropicStream('fine now'));
    const result = await anthropic().complete(request, { onText: () => undefined });
    expect(result.text).toBe('fine now');
    expect(result.attempts).toBe(2);
  });

  it('reports a stream without message_stop as stopped mid-way', async () => {
    const frames = (anthropicStream('cut short', { chunkSize: 100 }) as { frames: string[] }).frames.slice(0, 4);
    server.script({ type: 'stream', frames });
    const error = await failure(anthropic().complete(request, { onText: () => undefined }));
    expect(error.message).toMatch(/no message_stop/);
  });
});
