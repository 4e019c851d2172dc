// The loop's test harness: a scripted model session answered turn by turn, and what each request carried.
// TEMPORARY bridge: the ConversingClient below stands in for the SDK-based clients until they land on main; the
// harness then points createProviderClient at a loopback server instead, and the tests stay as they are.

import { FleetError } from '../../../../../src/shared/errors';
import type { ConversationMessage, ConversingClient, ConverseRequest, ConverseResult } from '../../../../../src/main/core/agents/providers/types';

export interface ScriptCall {
  name: string;
  /** An object is sent as its JSON; a string as it is (malformed JSON possible). */
  args: Record<string, unknown> | string;
}

export interface ScriptTurn {
  text?: string;
  reasoning?: string;
  calls: ScriptCall[];
  tokensIn?: number;
  tokensOut?: number;
  /** The provider reports no usage for this turn. */
  noUsage?: boolean;
}

/** A provider failure: 401 (AUTH_FAILED) or a 5xx that outlasts the retries; `hang`: text streams, then silence. */
export type ScriptStep = ScriptTurn | { fail: 401 | 500 } | { hang: string } | ((context: { turn: number; lastResults: string[]; lastUserText: string }) => ScriptTurn);

export interface Harness {
  client: ConversingClient;
  /** Requests that reached the provider. */
  requestCount(): number;
  /** The messages request `i` carried, as JSON text. */
  requestText(i: number): string;
  close(): Promise<void>;
}

export const call = (name: string, args: ScriptCall['args']): ScriptCall => ({ name, args });

function context(messages: ConversationMessage[]): { turn: number; lastResults: string[]; lastUserText: string } {
  let turn = 0;
  let lastResults: string[] = [];
  let lastUserText = '';
  for (const m of messages) {
    if (m.role === 'assistant') turn++;
    else if (m.role === 'tool') lastResults = m.results.map((r) => r.content);
    else lastUserText = m.text;
  }
  return { turn, lastResults, lastUserText };
}

/** A session answering each request with the step at its number of earlier assistant turns. */
export async function startSession(steps: ScriptStep[]): Promise<Harness> {
  const requests: ConverseRequest[] = [];
  const client: ConversingClient = {
    complete: () => Promise.reject(new Error('not used')),
    async converse(request, options): Promise<ConverseResult> {
      requests.push(structuredClone(request));
      const ctx = context(request.messages);
      const raw = steps[ctx.turn] ?? { text: 'The script has no more turns.', calls: [] };
      const step = typeof raw === 'function' ? raw(ctx) : raw;
      if ('fail' in step) throw step.fail === 401 ? new FleetError('AUTH_FAILED', 'The provider refused the key (401).') : new FleetError('PROVIDER_ERROR', 'The provider answered 500 after 3 attempts.');
      if ('hang' in step) {
        options.onText?.(step.hang);
        await new Promise<void>((_, reject) => options.signal?.addEventListener('abort', () => reject(new FleetError('CANCELLED', 'cancelled')), { once: true }));
      }
      const turn = step as ScriptTurn;
      if (turn.reasoning) options.onReasoning?.(turn.reasoning);
      if (turn.text) options.onText?.(turn.text);
      const toolCalls = turn.calls.map((c, i) => ({ id: `call_${ctx.turn}_${i}`, name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args) }));
      return { text: turn.text ?? '', reasoning: turn.reasoning ?? '', toolCalls, tokensIn: turn.noUsage ? null : (turn.tokensIn ?? 1000), tokensOut: turn.noUsage ? null : (turn.tokensOut ?? 100), stopReason: toolCalls.length ? 'tool_calls' : 'stop', attempts: 1 };
    },
  };
  return { client, requestCount: () => requests.length, requestText: (i) => JSON.stringify(requests[i]?.messages), close: async () => {} };
}
