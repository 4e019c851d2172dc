// The estimate shown before a batch is approved: per module a cost range from its context size (or why it cannot
// run), the totals, and the caps that will apply (the batch's, the workspace's shared with document runs).

import { FleetError, toErrorPayload } from '../../../../shared/errors';
import type { EngineId } from '../../../../shared/types-engines';
import { findPrice } from '../../../../shared/prices';
import type { ImplementEstimate, ImplementRequest, ImplementRunEstimate, ImplementSettings } from '../../../../shared/types-implement';
import { engineById } from '../engines/registry';
import type { EngineAdapter } from '../engines/types';
import { costUnknownReason } from './engine-resolve';
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
  const engine = request.engine ?? 'builtin';
  const cli = engine === 'builtin' ? null : await engineChoice(ws, engine, settings);
  // A CLI engine's provider only prices its tokens; the context size is measured with the default provider's budget.
  const provider = await ws.context.agents.providers.get(request.provider ?? agentSettings.defaultProvider);
  const model = request.model ?? (cli ? '' : provider.defaultModel);
  const maxTurns = request.maxTurns ?? settings.maxTurns;
  const priced = !cli || (request.provider !== undefined && model !== '');
  const price = priced ? findPrice((await readPrices(ws.workspace)).prices, provider.id, model) : null;
  const costKnown = !cli || cli.adapter.reportsCost || price !== null;
  if (cli && !costKnown && request.maxMinutes === undefined) {
    throw new FleetError('TIME_CAP_REQUIRED', `${costUnknownReason(cli.adapter, request.provider ?? null, model)}: give the runs a time cap (--max-minutes, or the time cap in the run dialog).`, { engine });
  }
  let providerBlocked: string | null = cli?.blocked ?? null;
  try {
    if (!cli) ws.context.parts.assertCanImplement(provider);
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
      const estimate = await ws.context.parts.estimateRun({ workspace: ws.workspace, moduleId, provider, model: model || provider.defaultModel, maxTurns, price });
      runs.push({ moduleId, ...estimate, blocked: null });
    } catch (error) {
      runs.push({ moduleId, contextTokens: 0, lowUsd: null, highUsd: null, blocked: toErrorPayload(error).message });
    }
  }
  const open = runs.filter((r) => r.blocked === null);
  const totals = { runs: open.length, blocked: runs.length - open.length, lowUsd: sum(open.map((r) => r.lowUsd)), highUsd: sum(open.map((r) => r.highUsd)) };
  const range = totals.lowUsd !== null && totals.highUsd !== null ? `$${totals.lowUsd.toFixed(2)}–$${totals.highUsd.toFixed(2)}` : 'an unknown cost (no price for this model)';
  const blockedNote = totals.blocked ? `; ${totals.blocked} module${totals.blocked === 1 ? '' : 's'} cannot run` : '';
  const runsText = `${totals.runs} run${totals.runs === 1 ? '' : 's'} of up to ${maxTurns} turns`;
  return {
    engine,
    costKnown,
    provider: cli && !request.provider ? engine : provider.id,
    model,
    maxTurns,
    runs,
    totals,
    budget: { batchUsd: request.budgetUsd ?? null, workspaceUsd: agentSettings.workspaceBudgetUsd, workspaceSpentUsd: agents.ledger.workspaceSpentUsd() },
    summary: cli
      ? `${runsText} with ${cli.title}${model ? ` (${model})` : ' (its own default model)'}: ${engineMoney(cli.adapter, costKnown, totals.lowUsd !== null && totals.highUsd !== null ? range : null, request.maxMinutes ?? settings.maxMinutes, request.provider ?? null, model)}${blockedNote}.`
      : `${runsText} with ${provider.id}/${model}: ${range}${blockedNote}.`,
  };
}

/** The engine's adapter and why it cannot run here (null: it can), for an estimate that lists instead of refusing. */
async function engineChoice(ws: WorkspaceImplement, engine: Exclude<EngineId, 'builtin'>, settings: ImplementSettings): Promise<{ adapter: EngineAdapter; title: string; blocked: string | null }> {
  try {
    const { adapter, info } = await ws.context.engines.require(engine, settings);
    return { adapter, title: `${adapter.title}${info.version ? ` ${info.version}` : ''}`, blocked: null };
  } catch (error) {
    const adapter = engineById(engine);
    if (!adapter) throw error;
    return { adapter, title: adapter.title, blocked: toErrorPayload(error).message };
  }
}

/** What a CLI engine's runs cost, as the estimate says it. */
function engineMoney(adapter: EngineAdapter, costKnown: boolean, range: string | null, maxMinutes: number, provider: string | null, model: string): string {
  if (!costKnown) return `cost unknown (${costUnknownReason(adapter, provider, model)}); each run ends at its time cap of ${maxMinutes} minutes`;
  const cost = range ?? (adapter.reportsCost ? 'a cost the CLI reports as it works (no price to estimate it beforehand)' : 'an unknown cost');
  return `${cost}; the CLI reports cost after each model call, so a budget may be overshot by at most one model call`;
}
