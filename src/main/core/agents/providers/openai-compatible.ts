// Chat completions over SSE for every OpenAI-compatible server: xAI Grok, OpenAI, Ollama, LM Studio.
// `stream_options.include_usage` makes the server end with a usage chunk (choices: []) before `data: [DONE]`.

import { FleetError } from '../../../../shared/errors';
import { classifyStreamError } from './http-errors';
import { openCompletionStream } from './request';
import { readEventStream } from './sse';
import type { ClientOptions, CompletionRequest, CompletionResult, ProviderClient, StreamOptions } from './types';

interface ChatChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
}

/** OpenAI's newer models accept only `max_completion_tokens`; other servers know `max_tokens`. */
function outputLimitField(baseUrl: string): 'max_tokens' | 'max_completion_tokens' {
  return new URL(baseUrl).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
}

/** A client for `${baseUrl}/chat/completions`. */
export function createOpenAiCompatibleClient(options: ClientOptions): ProviderClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async complete(request: CompletionRequest, stream: StreamOptions): Promise<CompletionResult> {
      const body = JSON.stringify({
        model: request.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.prompt },
        ],
        stream: true,
        stream_options: { include_usage: true },
        [outputLimitField(options.baseUrl)]: request.maxOutputTokens,
        temperature: 0.2,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      const opened = await openCompletionStream(options, request, stream, { url, headers, body });
      let text = '';
      let tokensIn: number | null = null;
      let tokensOut: number | null = null;
      let finishReason: string | null = null;
      let problem: FleetError | null = null;
      const ended = await readEventStream(opened.body, {
        signal: stream.signal,
        stallMs: options.stallMs,
        onEvent: ({ data }) => {
          if (data === '[DONE]') return true;
          let chunk: ChatChunk;
          try {
            chunk = JSON.parse(data) as ChatChunk;
          } catch {
            problem = new FleetError('PROVIDER_ERROR', `${options.providerTitle} sent a malformed chunk: ${JSON.stringify(data.slice(0, 120))}.`, { reason: 'malformed', receivedChars: text.length });
            return true;
          }
          if (chunk.error !== undefined) {
            problem = classifyStreamError(data, { providerTitle: options.providerTitle, key: options.apiKey });
            return true;
          }
          const choice = chunk.choices?.[0];
          const delta = choice?.delta?.content;
          if (typeof delta === 'string' && delta.length > 0) {
            text += delta;
            stream.onText(delta);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) {
            tokensIn = chunk.usage.prompt_tokens ?? tokensIn;
            tokensOut = chunk.usage.completion_tokens ?? tokensOut;
          }
          return false;
        },
      });
      if (problem) throw problem;
      // Some local servers close without [DONE]; a finish_reason still says the answer is whole.
      if (ended.ended === 'eof' && finishReason === null) {
        throw new FleetError('PROVIDER_ERROR', `${options.providerTitle} stopped the stream mid-way (no finish reason, no [DONE]); ${text.length} characters had arrived.`, {
          reason: 'incomplete',
          receivedChars: text.length,
        });
      }
      return { text, tokensIn, tokensOut, finishReason, attempts: opened.attempts };
    },
  };
}
