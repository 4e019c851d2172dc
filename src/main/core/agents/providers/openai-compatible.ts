// Chat completions for every OpenAI-compatible server (xAI Grok, OpenAI, Ollama, LM Studio) through the official
// `openai` SDK: its stream helper assembles content and tool-call deltas; we add retries, the stall watchdog,
// error classification and xAI's `reasoning_content`. The SDK is imported on first use (CLI start-up stays fast).

import type OpenAI from 'openai';
import type { ChatCompletionSnapshot } from 'openai/lib/ChatCompletionStream';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { openAiMessages, openAiTools } from './openai-messages';
import { runStreamedCall } from './streamed-call';
import type { ClientOptions, ConverseResult, ConversingClient, RetryNotice } from './types';

let sdk: Promise<typeof import('openai')> | undefined;
const loadSdk = (): Promise<typeof import('openai')> => (sdk ??= import('openai'));

/** OpenAI's newer models accept only `max_completion_tokens`; other servers know `max_tokens`. */
function outputLimitField(baseUrl: string): 'max_tokens' | 'max_completion_tokens' {
  return new URL(baseUrl).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
}

interface TurnCallbacks {
  signal?: AbortSignal;
  onText?(delta: string): void;
  onReasoning?(delta: string): void;
  onRetry?(notice: RetryNotice): void;
}

type Delta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: unknown; reasoning?: unknown };

/** The SDK client for one attempt: our fetch, no SDK retries, no credentials or settings read from the environment. */
function sdkClient(OpenAiSdk: typeof OpenAI, options: ClientOptions, fetch: typeof globalThis.fetch): OpenAI {
  return new OpenAiSdk({
    baseURL: options.baseUrl,
    // A key passed in code keeps the SDK from reading OPENAI_API_KEY; without one no Authorization is sent (below).
    apiKey: options.apiKey ?? 'no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    // Our stall watchdog bounds silence; the SDK's timeout would cut a long, healthy answer.
    timeout: 24 * 3_600_000,
    logLevel: 'off',
    fetch,
    // Local servers take no key: send no Authorization header at all.
    ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
  });
}

/** A client for `${baseUrl}/chat/completions`. */
export function createOpenAiCompatibleClient(options: ClientOptions): ConversingClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const limit = outputLimitField(options.baseUrl);

  async function turn(params: Omit<ChatCompletionCreateParamsStreaming, 'stream'>, callbacks: TurnCallbacks): Promise<ConverseResult> {
    const { default: OpenAiSdk } = await loadSdk();
    const sdkErrors = { base: OpenAiSdk.OpenAIError, api: OpenAiSdk.APIError, connection: OpenAiSdk.APIConnectionError };
    const { value, attempts } = await runStreamedCall({
      options,
      model: params.model,
      url,
      sdk: sdkErrors,
      signal: callbacks.signal,
      onRetry: callbacks.onRetry,
      incompleteWhy: 'no finish reason, no [DONE]',
      attempt: async (watch, progress) => {
        let text = '';
        let reasoning = '';
        let usage: ChatCompletionChunk['usage'] = null;
        let snapshot: ChatCompletionSnapshot | undefined;
        const stream = sdkClient(OpenAiSdk, options, watch.fetch).chat.completions.stream({ ...params, stream_options: { include_usage: true } }, { signal: watch.signal });
        stream.on('connect', watch.started);
        stream.on('chunk', (chunk, accumulated) => {
          watch.progress();
          snapshot = accumulated;
          const choice = chunk.choices[0];
          const delta = choice?.delta as Delta | undefined;
          // xAI (and LM Studio) stream reasoning as `reasoning_content`, some servers as `reasoning`.
          const thought = delta?.reasoning_content ?? delta?.reasoning;
          if (typeof thought === 'string' && thought) {
            reasoning += thought;
            callbacks.onReasoning?.(thought);
          }
          // Text straight from each chunk: the SDK's `content` event waits for a role chunk some servers never send.
          if (typeof delta?.content === 'string' && delta.content) {
            text += delta.content;
            progress.receivedChars = text.length;
            callbacks.onText?.(delta.content);
          }
          if (choice?.finish_reason) progress.complete = true;
          if (chunk.usage) usage = chunk.usage;
        });
        let message: { tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string } }> | null } | undefined;
        let stopReason: string | null;
        try {
          const completion = await stream.finalChatCompletion();
          message = completion.choices[0]?.message;
          stopReason = completion.choices[0]?.finish_reason ?? null;
          usage ??= completion.usage ?? null;
        } catch (error) {
          // A server that never sends the role chunk (some local ones) ends whole but fails the SDK's final check;
          // its answer is then the SDK's own accumulated snapshot.
          const whole = snapshot?.choices[0];
          const sdkCheck = error instanceof OpenAiSdk.OpenAIError && !(error instanceof OpenAiSdk.APIError) && !(error as { cause?: unknown }).cause;
          if (!progress.complete || !whole || !sdkCheck || watch.signal.aborted) throw error;
          message = whole.message;
          stopReason = whole.finish_reason ?? null;
        }
        const calls = (message?.tool_calls ?? []).flatMap((c, i) =>
          (c.type ?? 'function') === 'function' ? [{ id: c.id || `call_${i}`, name: c.function?.name ?? '', arguments: c.function?.arguments ?? '' }] : [],
        );
        const used = usage;
        return {
          text,
          reasoning,
          toolCalls: calls,
          tokensIn: used?.prompt_tokens ?? null,
          tokensOut: used?.completion_tokens ?? null,
          stopReason,
          attempts: 1,
        };
      },
    });
    return { ...value, attempts };
  }

  return {
    async complete(request, stream) {
      const result = await turn(
        {
          model: request.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.prompt },
          ],
          [limit]: request.maxOutputTokens,
          temperature: 0.2,
        },
        { signal: stream.signal, onText: stream.onText, onRetry: stream.onRetry },
      );
      return { text: result.text, tokensIn: result.tokensIn, tokensOut: result.tokensOut, finishReason: result.stopReason, attempts: result.attempts };
    },
    converse(request, callbacks) {
      return turn(
        {
          model: request.model,
          messages: openAiMessages(request.system, request.messages),
          ...(request.tools.length ? { tools: openAiTools(request.tools) } : {}),
          [limit]: request.maxOutputTokens,
        },
        callbacks,
      );
    },
  };
}
