// A conversation in OpenAI chat-completions terms: an assistant turn carries its `tool_calls`, each result goes
// back as a `tool` message with the call's id. Chat completions have no error flag, so a failed call says so in words.

import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationMessage, ToolSpec } from './types';

/** The messages of a chat-completions request: the system prompt first. */
export function openAiMessages(system: string, messages: ConversationMessage[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    if (message.role === 'user') out.push({ role: 'user', content: message.text });
    else if (message.role === 'assistant') {
      out.push({
        role: 'assistant',
        content: message.text || null,
        ...(message.toolCalls.length
          ? { tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })) }
          : {}),
      });
    } else {
      for (const result of message.results) {
        const content = result.isError && !/^error\b/i.test(result.content) ? `Error: ${result.content}` : result.content;
        out.push({ role: 'tool', tool_call_id: result.callId, content });
      }
    }
  }
  return out;
}

/** The tools as chat completions declares them. */
export function openAiTools(tools: ToolSpec[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
}
