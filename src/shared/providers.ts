// Agent providers as the user configures them: the schema of one provider's settings and the built-in ones.
// Keys are not part of these settings: they live in main's secret store or in environment variables.

import { z } from 'zod';
import { SlugSchema } from './manifest';

export const PROVIDER_KINDS = ['offline', 'openai-compatible', 'anthropic'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

const ModelName = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

/** An http(s) base URL without credentials in it. */
export const HttpUrl = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address without a user name or password (e.g. https://api.x.ai/v1)');

export const ProviderConfigSchema = z
  .object({
    id: SlugSchema,
    title: z.string().min(1, 'must not be empty').max(120),
    kind: z.enum(PROVIDER_KINDS),
    /** Base of the API, e.g. https://api.x.ai/v1; null for the offline analyzer. */
    baseUrl: HttpUrl.nullable(),
    models: z.array(ModelName).min(1, 'must list at least one model').max(100),
    defaultModel: ModelName,
    /** Environment variable honoured for the key (XAI_API_KEY, ...); null when none. */
    keyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as XAI_API_KEY')
      .nullable(),
    /** False for local servers (Ollama, LM Studio) and the offline analyzer. */
    needsKey: z.boolean(),
    /** The model's whole window in tokens: prompt, context and answer together. */
    contextWindow: z.number().int().min(1024).max(10_000_000),
    /** How many tokens of the module's files to send at most (the rest is left out, and marked). */
    contextTokens: z.number().int().min(256).max(10_000_000),
    /** Upper bound on the answer's tokens (sent as max_tokens); budgets reserve this much output. */
    maxOutputTokens: z.number().int().min(16).max(1_000_000),
    /** A stream that sends nothing for this long is aborted. */
    stallSeconds: z.number().min(0.05).max(3600),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.models.includes(p.defaultModel)) ctx.addIssue({ code: 'custom', path: ['defaultModel'], message: 'must be one of the listed models' });
    if (p.kind !== 'offline' && p.baseUrl === null) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'is required for this kind of provider' });
    if (p.contextTokens + p.maxOutputTokens > p.contextWindow) {
      ctx.addIssue({ code: 'custom', path: ['contextTokens'], message: 'plus the answer (maxOutputTokens) must fit in the context window' });
    }
  });

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

export const OFFLINE_PROVIDER_ID = 'offline';

const remote = { contextTokens: 24_000, maxOutputTokens: 8_192, stallSeconds: 60 };

/** The providers every installation starts with; the user can edit them and add more (by base URL). */
export const BUILT_IN_PROVIDERS: readonly ProviderConfig[] = [
  {
    id: OFFLINE_PROVIDER_ID,
    title: 'Offline analyzer (built in)',
    kind: 'offline',
    baseUrl: null,
    models: ['as-is-analyzer'],
    defaultModel: 'as-is-analyzer',
    keyEnv: null,
    needsKey: false,
    contextWindow: 10_000_000,
    contextTokens: 1_000_000,
    maxOutputTokens: 1_000_000,
    stallSeconds: 60,
  },
  {
    id: 'xai',
    title: 'xAI Grok',
    kind: 'openai-compatible',
    baseUrl: 'https://api.x.ai/v1',
    models: ['grok-4', 'grok-3', 'grok-3-mini', 'grok-code-fast-1'],
    defaultModel: 'grok-4',
    keyEnv: 'XAI_API_KEY',
    needsKey: true,
    contextWindow: 256_000,
    ...remote,
  },
  {
    id: 'openai',
    title: 'OpenAI',
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    models: ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini'],
    defaultModel: 'gpt-4.1-mini',
    keyEnv: 'OPENAI_API_KEY',
    needsKey: true,
    contextWindow: 128_000,
    ...remote,
  },
  {
    id: 'anthropic',
    title: 'Anthropic',
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    models: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
    defaultModel: 'claude-sonnet-4-5',
    keyEnv: 'ANTHROPIC_API_KEY',
    needsKey: true,
    contextWindow: 200_000,
    ...remote,
  },
  {
    id: 'ollama',
    title: 'Ollama (local)',
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    models: ['llama3.1', 'qwen2.5-coder'],
    defaultModel: 'llama3.1',
    keyEnv: null,
    needsKey: false,
    contextWindow: 32_768,
    contextTokens: 16_000,
    maxOutputTokens: 4_096,
    stallSeconds: 300,
  },
  {
    id: 'lmstudio',
    title: 'LM Studio (local)',
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:1234/v1',
    models: ['local-model'],
    defaultModel: 'local-model',
    keyEnv: null,
    needsKey: false,
    contextWindow: 32_768,
    contextTokens: 16_000,
    maxOutputTokens: 4_096,
    stallSeconds: 300,
  },
];
