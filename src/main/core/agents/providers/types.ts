// What every provider client offers: one streamed completion, cancellable, with usage when the provider reports it.

export interface CompletionRequest {
  model: string;
  /** The rendered prompt template: instructions for the document to write. */
  system: string;
  /** The context: the module's files and documents. */
  prompt: string;
  /** Sent as the provider's output limit; a budget reserves exactly this much output. */
  maxOutputTokens: number;
}

export interface RetryNotice {
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onText(delta: string): void;
  onRetry?(notice: RetryNotice): void;
}

export interface CompletionResult {
  text: string;
  /** Token counts the provider reported; null when it reported none. */
  tokensIn: number | null;
  tokensOut: number | null;
  finishReason: string | null;
  attempts: number;
}

export interface ProviderClient {
  /** Streams one completion; throws FleetError (AUTH_FAILED, QUOTA_EXHAUSTED, PROVIDER_ERROR, ...) on failure. */
  complete(request: CompletionRequest, options: StreamOptions): Promise<CompletionResult>;
}

/** How hard to retry 429 and 5xx answers; tests shorten the delays. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the run fails with RATE_LIMITED instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** What a client needs to reach its provider. */
export interface ClientOptions {
  baseUrl: string;
  /** Null for servers that take no key (Ollama, LM Studio). */
  apiKey: string | null;
  /** Abort a stream (or a request waiting for headers) that is silent this long. */
  stallMs: number;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  /** Named in error messages, e.g. "xAI Grok". */
  providerTitle: string;
}

// ---- Tool calling (implementation runs). One model turn of a conversation that may call tools. ----

/** A tool as the model is told of it: name, one-line description, JSON Schema of its arguments (an object). */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A call the model made; `arguments` is the JSON text exactly as the model sent it (it may be malformed). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What the model saw back for one call. */
export interface ToolResultMessage {
  callId: string;
  content: string;
  isError: boolean;
}

export type ConversationMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: ToolCall[]; reasoning?: string }
  | { role: 'tool'; results: ToolResultMessage[] };

export interface ConverseRequest {
  model: string;
  system: string;
  messages: ConversationMessage[];
  tools: ToolSpec[];
  /** Sent as the provider's output limit; a budget reserves exactly this much output per turn. */
  maxOutputTokens: number;
}

export interface ConverseOptions {
  signal?: AbortSignal;
  onText?(delta: string): void;
  /** xAI's and others' `reasoning_content`, Anthropic's thinking text. */
  onReasoning?(delta: string): void;
  onRetry?(notice: RetryNotice): void;
}

export interface ConverseResult {
  text: string;
  reasoning: string;
  /** The turn's calls in the order the model made them (several when it called in parallel). */
  toolCalls: ToolCall[];
  tokensIn: number | null;
  tokensOut: number | null;
  /** 'tool_calls' / 'tool_use', 'stop' / 'end_turn', 'length' / 'max_tokens', ... as the provider said. */
  stopReason: string | null;
  attempts: number;
}

/** A provider client that can also hold a tool-calling conversation (every HTTP provider; not the offline analyzer). */
export interface ConversingClient extends ProviderClient {
  /** One streamed model turn with tools; throws FleetError (AUTH_FAILED, QUOTA_EXHAUSTED, PROVIDER_ERROR, ...) as `complete`. */
  converse(request: ConverseRequest, options: ConverseOptions): Promise<ConverseResult>;
}
