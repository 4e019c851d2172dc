// The estimate shown before a batch is approved: per module a cost range from its context size (or why it cannot
// run), the totals, and the caps that will apply (the batch's, the workspace's shared with document runs).

import { toErrorPayload } from '../../../../shared/errors';
import { findPrice } from '../../../../shared/prices';
import type { ImplementEstimate, ImplementRequest, ImplementRunEstimate } from '../../../../shared/types-implement';
import { readPrices } from '../../agents/price-store';
import { resolveModules } from './resolve';
import type { WorkspaceImplement } from './workspace-implement';

const sum = (values: Array<number | null>): number | null => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));

/** The estimate of a request; modules that cannot run are listed with the reason instead of refusing the whole estimate. */
export async function estimateImplement(ws: WorkspaceImplement, request: ImplementRequest): Promise<ImplementEstimate> {
  await ws.ready();
  const agents = await ws.agents();
  const agentSettings = await agents.settings.get();
  const settings = await ws.getSettings();
  const provider = await ws.context.agents.providers.get(request.provider ?? agentSettings.defaultProvider);
  const model = request.model ?? provider.defaultModel;
  const maxTurns = request.maxTurns ?? settings.maxTurns;
  const price = findPrice((await readPrices(ws.workspace)).prices, provider.id, model);
  let providerBlocked: string | null = null;
  try {
    ws.context.parts.assertCanImplement(provider);
  } catch (error) {
    providerBlocked = toErrorPayload(error).message;
  }
  const ids = request.modules === 'approved' ? await resolveModules(ws.workspace, ws.board, 'approved') : [...new Set(request.modules)];
  const runs: ImplementRunEstimate[] = [];
  for (const moduleId of ids) {
    let blocked = providerBlocked;
    if (!blocked) {
      try {
        await resolveModules(ws.workspace, ws.board, [moduleId]);
      } catch (error) {
        blocked = toErrorPayload(error).message;
      }
    }
    if (blocked) {
      runs.push({ moduleId, contextTokens: 0, lowUsd: null, highUsd: null, blocked });
      continue;
    }
    try {
      const estimate = await ws.context.parts.estimateRun({ workspace: ws.workspace, moduleId, provider, model, maxTurns, price });
      runs.push({ moduleId, ...estimate, blocked: null });
    } catch (error) {
      runs.push({ moduleId, contextTokens: 0, lowUsd: null, highUsd: null, blocked: toErrorPayload(error).message });
    }
  }
  const open = runs.filter((r) => r.blocked === null);
  const totals = { runs: open.length, blocked: runs.length - open.length, lowUsd: sum(open.map((r) => r.lowUsd)), highUsd: sum(open.map((r) => r.highUsd)) };
  const range = totals.lowUsd !== null && totals.highUsd !== null ? `$${totals.lowUsd.toFixed(2)}–$${totals.highUsd.toFixed(2)}` : 'an unknown cost (no price for this model)';
  return {
    engine: 'builtin',
    costKnown: true,
    provider: provider.id,
    model,
    maxTurns,
    runs,
    totals,
    budget: { batchUsd: request.budgetUsd ?? null, workspaceUsd: agentSettings.workspaceBudgetUsd, workspaceSpentUsd: agents.ledger.workspaceSpentUsd() },
    summary: `${totals.runs} run${totals.runs === 1 ? '' : 's'} of up to ${maxTurns} turns with ${provider.id}/${model}: ${range}${totals.blocked ? `; ${totals.blocked} module${totals.blocked === 1 ? '' : 's'} cannot run` : ''}.`,
  };
}
