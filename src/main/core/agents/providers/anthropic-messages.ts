// A conversation in Anthropic Messages terms: an assistant turn is [text, tool_use...] blocks, its results go back
// in the next user message as tool_result blocks (is_error set), followed by any text the user adds.

import type { ContentBlockParam, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { ConversationMessage, ToolSpec } from './types';

/** A tool_use block needs an object; arguments the model sent malformed go back as {} (its tool result says why). */
function inputOf(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The messages of a Messages request; consecutive user content (tool results, then text) shares one message. */
export function anthropicMessages(messages: ConversationMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  const user = (blocks: ContentBlockParam[]): void => {
    const last = out.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...blocks);
    else out.push({ role: 'user', content: blocks });
  };
  for (const message of messages) {
    if (message.role === 'user') user([{ type: 'text', text: message.text }]);
    else if (message.role === 'tool') {
      user(message.results.map((result) => ({ type: 'tool_result' as const, tool_use_id: result.callId, content: result.content, is_error: result.isError })));
    } else {
      const blocks: ContentBlockParam[] = [];
      // The API refuses empty text blocks, and an assistant message needs at least one block.
      if (message.text || !message.toolCalls.length) blocks.push({ type: 'text', text: message.text || '(no text)' });
      for (const call of message.toolCalls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: inputOf(call.arguments) });
      out.push({ role: 'assistant', content: blocks });
    }
  }
  return out;
}

/** The tools as the Messages API declares them. */
export function anthropicTools(tools: ToolSpec[]): Tool[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: { type: 'object', ...tool.parameters } }));
}
