// The loop's test harness: a loopback server speaking a provider's wire protocol answers a scripted model session
// turn by turn (the shared toolSession), and the real client (createProviderClient pointed at it by base URL) holds
// the conversation. The tests see which requests reached the server and what each carried.

import type { ConversingClient } from '../../../../../src/main/core/agents/providers/types';
import { createProviderClient } from '../../../../../src/main/core/agents/providers/client-factory';
import type { ProviderConfig } from '../../../../../src/shared/providers';
import {
  anthropicError,
  openAiError,
  renderTurn,
  startProviderServer,
  toolSession,
  type Answer,
  type ProviderServer,
  type RecordedRequest,
  type SessionStep,
} from '../../../../helpers/provider-servers';

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
  /** The provider reports no usage for this turn (OpenAI's stream without its usage chunk). */
  noUsage?: boolean;
}

/** A provider failure: 401 (AUTH_FAILED) or a 500 on every attempt; `hang`: text streams, then silence. */
export type ScriptStep = ScriptTurn | { fail: 401 | 500 } | { hang: string } | ((context: { turn: number; lastResults: string[]; lastUserText: string }) => ScriptTurn);

export type Wire = 'openai' | 'anthropic';

export interface Harness {
  client: ConversingClient;
  server: ProviderServer;
  /** Requests that reached the provider. */
  requestCount(): number;
  /** The messages request `i` carried, as JSON text. */
  requestText(i: number): string;
  close(): Promise<void>;
}

export const call = (name: string, args: ScriptCall['args']): ScriptCall => ({ name, args });

const isAnthropic = (request: RecordedRequest): boolean => request.path.endsWith('/messages');

/** The answer without its last three frames (OpenAI: finish, usage, [DONE]; Anthropic: block stop, message_delta, message_stop), then silence. */
function cutOff(answer: Answer): Answer {
  if (answer.type !== 'stream') return answer;
  return { type: 'stream', frames: [...answer.frames.slice(0, -3), 'hang'] };
}

function withoutUsage(answer: Answer): Answer {
  if (answer.type !== 'stream') return answer;
  return { type: 'stream', frames: answer.frames.filter((f) => typeof f !== 'string' || !f.includes('"prompt_tokens"')) };
}

/** A turn as the server streams it: 1,000 tokens in and 100 out unless the script says otherwise. */
function rendered(request: RecordedRequest, turn: ScriptTurn): Answer {
  const answer = renderTurn(request, { tokensIn: 1000, tokensOut: 100, ...turn });
  return turn.noUsage ? withoutUsage(answer) : answer;
}

function toSessionStep(step: ScriptStep): SessionStep {
  return (context, request) => {
    if (typeof step === 'function') return rendered(request, step({ turn: context.turn, lastResults: context.lastResults.map((r) => r.content), lastUserText: context.lastUserText }));
    if ('fail' in step) {
      if (step.fail === 401) return isAnthropic(request) ? anthropicError(401, 'authentication_error', 'invalid x-api-key') : openAiError(401, 'Incorrect API key provided.', 'invalid_api_key');
      return isAnthropic(request) ? anthropicError(500, 'api_error', 'Internal server error') : openAiError(500, 'The server had an error while processing your request.', 'server_error');
    }
    if ('hang' in step) return cutOff(renderTurn(request, { text: step.hang, calls: [] }));
    return rendered(request, step);
  };
}

function provider(baseUrl: string, wire: Wire): ProviderConfig {
  return {
    id: wire === 'anthropic' ? 'anthropic' : 'loopback',
    title: wire === 'anthropic' ? 'Anthropic (loopback)' : 'Loopback server',
    kind: wire === 'anthropic' ? 'anthropic' : 'openai-compatible',
    baseUrl,
    models: ['test-model'],
    defaultModel: 'test-model',
    keyEnv: null,
    needsKey: true,
    contextWindow: 128_000,
    contextTokens: 24_000,
    maxOutputTokens: 4_000,
    stallSeconds: 10,
  };
}

/** A session answering each request with the step at its number of earlier assistant turns, over `wire`. */
export async function startSession(steps: ScriptStep[], wire: Wire = 'openai'): Promise<Harness> {
  const server = await startProviderServer(toolSession(steps.map(toSessionStep)));
  const client = createProviderClient(provider(server.baseUrl, wire), 'sk-loop-test-key', { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 } });
  return {
    client,
    server,
    requestCount: () => server.requests.length,
    requestText: (i) => JSON.stringify(server.requests[i]?.body.messages),
    close: () => server.close(),
  };
}
