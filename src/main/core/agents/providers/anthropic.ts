// Anthropic's Messages API through the official `@anthropic-ai/sdk`: its MessageStream assembles text, thinking
// and tool_use blocks (input_json_delta); we add retries, the stall watchdog, error classification, and keep each
// tool call's arguments exactly as streamed so malformed JSON reaches the loop as it was sent. Imported on first use.

import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase, Usage } from '@anthropic-ai/sdk/resources/messages';
import { anthropicMessages, anthropicTools } from './anthropic-messages';
import { runStreamedCall } from './streamed-call';
import type { ClientOptions, ConverseResult, ConversingClient, RetryNotice, ToolCall } from './types';

/** The API version SDK 1.x sends (anthropic-version header): no temperature, the key as a bearer token. */
export const ANTHROPIC_VERSION = '2026-10-21';

let sdk: Promise<typeof import('@anthropic-ai/sdk')> | undefined;
const loadSdk = (): Promise<typeof import('@anthropic-ai/sdk')> => (sdk ??= import('@anthropic-ai/sdk'));

interface TurnCallbacks {
  signal?: AbortSignal;
  onText?(delta: string): void;
  onReasoning?(delta: string): void;
  onRetry?(notice: RetryNotice): void;
}

function inputTokens(usage: Usage): number | null {
  if (usage.input_tokens === undefined || usage.input_tokens === null) return null;
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/** Our base URLs end in /v1 (as OpenAI's do); the SDK adds /v1/messages itself. */
function sdkBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** The SDK client for one attempt: our fetch, no SDK retries, no credentials or settings read from the environment. */
function sdkClient(AnthropicSdk: typeof Anthropic, options: ClientOptions, fetch: typeof globalThis.fetch): Anthropic {
  return new AnthropicSdk({
    baseURL: sdkBaseUrl(options.baseUrl),
    // A key passed in code is the client's only credential: the SDK then reads none from the environment.
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: 0,
    timeout: 24 * 3_600_000,
    logLevel: 'off',
    fetch,
    ...(options.apiKey ? {} : { defaultHeaders: { 'x-api-key': null } }),
  });
}

/** A client for `${baseUrl}/messages`. */
export function createAnthropicClient(options: ClientOptions): ConversingClient {
  const url = `${sdkBaseUrl(options.baseUrl)}/v1/messages`;

  async function turn(params: Omit<MessageCreateParamsBase, 'stream'>, callbacks: TurnCallbacks): Promise<ConverseResult> {
    const { default: AnthropicSdk } = await loadSdk();
    const sdkErrors = { base: AnthropicSdk.AnthropicError, api: AnthropicSdk.APIError, connection: AnthropicSdk.APIConnectionError };
    const { value, attempts } = await runStreamedCall({
      options,
      model: params.model,
      url,
      sdk: sdkErrors,
      signal: callbacks.signal,
      onRetry: callbacks.onRetry,
      incompleteWhy: 'no message_stop',
      attempt: async (watch, progress) => {
        let text = '';
        let reasoning = '';
        // The SDK parses tool input leniently (partial JSON); the loop must see malformed arguments as sent.
        const rawInput = new Map<number, string>();
        const stream = sdkClient(AnthropicSdk, options, watch.fetch).messages.stream(params, { signal: watch.signal });
        stream.on('connect', watch.started);
        stream.on('streamEvent', (event) => {
          watch.progress();
          if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
            rawInput.set(event.index, (rawInput.get(event.index) ?? '') + event.delta.partial_json);
          } else if (event.type === 'message_stop') progress.complete = true;
        });
        stream.on('text', (delta) => {
          text += delta;
          progress.receivedChars = text.length;
          callbacks.onText?.(delta);
        });
        stream.on('thinking', (delta) => {
          reasoning += delta;
          callbacks.onReasoning?.(delta);
        });
        const message = await stream.finalMessage();
        const toolCalls: ToolCall[] = [];
        message.content.forEach((block, index) => {
          if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, arguments: rawInput.get(index) || JSON.stringify(block.input ?? {}) });
        });
        return {
          text,
          reasoning,
          toolCalls,
          tokensIn: inputTokens(message.usage),
          tokensOut: message.usage.output_tokens ?? null,
          stopReason: message.stop_reason ?? null,
          attempts: 1,
        };
      },
    });
    return { ...value, attempts };
  }

  return {
    async complete(request, stream) {
      const result = await turn(
        { model: request.model, max_tokens: request.maxOutputTokens, system: request.system, messages: [{ role: 'user', content: request.prompt }] },
        { signal: stream.signal, onText: stream.onText, onRetry: stream.onRetry },
      );
      return { text: result.text, tokensIn: result.tokensIn, tokensOut: result.tokensOut, finishReason: result.stopReason, attempts: result.attempts };
    },
    converse(request, callbacks) {
      return turn(
        {
          model: request.model,
          max_tokens: request.maxOutputTokens,
          system: request.system,
          messages: anthropicMessages(request.messages),
          ...(request.tools.length ? { tools: anthropicTools(request.tools) } : {}),
        },
        callbacks,
      );
    },
  };
}
