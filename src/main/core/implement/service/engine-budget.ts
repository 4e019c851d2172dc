// What an agent CLI may still spend when it is launched: the least of the run's own cap (a follow-up's budget), the
// batch's and the workspace's (the last shared with document runs through their ledger). A CLI reports cost only after
// a model call, so this is passed as its own limit where it takes one and watched on every cost it reports; the run
// may overshoot it by at most one call.

import type { FleetErrorPayload } from '../../../../shared/errors';
import type { LiveRun } from './live-run';
import type { RunEnvironment } from './run-execute';
import type { StoredImplementBatch } from './run-store';

export interface BudgetLeft {
  usd: number;
  scope: 'run' | 'batch' | 'workspace';
  capUsd: number;
}

/** States of a run that may still spend. */
const WORKING = new Set(['preparing', 'running', 'checking']);

const dollars = (n: number): string => `$${n.toFixed(2)}`;

/** `remaining()`: the tightest cap's room now, or null when no cap applies. */
export function engineBudget(env: RunEnvironment, live: LiveRun, batch: StoredImplementBatch | null, runCapUsd: number | null): { remaining(): Promise<BudgetLeft | null> } {
  const startCost = live.record.costUsd;
  return {
    async remaining() {
      const limits: BudgetLeft[] = [];
      if (runCapUsd !== null) limits.push({ scope: 'run', capUsd: runCapUsd, usd: runCapUsd - (live.record.costUsd - startCost) });
      // Runs of the batch working at once share the room: each CLI is given its part as its own limit, so together
      // they overshoot by at most one model call each instead of each spending the whole remainder.
      const sharing = batch ? 1 + env.store.runsOf(batch).filter((r) => r.runId !== live.record.runId && WORKING.has(r.state)).length : 1;
      if (batch?.budgetUsd != null) {
        const spent = env.store.runsOf(batch).reduce((sum, r) => sum + (r.runId === live.record.runId ? live.record.costUsd : r.costUsd), 0);
        limits.push({ scope: 'batch', capUsd: batch.budgetUsd, usd: (batch.budgetUsd - spent) / sharing });
      }
      const workspaceCap = await env.workspaceCapUsd();
      if (workspaceCap !== null) limits.push({ scope: 'workspace', capUsd: workspaceCap, usd: (workspaceCap - env.ledger.workspaceSpentUsd() - env.ledger.reservedUsd()) / sharing });
      return limits.reduce<BudgetLeft | null>((least, limit) => (least === null || limit.usd < least.usd ? limit : least), null);
    },
  };
}

/** The error of a run an exhausted budget stopped (the batch stops with it unless the cap was the run's own). */
export function budgetStop(left: BudgetLeft, message: string): FleetErrorPayload {
  return { code: 'BUDGET_EXCEEDED', message, data: { scope: left.scope, capUsd: left.capUsd } };
}

/** The notice before a launch under a cap. */
export function budgetNotice(title: string, left: BudgetLeft, ownLimit: boolean): string {
  const how = ownLimit ? ' as its own spending limit, and' : '; it takes no spending limit of its own, so';
  return `${title} is given the remaining ${left.scope} budget of ${dollars(left.usd)}${how} Fleet Control stops it once the cost it reports reaches that. It reports cost only after each model call, so the run may overshoot by at most one model call.`;
}
