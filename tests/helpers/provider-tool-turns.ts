// Wire-true tool-calling answers for the loopback provider servers: OpenAI chat-completion chunks with
// `tool_calls` deltas (arguments split across chunks, parallel calls interleaved by index, xAI's
// `reasoning_content`), Anthropic messages streaming with `tool_use` blocks and `input_json_delta`, and a
// session scripter that answers each request of an agent loop with the next scripted turn.

import type { Answer, AnswerFactory, RecordedRequest } from './provider-servers';

const sse = (data: unknown, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A scripted call: `args` as an object is sent as its JSON; a string is sent as it is (so it may be malformed JSON). */
export interface ScriptedCall {
  id?: string;
  name: string;
  args: Record<string, unknown> | string;
}

const argText = (args: ScriptedCall['args']): string => (typeof args === 'string' ? args : JSON.stringify(args));

export interface OpenAiToolTurnOptions {
  text?: string;
  /** Streamed as xAI's `delta.reasoning_content` before any content. */
  reasoning?: string;
  toolCalls: ScriptedCall[];
  promptTokens?: number;
  completionTokens?: number;
  /** Characters of arguments per chunk (default 7: every real argument spans several chunks). */
  argChunk?: number;
  /** Parallel calls: fragments of call 0 and 1 alternate (default true); false streams them one after another. */
  interleave?: boolean;
  model?: string;
  /** Default 'tool_calls' when there are calls, 'stop' otherwise. */
  finishReason?: string;
}

/** One OpenAI chat-completions stream answer whose turn ends in tool calls, as OpenAI (and xAI) stream them. */
export function openAiToolTurn(turn: OpenAiToolTurnOptions): Answer {
  const base = { id: 'chatcmpl-tools', object: 'chat.completion.chunk', created: 1_767_000_000, model: turn.model ?? 'test-model', system_fingerprint: 'fp_test' };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
  const frames: string[] = [chunk({ role: 'assistant', content: turn.text || turn.reasoning ? '' : null, refusal: null })];
  for (const piece of split(turn.reasoning ?? '', 9)) frames.push(chunk({ reasoning_content: piece }));
  for (const piece of split(turn.text ?? '', 8)) frames.push(chunk({ content: piece }));
  const size = turn.argChunk ?? 7;
  const calls = turn.toolCalls.map((call, index) => ({ index, id: call.id ?? `call_${index}_${call.name}`, name: call.name, fragments: split(argText(call.args), size) }));
  const header = (c: (typeof calls)[number]): string =>
    chunk({ tool_calls: [{ index: c.index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
  const fragment = (c: (typeof calls)[number], text: string): string => chunk({ tool_calls: [{ index: c.index, function: { arguments: text } }] });
  if (turn.interleave === false || calls.length < 2) {
    for (const c of calls) {
      frames.push(header(c));
      for (const text of c.fragments) frames.push(fragment(c, text));
    }
  } else {
    for (const c of calls) frames.push(header(c));
    const longest = Math.max(...calls.map((c) => c.fragments.length));
    for (let i = 0; i < longest; i++) for (const c of calls) if (i < c.fragments.length) frames.push(fragment(c, c.fragments[i]!));
  }
  frames.push(chunk({}, turn.finishReason ?? (calls.length ? 'tool_calls' : 'stop')));
  const prompt = turn.promptTokens ?? 1000;
  const completion = turn.completionTokens ?? Math.ceil(((turn.text ?? '').length + (turn.reasoning ?? '').length + calls.reduce((n, c) => n + c.fragments.join('').length, 0)) / 4) + 1;
  frames.push(sse({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } }));
  frames.push(sse('[DONE]'));
  return { type: 'stream', frames };
}

export interface AnthropicToolTurnOptions {
  text?: string;
  /** A `thinking` block (thinking_delta, then signature_delta) before the text. */
  thinking?: string;
  /** `input` as an object is streamed as its JSON; a string is streamed as it is (malformed JSON possible). */
  toolUses: Array<{ id?: string; name: string; input: Record<string, unknown> | string }>;
  inputTokens?: number;
  outputTokens?: number;
  /** Characters of partial_json per input_json_delta (default 7). */
  argChunk?: number;
  model?: string;
  /** Default 'tool_use' when there are tool uses, 'end_turn' otherwise. */
  stopReason?: string;
}

/** One Anthropic messages stream answer with text and tool_use blocks, as the Messages API streams them. */
export function anthropicToolTurn(turn: AnthropicToolTurnOptions): Answer {
  const input = turn.inputTokens ?? 1000;
  const frames: string[] = [
    sse({ type: 'message_start', message: { id: 'msg_tools', type: 'message', role: 'assistant', content: [], model: turn.model ?? 'claude-test', stop_reason: null, stop_sequence: null, usage: { input_tokens: input, output_tokens: 1 } } }, 'message_start'),
  ];
  let index = 0;
  const block = (start: Record<string, unknown>, deltas: Array<Record<string, unknown>>): void => {
    frames.push(sse({ type: 'content_block_start', index, content_block: start }, 'content_block_start'));
    if (index === 0) frames.push(sse({ type: 'ping' }, 'ping'));
    for (const delta of deltas) frames.push(sse({ type: 'content_block_delta', index, delta }, 'content_block_delta'));
    frames.push(sse({ type: 'content_block_stop', index }, 'content_block_stop'));
    index++;
  };
  if (turn.thinking) {
    block({ type: 'thinking', thinking: '', signature: '' }, [
      ...split(turn.thinking, 9).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: 'c2lnbmF0dXJlLW9mLXRoZS10aGlua2luZw==' },
    ]);
  }
  if (turn.text) block({ type: 'text', text: '' }, split(turn.text, 8).map((text) => ({ type: 'text_delta', text })));
  let streamed = (turn.text ?? '').length + (turn.thinking ?? '').length;
  turn.toolUses.forEach((use, n) => {
    const json = argText(use.input);
    streamed += json.length;
    const id = use.id ?? `toolu_${String(n).padStart(2, '0')}_${use.name}`;
    block({ type: 'tool_use', id, name: use.name, input: {} }, split(json, turn.argChunk ?? 7).map((partial_json) => ({ type: 'input_json_delta', partial_json })));
  });
  const output = turn.outputTokens ?? Math.ceil(streamed / 4) + 1;
  const stop = turn.stopReason ?? (turn.toolUses.length ? 'tool_use' : 'end_turn');
  frames.push(sse({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: output } }, 'message_delta'));
  frames.push(sse({ type: 'message_stop' }, 'message_stop'));
  return { type: 'stream', frames };
}

/** What a model turn of a scripted session does, whichever provider asks. */
export interface SessionTurn {
  text?: string;
  /** reasoning_content for OpenAI-compatible servers, a thinking block for Anthropic. */
  reasoning?: string;
  calls: ScriptedCall[];
  tokensIn?: number;
  tokensOut?: number;
}

/** A tool result as the request carried it back (either wire format). */
export interface SeenToolResult {
  callId: string;
  content: string;
  isError: boolean;
}

/** What a turn function learns from the request: which turn it is and the latest tool results and user text. */
export interface SessionContext {
  /** 0 for the first model turn: the number of assistant turns the request already holds. */
  turn: number;
  /** Every tool result the request carries, in order. */
  toolResults: SeenToolResult[];
  /** The results of the latest assistant turn's calls (empty on the first turn or after a user message). */
  lastResults: SeenToolResult[];
  /** The text of the last user message with text (the instruction, or a repair round's check output). */
  lastUserText: string;
}

type Message = { role?: string; content?: unknown; tool_call_id?: string };

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((part: { type?: string; text?: string; content?: unknown }) => (part.type === 'text' ? (part.text ?? '') : part.type === 'tool_result' ? textOf(part.content) : '')).join('')
      : '';

/** Reads the conversation a request carries, in OpenAI's or Anthropic's shape. */
export function sessionContext(request: RecordedRequest): SessionContext {
  const messages = (Array.isArray(request.body.messages) ? request.body.messages : []) as Message[];
  const toolResults: SeenToolResult[] = [];
  let lastResults: SeenToolResult[] = [];
  let lastUserText = '';
  let turn = 0;
  for (const message of messages) {
    if (message.role === 'assistant') {
      turn++;
      lastResults = [];
    } else if (message.role === 'tool') {
      const result = { callId: String(message.tool_call_id ?? ''), content: textOf(message.content), isError: /^(error|tool error)\b/i.test(textOf(message.content)) };
      toolResults.push(result);
      lastResults.push(result);
    } else if (message.role === 'user') {
      const parts = Array.isArray(message.content) ? (message.content as Array<{ type?: string; tool_use_id?: string; content?: unknown; is_error?: boolean }>) : [];
      const results = parts.filter((p) => p.type === 'tool_result').map((p) => ({ callId: String(p.tool_use_id ?? ''), content: textOf(p.content), isError: p.is_error === true }));
      toolResults.push(...results);
      lastResults = results;
      const text = typeof message.content === 'string' ? message.content : parts.filter((p) => p.type === 'text').map((p) => textOf([p])).join('');
      if (text) {
        lastUserText = text;
        if (!results.length) lastResults = [];
      }
    }
  }
  return { turn, toolResults, lastResults, lastUserText };
}

/** The answer for `turn` in the format the request's endpoint speaks (`/messages`: Anthropic; else OpenAI). */
export function renderTurn(request: RecordedRequest, turn: SessionTurn): Answer {
  if (request.path.endsWith('/messages')) {
    return anthropicToolTurn({ text: turn.text, thinking: turn.reasoning, toolUses: turn.calls.map((c) => ({ id: c.id, name: c.name, input: c.args })), inputTokens: turn.tokensIn, outputTokens: turn.tokensOut });
  }
  return openAiToolTurn({ text: turn.text, reasoning: turn.reasoning, toolCalls: turn.calls, promptTokens: turn.tokensIn, completionTokens: turn.tokensOut });
}

/** A step of a session: a turn, a raw answer (an error, a broken stream), or a function of the context giving either. */
export type SessionStep = SessionTurn | Answer | ((context: SessionContext, request: RecordedRequest) => SessionTurn | Answer);

/**
 * Scripts a whole agent session as one fallback AnswerFactory: each request is answered with the step at index
 * `context.turn` (the number of assistant turns it already carries), so retries and follow-ups line up by
 * themselves. Past the last step it answers `after` (default: a text-only turn that calls nothing).
 */
export function toolSession(steps: SessionStep[], after: SessionStep = { text: 'The script has no more turns.', calls: [] }): AnswerFactory {
  return (request) => {
    const context = sessionContext(request);
    const step = steps[context.turn] ?? after;
    const made = typeof step === 'function' ? step(context, request) : step;
    return 'type' in made ? made : renderTurn(request, made);
  };
}

/** A call in a session turn, for brevity: `call('read_file', { path: 'src/a.ts' })`. */
export function call(name: string, args: ScriptedCall['args'], id?: string): ScriptedCall {
  return id === undefined ? { name, args } : { id, name, args };
}
