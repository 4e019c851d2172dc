// A request for an agent CLI engine turned into what its batch runs with, refused before anything is written: the CLI
// missing or too old (ENGINE_UNAVAILABLE with its install hint), a built-in-only option, the modules unready, and a
// CLI whose cost is unknown (it reports none and the price table has none for the named provider/model) without a
// time cap (TIME_CAP_REQUIRED) or under a budget it cannot hold (PRICE_MISSING).

import { FleetError } from '../../../../shared/errors';
import { findPrice } from '../../../../shared/prices';
import type { EngineId } from '../../../../shared/types-engines';
import type { ImplementRequest, ImplementSettings } from '../../../../shared/types-implement';
import { readPrices } from '../../agents/price-store';
import type { WorkspaceAgents } from '../../agents/workspace-agents';
import type { BoardLoader } from '../../board/board';
import type { EngineCatalog } from '../engines/engine-catalog';
import type { EngineAdapter } from '../engines/types';
import { resolveModules, type ResolvedImplement } from './resolve';

/** The cost-unknown refusal's reason, shared with the estimate. */
export function costUnknownReason(adapter: EngineAdapter, providerId: string | null, model: string): string {
  const price = providerId ? (model ? `the price table has no entry for ${providerId}/${model}` : 'no model was named to price') : 'no provider was named to price its tokens';
  return `${adapter.title} reports no cost and ${price}, so its cost is unknown`;
}

/** Checks a CLI engine's request (see the file header). */
export async function resolveEngineImplement(
  agents: WorkspaceAgents,
  board: BoardLoader,
  settings: ImplementSettings,
  request: ImplementRequest & { engine: Exclude<EngineId, 'builtin'> },
  catalog: EngineCatalog,
): Promise<ResolvedImplement> {
  const { adapter, info } = await catalog.require(request.engine, settings);
  if (request.baseUrl !== undefined) {
    const own = adapter.variables.filter((v) => v.endsWith('_BASE_URL')).join(' or ');
    throw new FleetError('INVALID_INPUT', `A base URL is for the built-in loop; ${adapter.title} reads its own${own ? ` (${own} in the environment)` : ''}.`, { field: 'baseUrl', engine: request.engine });
  }
  const agentSettings = await agents.settings.get();
  const provider = request.provider ? await agents.service.providers.get(request.provider) : null;
  const model = request.model ?? '';
  const moduleIds = await resolveModules(agents.workspace, board, request.modules);
  const price = provider && model ? findPrice((await readPrices(agents.workspace)).prices, provider.id, model) : null;
  const costKnown = adapter.reportsCost || price !== null;
  const budgetUsd = request.budgetUsd ?? null;
  if (!costKnown) {
    const why = costUnknownReason(adapter, provider?.id ?? null, model);
    if (request.maxMinutes === undefined) throw new FleetError('TIME_CAP_REQUIRED', `${why}: give the runs a time cap (--max-minutes, or the time cap in the run dialog).`, { engine: request.engine });
    if (budgetUsd !== null || agentSettings.workspaceBudgetUsd !== null) {
      throw new FleetError('PRICE_MISSING', `${why}, so a budget cannot be held: name a provider and model with a price (--provider, --model), or run without a budget.`, { engine: request.engine });
    }
  }
  return {
    engine: request.engine,
    provider,
    providerId: provider?.id ?? request.engine,
    model,
    baseUrl: null,
    moduleIds,
    budgetUsd,
    concurrency: request.concurrency ?? settings.defaultConcurrency,
    maxTurns: request.maxTurns ?? settings.maxTurns,
    maxMinutes: request.maxMinutes ?? settings.maxMinutes,
    instruction: request.instruction?.trim() ? request.instruction : null,
    price,
    costKnown,
    engineVersion: info.version,
  };
}
