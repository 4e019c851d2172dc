// The one stored key an engine may receive: only what the user mapped to that engine in the implementation settings
// (a provider's key, as one variable), looked up in the agents' key store when a launch needs it. The transcript names
// the variable and the provider, never the value; no mapping, no key (the CLI uses its own login).

import { FleetError } from '../../../../shared/errors';
import type { EngineKeyMapping } from '../../../../shared/types-engines';
import type { ProviderSettings } from '../../agents/provider-settings';

/** The mapped key as `{ variable: value }` and how it is named, or nothing when no key is mapped. */
export async function engineCredentials(providers: ProviderSettings, mapping: EngineKeyMapping | undefined): Promise<{ credentials: Record<string, string>; given: string | null }> {
  if (!mapping) return { credentials: {}, given: null };
  const provider = await providers.get(mapping.provider);
  const { key } = await providers.resolveKey(provider);
  if (!key) {
    throw new FleetError('KEY_MISSING', `The key of ${provider.title}, mapped to this engine as ${mapping.variable}, is not stored: set it in the agent settings or remove the mapping.`, { provider: provider.id, variable: mapping.variable });
  }
  return { credentials: { [mapping.variable]: key }, given: `the stored key of ${provider.title} as ${mapping.variable}` };
}
