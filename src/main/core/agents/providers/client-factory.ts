// Builds the HTTP client for a configured provider; the offline analyzer has none (it runs in-process).

import { FleetError } from '../../../../shared/errors';
import type { ProviderConfig } from '../../../../shared/providers';
import { createAnthropicClient } from './anthropic';
import { createOpenAiCompatibleClient } from './openai-compatible';
import type { ConversingClient, RetryPolicy } from './types';
import { registerSecret } from '../../secrets/redactor';
import { requireSecureTransport } from '../../secrets/secure-transport';

export interface ClientOverrides {
  baseUrl?: string;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
}

/** The client for `config` with `key`; KEY_MISSING when the provider needs a key and none is set, INSECURE_TRANSPORT when the key would go over plain HTTP to another computer. */
export function createProviderClient(config: ProviderConfig, key: string | null, overrides: ClientOverrides = {}): ConversingClient {
  if (config.kind === 'offline') throw new FleetError('INTERNAL', 'The offline analyzer has no HTTP client.');
  if (config.needsKey && !key) {
    const env = config.keyEnv ? ` or set ${config.keyEnv}` : '';
    throw new FleetError('KEY_MISSING', `${config.title} needs an API key: add it in the provider settings${env}.`, { provider: config.id });
  }
  const baseUrl = overrides.baseUrl ?? config.baseUrl;
  if (!baseUrl) throw new FleetError('INVALID_INPUT', `${config.title} has no base URL.`, { provider: config.id });
  if (key) {
    registerSecret(key);
    requireSecureTransport(baseUrl, `the ${config.title} key`);
  }
  const options = {
    baseUrl,
    apiKey: key,
    stallMs: Math.round(config.stallSeconds * 1000),
    retry: overrides.retry,
    fetch: overrides.fetch,
    providerTitle: config.title,
  };
  return config.kind === 'anthropic' ? createAnthropicClient(options) : createOpenAiCompatibleClient(options);
}
