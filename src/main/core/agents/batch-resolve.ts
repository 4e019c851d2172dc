// Turns a batch request into what a batch runs with: the provider, model, modules and documents checked, the
// defaults filled in from the workspace's agent settings, the price from the committed table; and plans its runs.

import { DOC_KINDS, type DocKind } from '../../../shared/documents';
import { FleetError } from '../../../shared/errors';
import { findPrice, type PriceEntry, type PriceTable } from '../../../shared/prices';
import type { ProviderConfig } from '../../../shared/providers';
import type { BatchRequest } from '../../../shared/types-agents';
import { readPrices } from './price-store';
import { planRun, type RunPlan } from './run-plan';
import type { WorkspaceAgents } from './workspace-agents';

/** A batch request with every default filled in and checked. */
export interface ResolvedBatch {
  provider: ProviderConfig;
  model: string;
  baseUrl: string | null;
  moduleIds: string[];
  kinds: DocKind[];
  budgetUsd: number | null;
  concurrency: number;
  prices: PriceTable;
  price: PriceEntry | null;
}

/** Fills in defaults and checks the request: provider, model, modules, kinds, prices. */
export async function resolveBatch(agents: WorkspaceAgents, request: BatchRequest): Promise<ResolvedBatch> {
  const settings = await agents.settings.get();
  const provider = await agents.service.providers.get(request.provider ?? settings.defaultProvider);
  if (request.baseUrl && provider.kind === 'offline') throw new FleetError('INVALID_INPUT', 'The offline analyzer has no base URL: choose a provider to use a base URL with.');
  const model = request.model ?? provider.defaultModel;
  const manifest = agents.workspace.manifest;
  const moduleIds = request.modules === 'all' ? manifest.modules.map((m) => m.id) : [...new Set(request.modules)];
  for (const id of moduleIds) agents.files.findModule(id);
  if (moduleIds.length === 0) throw new FleetError('INVALID_INPUT', 'This workspace has no modules to run.');
  const kinds = DOC_KINDS.filter((k) => request.kinds.includes(k));
  const { prices } = await readPrices(agents.workspace);
  return {
    provider,
    model,
    baseUrl: request.baseUrl ?? null,
    moduleIds,
    kinds,
    budgetUsd: request.budgetUsd ?? null,
    concurrency: request.concurrency ?? settings.defaultConcurrency,
    prices,
    price: findPrice(prices, provider.id, model),
  };
}

/** Plans every run of a resolved batch (four at a time: planning reads the modules' files). */
export async function planBatch(agents: WorkspaceAgents, resolved: ResolvedBatch): Promise<RunPlan[]> {
  const pairs = resolved.moduleIds.flatMap((moduleId) => resolved.kinds.map((kind) => ({ moduleId, kind })));
  const plans: RunPlan[] = new Array(pairs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < pairs.length; i = next++) plans[i] = await planRun(agents, pairs[i]!.moduleId, pairs[i]!.kind, resolved.provider, resolved.model, resolved.price);
  };
  await Promise.all(Array.from({ length: Math.min(4, pairs.length) }, worker));
  return plans;
}
