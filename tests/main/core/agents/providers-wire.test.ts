// The loopback servers' tool-calling answers are what the providers' official SDKs accept: the SDKs assemble
// them into the calls that were scripted, and the session scripter answers each request with the right turn.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicToolTurn, call, openAiToolTurn, startProviderServer, toolSession, type ProviderServer } from '../../../helpers/provider-servers';

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer();
});
afterAll(() => server.close());

const openai = (): OpenAI => new OpenAI({ baseURL: server.baseUrl, apiKey: 'sk-wire-test', maxRetries: 0 });
const anthropic = (): Anthropic => new Anthropic({ baseURL: server.url, apiKey: 'sk-ant-wire-test', maxRetries: 0 });

describe('scripted tool turns on the wire', () => {
  it('an OpenAI turn with two interleaved parallel calls is assembled by the openai SDK into both calls', async () => {
    const edit = { path: 'src/app.ts', old_text: 'return 1;', new_text: 'return 2;' };
    const answer = openAiToolTurn({ text: 'Reading and editing.', toolCalls: [call('read_file', { path: 'src/app.ts' }, 'call_a'), call('edit_file', edit, 'call_b')], argChunk: 5 });
    const toolFrames = (answer as { frames: string[] }).frames.filter((f) => f.includes('"tool_calls"'));
    expect(toolFrames.length).toBeGreaterThan(10);
    expect(toolFrames.map((f) => /"index":(\d)/.exec(f.slice(f.indexOf('tool_calls')))?.[1]).slice(2, 6)).toEqual(['0', '1', '0', '1']);
    server.script(answer);
    const completion = await openai().chat.completions.stream({ model: 'grok-4', messages: [{ role: 'user', content: 'go' }], stream_options: { include_usage: true } }).finalChatCompletion();
    const message = completion.choices[0]!.message;
    expect(message.content).toBe('Reading and editing.');
    expect(message.tool_calls?.map((c) => (c.type === 'function' ? [c.id, c.function.name, c.function.arguments] : []))).toEqual([
      ['call_a', 'read_file', JSON.stringify({ path: 'src/app.ts' })],
      ['call_b', 'edit_file', JSON.stringify(edit)],
    ]);
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.usage?.prompt_tokens).toBe(1000);
  });

  it('an Anthropic turn with a tool_use block streamed as input_json_delta pieces is assembled by the Anthropic SDK', async () => {
    server.script(anthropicToolTurn({ text: 'Let me look.', toolUses: [{ id: 'toolu_1', name: 'search', input: { pattern: 'TODO', glob: 'src/**' } }], inputTokens: 321, outputTokens: 12 }));
    const message = await anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] }).finalMessage();
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'toolu_1', name: 'search', input: { pattern: 'TODO', glob: 'src/**' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 321, output_tokens: 12 });
  });

  it('a session answers each request with the turn its conversation has reached, and a step sees the last tool results', async () => {
    const seen: string[] = [];
    server.reset();
    const session = toolSession([
      { calls: [call('run_check', {})] },
      (context) => {
        seen.push(context.lastResults.map((r) => r.content).join('|'));
        return { text: 'done', calls: [call('finish', { summary: 'ok' })] };
      },
    ]);
    server.script(session, session);
    const client = anthropic();
    const first = await client.messages.stream({ model: 'c', max_tokens: 50, messages: [{ role: 'user', content: 'fix it' }] }).finalMessage();
    const use = first.content.find((b) => b.type === 'tool_use')!;
    expect(use).toMatchObject({ name: 'run_check', input: {} });
    const second = await client.messages
      .stream({
        model: 'c',
        max_tokens: 50,
        messages: [
          { role: 'user', content: 'fix it' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.type === 'tool_use' ? use.id : '', content: 'check failed: 1 test', is_error: true }] },
        ],
      })
      .finalMessage();
    expect(second.content.at(-1)).toMatchObject({ type: 'tool_use', name: 'finish', input: { summary: 'ok' } });
    expect(seen).toEqual(['check failed: 1 test']);
  });
});
