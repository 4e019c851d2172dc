// Scripted model turns with tool calls for the implementation specs, in OpenAI's chat-completions streaming wire
// format: the first chunk of each call carries its id and name, its JSON arguments follow split across chunks,
// the turn ends with finish_reason "tool_calls", a usage chunk and [DONE]. Pauses let a test watch a run live.

import { sseFrame, type Answer } from '../../tests/helpers/provider-servers';

export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
}

let callCounter = 0;

/** One assistant turn that says `text` (optional) and asks for `calls` (several at once: parallel calls). */
export function openAiToolTurn(calls: ToolCall[], options: { text?: string; promptTokens?: number; completionTokens?: number; pauseMs?: number } = {}): Answer {
  const base = { id: `chatcmpl-tools-${++callCounter}`, object: 'chat.completion.chunk', created: 1_767_000_000, model: 'local-model', system_fingerprint: 'fp_test' };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => sseFrame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
  const frames: Array<string | { pauseMs: number }> = [chunk({ role: 'assistant', content: options.text ? '' : null })];
  if (options.text) frames.push(chunk({ content: options.text }));
  calls.forEach((call, index) => {
    frames.push(chunk({ tool_calls: [{ index, id: `call_${callCounter}_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }));
    const json = JSON.stringify(call.args);
    // Arguments arrive in pieces, cut anywhere (inside strings and escapes too), as real streams do.
    for (let i = 0; i < json.length; i += 17) frames.push(chunk({ tool_calls: [{ index, function: { arguments: json.slice(i, i + 17) } }] }));
  });
  if (options.pauseMs) frames.push({ pauseMs: options.pauseMs });
  frames.push(chunk({}, 'tool_calls'));
  const prompt = options.promptTokens ?? 2000;
  const completion = options.completionTokens ?? 60;
  frames.push(sseFrame({ ...base, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } }));
  frames.push(sseFrame('[DONE]'));
  return { type: 'stream', frames };
}
