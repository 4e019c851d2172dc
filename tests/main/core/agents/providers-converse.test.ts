// Tool-calling turns (converse) through the official SDKs against loopback servers that stream as OpenAI, xAI and
// Anthropic do: arguments split across chunks, parallel calls, reasoning, raw malformed arguments, the conversation
// mapped back onto each API, errors mid-stream, Retry-After, cancel, and a whole scripted session.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FleetError } from '../../../../src/shared/errors';
import { createOpenAiCompatibleClient } from '../../../../src/main/core/agents/providers/openai-compatible';
import { createAnthropicClient } from '../../../../src/main/core/agents/providers/anthropic';
import type { ConversationMessage, ConverseRequest, ConversingClient, RetryPolicy, ToolSpec } from '../../../../src/main/core/agents/providers/types';
import { anthropicError, anthropicToolTurn, call, openAiError, openAiToolTurn, sseFrame, startProviderServer, toolSession, type ProviderServer } from '../../../helpers/provider-servers';

const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 };
const TOOLS: ToolSpec[] = [
  { name: 'read_file', description: 'Reads a file of the working copy.', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'edit_file', description: 'Replaces old_text, which must occur once.', parameters: { type: 'object', properties: { path: { type: 'string' }, old_text: { type: 'string' }, new_text: { type: 'string' } } } },
  { name: 'run_check', description: "Runs the module's check.", parameters: { type: 'object', properties: {} } },
  { name: 'finish', description: 'Ends the run.', parameters: { type: 'object', properties: { summary: { type: 'string' } } } },
];
const EDIT = { path: 'src/fleet/routes.ts', old_text: "router.get('/fleet', list);", new_text: "router.get('/fleet', listVehicles);" };

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

const openAi = (baseUrl = server.baseUrl, fetch?: typeof globalThis.fetch): ConversingClient =>
  createOpenAiCompatibleClient({ baseUrl, apiKey: 'xai-converse-key-0123456789', stallMs: 5_000, retry: FAST_RETRY, providerTitle: 'xAI Grok', fetch });
const anthropic = (): ConversingClient => createAnthropicClient({ baseUrl: server.baseUrl, apiKey: 'sk-ant-converse-key-123456', stallMs: 5_000, retry: FAST_RETRY, providerTitle: 'Anthropic' });
const turn = (messages: ConversationMessage[], model = 'grok-4'): ConverseRequest => ({ model, system: 'Implement the TO-BE.', messages, tools: TOOLS, maxOutputTokens: 4000 });
const first: ConversationMessage[] = [{ role: 'user', text: 'Rename list to listVehicles.' }];

async function failure(promise: Promise<unknown>): Promise<FleetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FleetError);
    return error as FleetError;
  }
  throw new Error('expected the call to fail');
}

describe('converse over OpenAI-compatible chat completions', () => {
  it('assembles two parallel calls whose arguments arrive split and interleaved, with reasoning_content and usage', async () => {
    server.script(
      openAiToolTurn({
        reasoning: 'The route handler is named list; read it, then edit.',
        text: 'Reading the routes.',
        toolCalls: [call('read_file', { path: EDIT.path }, 'call_read'), call('edit_file', EDIT, 'call_edit')],
        argChunk: 4,
        promptTokens: 2100,
        completionTokens: 88,
      }),
    );
    const reasoning: string[] = [];
    const text: string[] = [];
    const result = await openAi().converse(turn(first), { onReasoning: (d) => reasoning.push(d), onText: (d) => text.push(d) });
    expect(result.toolCalls).toEqual([
      { id: 'call_read', name: 'read_file', arguments: JSON.stringify({ path: EDIT.path }) },
      { id: 'call_edit', name: 'edit_file', arguments: JSON.stringify(EDIT) },
    ]);
    expect(reasoning.length).toBeGreaterThan(1);
    expect(result.reasoning).toBe('The route handler is named list; read it, then edit.');
    expect(reasoning.join('')).toBe(result.reasoning);
    expect(text.join('')).toBe('Reading the routes.');
    expect(result).toMatchObject({ text: 'Reading the routes.', tokensIn: 2100, tokensOut: 88, stopReason: 'tool_calls', attempts: 1 });
    const body = server.requests[0]!.body;
    expect(body).toMatchObject({ model: 'grok-4', stream: true, stream_options: { include_usage: true }, max_tokens: 4000 });
    expect(body.tools).toEqual(TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })));
  });

  it('sends the conversation back as assistant tool_calls and tool messages (a failed call says so)', async () => {
    server.script(openAiToolTurn({ text: 'Done.', toolCalls: [] }));
    const messages: ConversationMessage[] = [
      ...first,
      { role: 'assistant', text: '', toolCalls: [{ id: 'call_1', name: 'edit_file', arguments: '{"path": "src/a.ts"' }, { id: 'call_2', name: 'run_check', arguments: '{}' }] },
      { role: 'tool', results: [{ callId: 'call_1', content: 'The arguments are not valid JSON.', isError: true }, { callId: 'call_2', content: 'check passed', isError: false }] },
      { role: 'user', text: 'Also update the README.' },
    ];
    const result = await openAi().converse(turn(messages), {});
    expect(result).toMatchObject({ text: 'Done.', toolCalls: [], stopReason: 'stop' });
    expect(server.requests[0]!.body.messages).toEqual([
      { role: 'system', content: 'Implement the TO-BE.' },
      { role: 'user', content: 'Rename list to listVehicles.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'edit_file', arguments: '{"path": "src/a.ts"' } },
          { id: 'call_2', type: 'function', function: { name: 'run_check', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Error: The arguments are not valid JSON.' },
      { role: 'tool', tool_call_id: 'call_2', content: 'check passed' },
      { role: 'user', content: 'Also update the README.' },
    ]);
  });

  it('passes malformed arguments through exactly as the model sent them', async () => {
    const broken = '{"path": "src/fleet/routes.ts", "old_text": "router.get(\'/fleet\'';
    server.script(openAiToolTurn({ toolCalls: [call('edit_file', broken, 'call_bad')] }));
    const result = await openAi().converse(turn(first), {});
    expect(result.toolCalls).toEqual([{ id: 'call_bad', name: 'edit_file', arguments: broken }]);
  });

  it('takes the answer of a server that never sends the role chunk, as some local servers do', async () => {
    const frames = (openAiToolTurn({ text: 'Reading.', toolCalls: [call('read_file', { path: EDIT.path }, 'call_r')] }) as { frames: string[] }).frames.slice(1);
    server.script({ type: 'stream', frames });
    const result = await openAi().converse(turn(first), {});
    expect(result).toMatchObject({ text: 'Reading.', stopReason: 'tool_calls', toolCalls: [{ id: 'call_r', name: 'read_file', arguments: JSON.stringify({ path: EDIT.path }) }] });
  });

  it('fails with PROVIDER_ERROR when an error chunk arrives in the middle of a tool call', async () => {
    const frames = (openAiToolTurn({ text: 'Editing.', toolCalls: [call('edit_file', EDIT)] }) as { frames: string[] }).frames.slice(0, 6);
    server.script({ type: 'stream', frames: [...frames, sseFrame({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } })] });
    const error = await failure(openAi().converse(turn(first), {}));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/in the middle of the answer \(server_error\): The server had an error/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 429 after its Retry-After and then returns the calls', async () => {
    server.script(openAiError(429, 'Rate limit reached.', 'rate_limit_exceeded', { 'retry-after': '0.3' }), openAiToolTurn({ toolCalls: [call('run_check', {})] }));
    const notices: number[] = [];
    const result = await openAi().converse(turn(first), { onRetry: (n) => notices.push(n.delayMs) });
    expect(result.toolCalls.map((c) => c.name)).toEqual(['run_check']);
    expect(result.attempts).toBe(2);
    expect(notices).toEqual([300]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(280);
  });

  it('cancels a turn whose tool call is still streaming, at once', async () => {
    const frames = (openAiToolTurn({ text: 'Let me edit.', toolCalls: [call('edit_file', EDIT)] }) as { frames: string[] }).frames.slice(0, 5);
    server.script({ type: 'stream', frames: [...frames, 'hang'] });
    const controller = new AbortController();
    let seen: () => void = () => undefined;
    const textArrived = new Promise<void>((resolve) => (seen = resolve));
    const pending = openAi().converse(turn(first), { signal: controller.signal, onText: () => seen() });
    pending.catch(() => undefined);
    await textArrived;
    const started = performance.now();
    controller.abort();
    expect((await failure(pending)).code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("uses max_completion_tokens for api.openai.com, reached through the injected fetch", async () => {
    server.script(openAiToolTurn({ toolCalls: [call('finish', { summary: 'ok' })] }));
    const seen: string[] = [];
    const redirect: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      seen.push(url.href);
      return fetch(`${server.url}${url.pathname}`, init);
    };
    const result = await openAi('https://api.openai.com/v1', redirect).converse(turn(first, 'gpt-5'), {});
    expect(result.toolCalls[0]!.name).toBe('finish');
    expect(seen).toEqual(['https://api.openai.com/v1/chat/completions']);
    expect(server.requests[0]!.body).toMatchObject({ model: 'gpt-5', max_completion_tokens: 4000 });
    expect(server.requests[0]!.body.max_tokens).toBeUndefined();
  });
});

describe('converse over Anthropic messages', () => {
  it('assembles tool_use blocks from input_json_delta pieces, with thinking, text and usage', async () => {
    server.script(
      anthropicToolTurn({
        thinking: 'Read first, then edit.',
        text: 'Looking at the routes.',
        toolUses: [
          { id: 'toolu_read', name: 'read_file', input: { path: EDIT.path } },
          { id: 'toolu_edit', name: 'edit_file', input: EDIT },
        ],
        argChunk: 5,
        inputTokens: 3100,
        outputTokens: 140,
      }),
    );
    const reasoning: string[] = [];
    const result = await anthropic().converse(turn(first, 'claude-sonnet-4-5'), { onReasoning: (d) => reasoning.push(d) });
    expect(result.toolCalls).toEqual([
      { id: 'toolu_read', name: 'read_file', arguments: JSON.stringify({ path: EDIT.path }) },
      { id: 'toolu_edit', name: 'edit_file', arguments: JSON.stringify(EDIT) },
    ]);
    expect(result).toMatchObject({ text: 'Looking at the routes.', reasoning: 'Read first, then edit.', tokensIn: 3100, tokensOut: 140, stopReason: 'tool_use' });
    expect(reasoning.join('')).toBe('Read first, then edit.');
    const body = server.requests[0]!.body;
    expect(server.requests[0]!.path).toBe('/v1/messages');
    expect(body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 4000, system: 'Implement the TO-BE.', stream: true });
    expect(body.tools).toEqual(TOOLS.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })));
  });

  it('sends tool uses as blocks and results as tool_result blocks (is_error), sharing a message with the next user text', async () => {
    server.script(anthropicToolTurn({ text: 'Fixed.', toolUses: [] }));
    const messages: ConversationMessage[] = [
      ...first,
      { role: 'assistant', text: 'Checking.', toolCalls: [{ id: 'toolu_1', name: 'run_check', arguments: '{}' }, { id: 'toolu_2', name: 'edit_file', arguments: '{"path": ' }] },
      { role: 'tool', results: [{ callId: 'toolu_1', content: 'check failed: 1 test', isError: true }, { callId: 'toolu_2', content: 'The arguments are not valid JSON.', isError: true }] },
      { role: 'user', text: 'The check still fails; fix it.' },
    ];
    const result = await anthropic().converse(turn(messages, 'claude-sonnet-4-5'), {});
    expect(result).toMatchObject({ text: 'Fixed.', toolCalls: [], stopReason: 'end_turn' });
    expect(server.requests[0]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Rename list to listVehicles.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'run_check', input: {} },
          { type: 'tool_use', id: 'toolu_2', name: 'edit_file', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'check failed: 1 test', is_error: true },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'The arguments are not valid JSON.', is_error: true },
          { type: 'text', text: 'The check still fails; fix it.' },
        ],
      },
    ]);
  });

  it('passes malformed tool input through exactly as it was streamed', async () => {
    const broken = '{"path": "src/fleet/routes.ts", "new_text": "unterminated';
    server.script(anthropicToolTurn({ toolUses: [{ id: 'toolu_bad', name: 'edit_file', input: broken }] }));
    const result = await anthropic().converse(turn(first, 'claude-sonnet-4-5'), {});
    expect(result.toolCalls).toEqual([{ id: 'toolu_bad', name: 'edit_file', arguments: broken }]);
  });

  it('fails with PROVIDER_ERROR on an error event mid-stream, and retries a 529 before the stream starts', async () => {
    const frames = (anthropicToolTurn({ text: 'Editing.', toolUses: [{ name: 'edit_file', input: EDIT }] }) as { frames: string[] }).frames.slice(0, 7);
    server.script({ type: 'stream', frames: [...frames, sseFrame({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error')] });
    const error = await failure(anthropic().converse(turn(first, 'claude-sonnet-4-5'), {}));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/overloaded_error.*Overloaded/);

    server.script(anthropicError(529, 'overloaded_error', 'Overloaded'), anthropicToolTurn({ toolUses: [{ name: 'run_check', input: {} }] }));
    const result = await anthropic().converse(turn(first, 'claude-sonnet-4-5'), {});
    expect(result).toMatchObject({ attempts: 2, toolCalls: [{ name: 'run_check', arguments: '{}' }] });
  });
});

describe('a scripted session', () => {
  const session = toolSession([
    { text: 'Reading the routes.', calls: [call('read_file', { path: EDIT.path })] },
    { calls: [call('edit_file', { ...EDIT, new_text: "router.get('/fleet', listVehicle);" })] },
    { calls: [call('run_check', {})] },
    (context) => ({ text: `The check said: ${context.lastResults[0]?.content}`, calls: [call('edit_file', { path: EDIT.path, old_text: 'listVehicle)', new_text: 'listVehicles)' })] }),
    { calls: [call('run_check', {})] },
    (context) => ({ calls: [call('finish', { summary: context.lastResults[0]?.isError ? 'still failing' : 'Renamed list to listVehicles.' })] }),
  ]);
  const results = ['export const routes = …', 'edited', 'check failed: listVehicle is not defined', 'edited', 'check passed'];

  for (const [name, client, model] of [
    ['OpenAI-compatible', openAi, 'grok-4'],
    ['Anthropic', anthropic, 'claude-sonnet-4-5'],
  ] as const) {
    it(`runs read, edit, failing check, fix, passing check, finish over ${name}`, async () => {
      server.script(...Array.from({ length: 6 }, () => session));
      const messages: ConversationMessage[] = [...first];
      const names: string[] = [];
      for (let i = 0; i < 6; i++) {
        const reply = await client().converse(turn(messages, model), {});
        names.push(...reply.toolCalls.map((c) => c.name));
        messages.push({ role: 'assistant', text: reply.text, toolCalls: reply.toolCalls });
        if (reply.toolCalls[0]!.name === 'finish') {
          expect(JSON.parse(reply.toolCalls[0]!.arguments)).toEqual({ summary: 'Renamed list to listVehicles.' });
          break;
        }
        messages.push({ role: 'tool', results: reply.toolCalls.map((c) => ({ callId: c.id, content: results[i]!, isError: results[i]!.startsWith('check failed') })) });
      }
      expect(names).toEqual(['read_file', 'edit_file', 'run_check', 'edit_file', 'run_check', 'finish']);
      // The step saw the failing check's output (chat completions carry the error flag as an "Error: " prefix).
      expect(messages[7]!.role === 'assistant' && messages[7]!.text).toMatch(/^The check said: (Error: )?check failed: listVehicle is not defined$/);
    });
  }
});
