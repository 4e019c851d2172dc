// The estimate shown before a batch is approved: tokens and dollars per run and in total, what each run would
// send, what blocks a run (no files match, unsupported kind, no room in the window), and the budgets in force.

import { FleetError, type FleetErrorPayload } from '../../../shared/errors';
import type { BatchEstimate, BatchRequest, RunEstimate } from '../../../shared/types-agents';
import { formatTokens } from './context/token-estimate';
import type { WorkspaceAgents } from './workspace-agents';

const dollars = (n: number): string => `$${n.toFixed(2)}`;

/** Plans every run of `request` without starting any. */
export async function estimateBatch(agents: WorkspaceAgents, request: BatchRequest): Promise<BatchEstimate> {
  const resolved = await agents.resolve(request);
  const plans = await agents.planAll(resolved);
  const halted = agents.service.halted(resolved.provider.id);
  // What Approve would refuse (a missing key above all) is said here, before the user approves anything.
  let cannotStart: FleetErrorPayload | null = null;
  try {
    await agents.preflight(resolved);
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    cannotStart = error.toPayload();
  }
  const runs: RunEstimate[] = plans.map((plan) => ({
    moduleId: plan.moduleId,
    kind: plan.kind,
    inputTokens: plan.inputTokens,
    outputTokens: plan.expectedOutputTokens,
    maxOutputTokens: plan.offline ? 0 : plan.maxOutputTokens,
    costUsd: plan.blocked ? 0 : plan.costUsd,
    worstCaseUsd: plan.blocked ? 0 : plan.worstCaseUsd,
    filesSent: plan.offline ? plan.snapshot.files.length : (plan.context?.filesSent.length ?? 0),
    matchedFiles: plan.snapshot.files.length,
    truncated: (plan.context?.filesTruncated.length ?? 0) + (plan.context?.preview.omitted.length ?? 0) > 0,
    warnings: halted ? [`${resolved.provider.title} was stopped earlier: ${halted.error.message}`, ...plan.warnings] : plan.warnings,
    blocked: plan.blocked?.message ?? null,
  }));
  const runnable = runs.filter((r) => r.blocked === null);
  const sum = (pick: (r: RunEstimate) => number | null): number | null =>
    runnable.some((r) => pick(r) === null) ? null : runnable.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const inputTokens = runnable.reduce((t, r) => t + r.inputTokens, 0);
  const outputTokens = runnable.reduce((t, r) => t + r.outputTokens, 0);
  const costUsd = sum((r) => r.costUsd);
  const worstCaseUsd = sum((r) => r.worstCaseUsd);
  const settings = agents.settings.cached();
  const blocked = runs.length - runnable.length;
  const money = resolved.provider.kind === 'offline' ? 'no cost (offline)' : costUsd === null ? 'cost unknown (no price in the table)' : `about ${dollars(costUsd)} (at most ${dollars(worstCaseUsd ?? 0)})`;
  const tokens = resolved.provider.kind === 'offline' ? '' : ` about ${formatTokens(inputTokens + outputTokens)} tokens,`;
  const summary = `${runnable.length} run${runnable.length === 1 ? '' : 's'} with ${resolved.provider.title} ${resolved.model},${tokens} ${money}${blocked ? `; ${blocked} blocked` : ''}: approve?`;
  return {
    provider: resolved.provider.id,
    model: resolved.model,
    runs,
    totals: { runs: runnable.length, blocked, inputTokens, outputTokens, costUsd, worstCaseUsd },
    budget: { batchUsd: resolved.budgetUsd, workspaceUsd: settings.workspaceBudgetUsd, workspaceSpentUsd: agents.ledger.workspaceSpentUsd() },
    summary,
    cannotStart,
  };
}
