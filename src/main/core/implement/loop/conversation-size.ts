// The worst case of the next model call, before it is made: the whole conversation is sent again each turn, so its
// input is the system prompt, the tool specs and every message so far; its output is at most the turn's limit.

import type { ConversationMessage, ToolSpec } from '../../agents/providers/types';
import { reserveTokens } from '../../agents/context/token-estimate';

/** Tokens for the framing of each message (role markers, call ids) that its text does not show. */
const PER_MESSAGE_TOKENS = 8;
/** Tokens for the request's own framing. */
const REQUEST_TOKENS = 64;

/** Characters the conversation sends, counted as the providers receive them (texts, call arguments, results). */
export function conversationChars(system: string, tools: ToolSpec[], messages: ConversationMessage[]): number {
  let chars = system.length + JSON.stringify(tools).length;
  for (const message of messages) {
    if (message.role === 'user') chars += message.text.length;
    else if (message.role === 'assistant') {
      chars += message.text.length + (message.reasoning?.length ?? 0);
      for (const call of message.toolCalls) chars += call.id.length + call.name.length + call.arguments.length;
    } else {
      for (const result of message.results) chars += result.callId.length + result.content.length;
    }
  }
  return chars;
}

/**
 * A deliberately high input-token count for the next call: about three characters per token (a real tokenizer
 * gives about four for English and code), plus framing per message and per request.
 */
export function worstCaseInputTokens(system: string, tools: ToolSpec[], messages: ConversationMessage[]): number {
  return reserveTokens(conversationChars(system, tools, messages)) + messages.length * PER_MESSAGE_TOKENS + REQUEST_TOKENS;
}
