// Anthropic's Messages API with streaming: message_start (input usage), content_block_delta (text_delta),
// message_delta (stop reason, output usage), message_stop; `error` events mid-stream; ping and unknown events ignored.

import { FleetError } from '../../../../shared/errors';
import { classifyStreamError } from './http-errors';
import { openCompletionStream } from './request';
import { readEventStream } from './sse';
import type { ClientOptions, CompletionRequest, CompletionResult, ProviderClient, StreamOptions } from './types';

export const ANTHROPIC_VERSION = '2023-06-01';

interface Usage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

interface AnthropicEvent {
  type?: string;
  message?: { usage?: Usage };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: Usage;
}

function inputTokens(usage: Usage): number | null {
  if (usage.input_tokens === undefined) return null;
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/** A client for `${baseUrl}/messages`. */
export function createAnthropicClient(options: ClientOptions): ProviderClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/messages`;
  return {
    async complete(request: CompletionRequest, stream: StreamOptions): Promise<CompletionResult> {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'anthropic-version': ANTHROPIC_VERSION,
      };
      if (options.apiKey) headers['x-api-key'] = options.apiKey;
      const body = JSON.stringify({
        model: request.model,
        max_tokens: request.maxOutputTokens,
        system: request.system,
        messages: [{ role: 'user', content: request.prompt }],
        stream: true,
        temperature: 0.2,
      });
      const opened = await openCompletionStream(options, request, stream, { url, headers, body });
      let text = '';
      let tokensIn: number | null = null;
      let tokensOut: number | null = null;
      let finishReason: string | null = null;
      let stopped = false;
      let problem: FleetError | null = null;
      await readEventStream(opened.body, {
        signal: stream.signal,
        stallMs: options.stallMs,
        onEvent: ({ event, data }) => {
          let payload: AnthropicEvent;
          try {
            payload = JSON.parse(data) as AnthropicEvent;
          } catch {
            problem = new FleetError('PROVIDER_ERROR', `${options.providerTitle} sent a malformed ${event} event: ${JSON.stringify(data.slice(0, 120))}.`, { reason: 'malformed', receivedChars: text.length });
            return true;
          }
          const type = payload.type ?? event;
          if (type === 'error') {
            problem = classifyStreamError(data, { providerTitle: options.providerTitle, key: options.apiKey });
            return true;
          }
          if (type === 'message_start' && payload.message?.usage) {
            tokensIn = inputTokens(payload.message.usage);
            tokensOut = payload.message.usage.output_tokens ?? null;
          } else if (type === 'content_block_delta' && payload.delta?.type === 'text_delta' && payload.delta.text) {
            text += payload.delta.text;
            stream.onText(payload.delta.text);
          } else if (type === 'message_delta') {
            if (payload.delta?.stop_reason) finishReason = payload.delta.stop_reason;
            // message_delta usage is cumulative; newer API versions repeat the input count there too.
            if (payload.usage?.output_tokens !== undefined) tokensOut = payload.usage.output_tokens;
            if (payload.usage?.input_tokens !== undefined) tokensIn = inputTokens(payload.usage);
          } else if (type === 'message_stop') {
            stopped = true;
            return true;
          }
          return false;
        },
      });
      if (problem) throw problem;
      if (!stopped) {
        throw new FleetError('PROVIDER_ERROR', `${options.providerTitle} stopped the stream mid-way (no message_stop); ${text.length} characters had arrived.`, {
          reason: 'incomplete',
          receivedChars: text.length,
        });
      }
      return { text, tokensIn, tokensOut, finishReason, attempts: opened.attempts };
    },
  };
}
