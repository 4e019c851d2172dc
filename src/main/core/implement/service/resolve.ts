// Turns an implementation request into what a batch runs with: the provider, model and base URL chosen as document
// batches choose them (the workspace's agent settings), the modules checked (each with a branch and a TO-BE design;
// 'approved' = those whose TO-BE is approved), the caps from the request or the settings, the committed price.

import { FleetError } from '../../../../shared/errors';
import { findPrice, type PriceEntry } from '../../../../shared/prices';
import type { ProviderConfig } from '../../../../shared/providers';
import type { ImplementRequest, ImplementSettings } from '../../../../shared/types-implement';
import type { EngineId } from '../../../../shared/types-engines';
import type { BoardLoader } from '../../board/board';
import type { WorkspaceAgents } from '../../agents/workspace-agents';
import { readPrices } from '../../agents/price-store';
import type { Workspace } from '../../workspace/workspace';

export interface ResolvedImplement {
  engine: EngineId;
  /** The built-in loop's provider; for a CLI engine the one named for its price, or null (it uses its own login). */
  provider: ProviderConfig | null;
  /** What the records name as the provider: the provider's id, or the engine's when a CLI runs without one. */
  providerId: string;
  /** For a CLI engine '' means its own default model. */
  model: string;
  baseUrl: string | null;
  moduleIds: string[];
  budgetUsd: number | null;
  concurrency: number;
  maxTurns: number;
  maxMinutes: number;
  instruction: string | null;
  price: PriceEntry | null;
  /** False when neither the engine nor the price table gives the cost: the runs need a time cap. */
  costKnown: boolean;
  engineVersion: string | null;
}

const HAS_DESIGN = new Set(['written', 'approved']);

/** The TO-BE state of every module with a branch, from the board (cached by blob id). */
async function designStates(board: BoardLoader): Promise<Map<string, { branch: boolean; toBe: string }>> {
  const state = await board.load();
  return new Map(state.modules.map((m) => [m.id, { branch: m.branchExists, toBe: m.docs.find((d) => d.kind === 'to-be')?.state ?? 'missing' }]));
}

/** The modules a request names, checked; 'approved' picks those whose TO-BE design is approved. */
export async function resolveModules(workspace: Workspace, board: BoardLoader, modules: ImplementRequest['modules']): Promise<string[]> {
  const states = await designStates(board);
  if (modules === 'approved') {
    const approved = workspace.manifest.modules.map((m) => m.id).filter((id) => states.get(id)?.branch && states.get(id)?.toBe === 'approved');
    if (approved.length === 0) throw new FleetError('DESIGN_MISSING', 'No module has an approved TO-BE design yet: approve a module\'s design first, or name the modules to implement.');
    return approved;
  }
  const ids = [...new Set(modules)];
  for (const id of ids) {
    const found = states.get(id);
    if (!found) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${id}" in this workspace.`, { moduleId: id });
    if (!found.branch) throw new FleetError('BRANCH_NOT_FOUND', `The branch of module "${id}" does not exist: initialise the workspace first.`, { moduleId: id });
  }
  const missing = ids.filter((id) => !HAS_DESIGN.has(states.get(id)!.toBe));
  if (missing.length > 0) {
    throw new FleetError('DESIGN_MISSING', `${missing.length === 1 ? `Module ${missing[0]} has` : `Modules ${missing.join(', ')} have`} no TO-BE design yet: write it before implementing.`, { modules: missing });
  }
  return ids;
}

/** Fills in defaults and checks the request (see the file header). */
export async function resolveImplement(
  agents: WorkspaceAgents,
  board: BoardLoader,
  settings: ImplementSettings,
  request: ImplementRequest,
  assertCanImplement: (provider: ProviderConfig) => void,
): Promise<ResolvedImplement> {
  const agentSettings = await agents.settings.get();
  const provider = await agents.service.providers.get(request.provider ?? agentSettings.defaultProvider);
  assertCanImplement(provider);
  const model = request.model ?? provider.defaultModel;
  const moduleIds = await resolveModules(agents.workspace, board, request.modules);
  const { prices } = await readPrices(agents.workspace);
  const price = findPrice(prices, provider.id, model);
  const budgetUsd = request.budgetUsd ?? null;
  if (!price && (budgetUsd !== null || agentSettings.workspaceBudgetUsd !== null)) {
    throw new FleetError('PRICE_MISSING', `The price table has no entry for ${provider.id}/${model}, so a budget cannot be held: add its price first.`, { provider: provider.id, model });
  }
  return {
    engine: 'builtin',
    provider,
    providerId: provider.id,
    model,
    baseUrl: request.baseUrl ?? null,
    moduleIds,
    budgetUsd,
    concurrency: request.concurrency ?? settings.defaultConcurrency,
    maxTurns: request.maxTurns ?? settings.maxTurns,
    maxMinutes: request.maxMinutes ?? settings.maxMinutes,
    instruction: request.instruction?.trim() ? request.instruction : null,
    price,
    costKnown: true,
    engineVersion: null,
  };
}
