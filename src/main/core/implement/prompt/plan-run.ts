// The prompt and the cost range of one module's run for a configured provider: what the run service needs to
// estimate a batch and to start a run, with the context budget chosen the same way for both.

import type { PriceEntry } from '../../../../shared/prices';
import type { ProviderConfig } from '../../../../shared/providers';
import { buildImplementPrompt, type ImplementPrompt, type ImplementPromptInput } from './build-prompt';
import { estimateImplementRun } from './estimate';

/**
 * Tokens the first message may take with `provider`: its context setting, but at most half of what the window
 * leaves beside one answer, since the conversation grows turn by turn after it.
 */
export function implementContextBudget(provider: Pick<ProviderConfig, 'contextTokens' | 'contextWindow' | 'maxOutputTokens'>): number {
  return Math.max(1024, Math.min(provider.contextTokens, Math.floor((provider.contextWindow - provider.maxOutputTokens) / 2)));
}

export interface ModuleRunPlanInput extends Omit<ImplementPromptInput, 'contextBudgetTokens'> {
  provider: ProviderConfig;
  maxTurns: number;
  price: PriceEntry | null;
}

/** The run's prompt (DESIGN_MISSING without a TO-BE) and its cost range with `provider`. */
export async function planModuleRun(input: ModuleRunPlanInput): Promise<{ prompt: ImplementPrompt; lowUsd: number | null; highUsd: number | null }> {
  const { provider, maxTurns, price, ...promptInput } = input;
  const prompt = await buildImplementPrompt({ ...promptInput, contextBudgetTokens: implementContextBudget(provider) });
  const range = estimateImplementRun({ contextTokens: prompt.contextTokens, maxTurns, maxOutputTokensPerTurn: provider.maxOutputTokens, price, contextWindow: provider.contextWindow });
  return { prompt, ...range };
}
