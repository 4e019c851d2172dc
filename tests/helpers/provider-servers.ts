// Loopback servers that speak the providers' wire protocols as they are documented: OpenAI chat completions with
// SSE chunks, a final usage chunk and `data: [DONE]`; Anthropic messages streaming with its named events; error
// bodies in each provider's shape; Retry-After. Tests queue scripted answers; unscripted requests get a default.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** When the request arrived (ms, performance.now()). */
  at: number;
}

/** One answer: either a whole HTTP response, or a stream of SSE frames with optional pauses. */
export type Answer =
  | { type: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  | { type: 'stream'; frames: Array<string | { pauseMs: number } | { until: Promise<unknown> } | 'hang'>; status?: number };

export type AnswerFactory = (request: RecordedRequest) => Answer;

export interface ProviderServer {
  url: string;
  /** Base URL clients use: `${url}/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues answers for the next requests, in order; a function answer is built from the request. */
  script(...answers: Array<Answer | AnswerFactory>): void;
  /** Forgets scripted answers not used yet and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const sse = (data: unknown, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Splits `text` into pieces of about `size` characters (as a model streams tokens). */
export function pieces(text: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** An OpenAI chat-completions stream of `text`: role chunk, content chunks, finish chunk, usage chunk, [DONE]. */
export function openAiStream(text: string, options: { model?: string; promptTokens?: number; completionTokens?: number; chunkSize?: number; finishReason?: string } = {}): Answer {
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_767_000_000, model: options.model ?? 'test-model', system_fingerprint: 'fp_test' };
  const frames: string[] = [sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], usage: null })];
  for (const piece of pieces(text, options.chunkSize)) frames.push(sse({ ...base, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }], usage: null }));
  frames.push(sse({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: options.finishReason ?? 'stop' }], usage: null }));
  const prompt = options.promptTokens ?? 1000;
  const completion = options.completionTokens ?? Math.ceil(text.length / 4);
  frames.push(sse({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } }));
  frames.push(sse('[DONE]'));
  return { type: 'stream', frames };
}

/** An Anthropic messages stream of `text` with its event types and usage. */
export function anthropicStream(text: string, options: { model?: string; inputTokens?: number; outputTokens?: number; chunkSize?: number } = {}): Answer {
  const input = options.inputTokens ?? 1000;
  const output = options.outputTokens ?? Math.ceil(text.length / 4);
  const frames: string[] = [
    sse({ type: 'message_start', message: { id: 'msg_test', type: 'message', role: 'assistant', content: [], model: options.model ?? 'claude-test', stop_reason: null, stop_sequence: null, usage: { input_tokens: input, output_tokens: 1 } } }, 'message_start'),
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sse({ type: 'ping' }, 'ping'),
  ];
  for (const piece of pieces(text, options.chunkSize)) frames.push(sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, 'content_block_delta'));
  frames.push(sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'));
  frames.push(sse({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: output } }, 'message_delta'));
  frames.push(sse({ type: 'message_stop' }, 'message_stop'));
  return { type: 'stream', frames };
}

/** An error answer in OpenAI's shape ({error: {message, type, param, code}}). */
export function openAiError(status: number, message: string, code: string | null = null, headers?: Record<string, string>): Answer {
  return { type: 'error', status, body: { error: { message, type: code ?? 'invalid_request_error', param: null, code } }, headers };
}

/** An error answer in Anthropic's shape ({type: 'error', error: {type, message}}). */
export function anthropicError(status: number, type: string, message: string, headers?: Record<string, string>): Answer {
  return { type: 'error', status, body: { type: 'error', error: { type, message } }, headers };
}

export const sseFrame = sse;

/** The key a request carried (Authorization: Bearer, or Anthropic's x-api-key); '' without one. */
export function sentKey(request: RecordedRequest): string {
  const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
  return bearer ?? String(request.headers['x-api-key'] ?? '');
}

/**
 * A careless server: an error answer that echoes the key it was sent everywhere it could, in the error's code and
 * type, in its message (as sent, base64, base64url, URL-encoded, the whole Authorization header) and in response
 * headers. Status 200 is a stream that fails mid-answer with such an error event. Anthropic's shape for /messages.
 */
export function keyEchoAnswer(status: number): AnswerFactory {
  return (request) => {
    const key = sentKey(request);
    const forms = `${key} b64=${Buffer.from(key).toString('base64')} b64url=${Buffer.from(key).toString('base64url')} url=${encodeURIComponent(key)}`;
    const message = `Incorrect API key provided: ${forms}. Authorization: Bearer ${key}`;
    const anthropic = request.path.endsWith('/messages');
    const body = anthropic ? { type: 'error', error: { type: key, message } } : { error: { message, type: key, param: `Bearer ${key}`, code: key } };
    const headers = { 'x-echo-key': key, 'www-authenticate': `Bearer realm="${key}"`, ...(status === 429 ? { 'retry-after': '0' } : {}) };
    if (status !== 200) return { type: 'error', status, body, headers };
    const event = anthropic ? sse({ type: 'error', error: body.error }, 'error') : sse(body);
    const start = anthropic ? anthropicStream('') : openAiStream('');
    return { type: 'stream', frames: [...(start.type === 'stream' ? start.frames.slice(0, 1) : []), event] };
  };
}

export interface ProviderServerOptions {
  /** Answer every unscripted request with keyEchoAnswer, cycling through these statuses (200: a stream that fails). */
  echoKeyStatuses?: number[];
}

function defaultAnswer(request: RecordedRequest): Answer {
  const isAnthropic = request.path.endsWith('/messages');
  const prompt = JSON.stringify(request.body.messages ?? '');
  const moduleLine = /# Module: ([^\n\\]+)/.exec(prompt)?.[1] ?? 'the module';
  const text = `# ${moduleLine}\n\nThis analysis was written by the loopback test server.\n`;
  const promptTokens = Math.ceil((prompt.length + String(request.body.system ?? '').length) / 4);
  return isAnthropic ? anthropicStream(text, { inputTokens: promptTokens }) : openAiStream(text, { promptTokens });
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}

async function send(res: ServerResponse, answer: Answer): Promise<void> {
  if (answer.type === 'error') {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
    return;
  }
  res.writeHead(answer.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (const frame of answer.frames) {
    if (res.destroyed) return;
    if (frame === 'hang') return; // keep the connection open and silent until the client gives up
    if (typeof frame === 'string') res.write(frame);
    else if ('until' in frame) await frame.until; // held until the test lets the stream go on
    else await new Promise((r) => setTimeout(r, frame.pauseMs));
  }
  res.end();
}

/** Starts a loopback server; `fallback` answers unscripted requests (default: a short stream naming the module), or echoing errors. */
export async function startProviderServer(fallback: AnswerFactory = defaultAnswer, options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const requests: RecordedRequest[] = [];
  const echoStatuses = options.echoKeyStatuses ?? [];
  let echoed = 0;
  const unscripted: AnswerFactory = echoStatuses.length ? (request) => keyEchoAnswer(echoStatuses[echoed++ % echoStatuses.length]!)(request) : fallback;
  const queue: Array<Answer | AnswerFactory> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const at = performance.now();
      const body = await readBody(req);
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, at };
      requests.push(recorded);
      const next = queue.shift() ?? unscripted;
      await send(res, typeof next === 'function' ? next(recorded) : next);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    script: (...answers) => queue.push(...answers),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export { anthropicToolTurn, call, openAiToolTurn, renderTurn, sessionContext, toolSession } from './provider-tool-turns';
export type { AnthropicToolTurnOptions, OpenAiToolTurnOptions, ScriptedCall, SeenToolResult, SessionContext, SessionStep, SessionTurn } from './provider-tool-turns';
