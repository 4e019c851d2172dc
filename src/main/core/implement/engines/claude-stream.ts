// The Claude-style stream-json messages, one JSON object a line, read into engine events. Claude Code's print mode
// documents them (docs.claude.com "Run Claude Code programmatically", the Agent SDK's SDKMessage types) and Qwen Code's
// headless mode emits the same shapes (QwenLM/qwen-code packages/cli/src/nonInteractive/types.ts): `system` (subtype
// `init` in Claude Code, `session_start` in Qwen Code; session_id, model), `assistant` (message.content: `text` and
// `tool_use` {id, name, input} blocks), `user` (message.content: `tool_result` {tool_use_id, content, is_error}) and
// the last line `result` (subtype, is_error, num_turns, result, error.message, session_id, usage {input_tokens,
// output_tokens, cache_*_input_tokens}, and in Claude Code total_cost_usd).

import type { EngineEvent, LineParser } from './types';
import { jsonLine, num, str, unreadLine } from './shell-words';

type Block = Record<string, unknown>;

function blocks(message: unknown): Block[] {
  const content = (message as { content?: unknown } | null)?.content;
  return Array.isArray(content) ? content.filter((b): b is Block => b !== null && typeof b === 'object') : [];
}

/** A tool result's content: a string, or text blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined ? '' : JSON.stringify(content);
  return content.map((part: Block) => (part?.type === 'text' ? String(part.text ?? '') : JSON.stringify(part))).join('\n');
}

function resultEvents(line: Record<string, unknown>): EngineEvent[] {
  const usage = (line.usage ?? {}) as Record<string, unknown>;
  const tokensIn = num(usage.input_tokens) + num(usage.cache_creation_input_tokens) + num(usage.cache_read_input_tokens);
  const cost = typeof line.total_cost_usd === 'number' ? line.total_cost_usd : null;
  const subtype = str(line.subtype) ?? '';
  const stop = subtype === 'error_max_turns' ? 'max-turns' : subtype === 'error_max_budget_usd' ? 'budget' : undefined;
  const error = str((line.error as { message?: unknown } | null)?.message);
  return [
    { kind: 'totals', tokensIn, tokensOut: num(usage.output_tokens), costUsd: cost, turns: typeof line.num_turns === 'number' ? line.num_turns : null },
    { kind: 'result', ok: line.is_error !== true && subtype === 'success', text: str(line.result) ?? error ?? (subtype || null), ...(stop ? { stop } : {}) },
  ];
}

/** A reader of Claude-style stream-json for the engine titled `engine` (named in the notice for an unreadable line). */
export function claudeStreamParser(engine: string): LineParser {
  let lastMessage: string | null = null;
  return (text) => {
    const line = jsonLine(text);
    if (!line) return [unreadLine(engine, text)];
    switch (line.type) {
      case 'system':
        return (line.subtype === 'init' || line.subtype === 'session_start') && typeof line.session_id === 'string'
          ? [{ kind: 'session', sessionId: line.session_id, ...(typeof line.model === 'string' ? { model: line.model } : {}) }]
          : [];
      case 'assistant': {
        const message = line.message as { id?: unknown } | undefined;
        const events: EngineEvent[] = [];
        // One model response can arrive as several assistant lines (one per content block) sharing its id.
        const id = typeof message?.id === 'string' ? message.id : null;
        if (id === null || id !== lastMessage) events.push({ kind: 'turn' });
        lastMessage = id;
        for (const block of blocks(message)) {
          if (block.type === 'text' && typeof block.text === 'string') events.push({ kind: 'text', text: block.text });
          if (block.type === 'tool_use') events.push({ kind: 'tool-call', callId: String(block.id ?? ''), tool: String(block.name ?? 'tool'), args: block.input ?? {} });
        }
        return events;
      }
      case 'user':
        return blocks(line.message)
          .filter((block) => block.type === 'tool_result')
          .map((block) => ({ kind: 'tool-result', callId: String(block.tool_use_id ?? ''), ok: block.is_error !== true, result: resultText(block.content) }));
      case 'result':
        return resultEvents(line);
      default:
        return [];
    }
  };
}
