// Which providers can implement: every HTTP provider (they hold tool-calling conversations), not the offline
// analyzer, which writes AS-IS reports from the files and has no model to call tools.

import { FleetError } from '../../../../shared/errors';
import type { ProviderConfig } from '../../../../shared/providers';

/** UNSUPPORTED with a sentence saying why when `provider` cannot run an implementation. */
export function assertCanImplement(provider: Pick<ProviderConfig, 'id' | 'title' | 'kind'>): void {
  if (provider.kind === 'offline') {
    throw new FleetError(
      'UNSUPPORTED',
      `${provider.title} cannot implement a module: it writes AS-IS analyses from the files and has no model to change code. Choose a model provider (xAI Grok, OpenAI, Anthropic or a local server such as Ollama or LM Studio).`,
      { provider: provider.id },
    );
  }
}
