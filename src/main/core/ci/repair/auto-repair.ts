// Whether automatic repair starts a run for a module branch's CI state: only on a failure at a tip not repaired
// before, within the cap per branch (automatic repairs since the branch last passed), with the local branch at the
// failing tip, no run of the module working or waiting for review, and a budget that covers the run's lowest estimate.

import type { CiBranchStatus } from '../../../../shared/types-ci';
import type { CiRepairSettings, CiRepairState } from '../../../../shared/types-ci-repair';
import type { ImplementEstimate } from '../../../../shared/types-implement';
import type { BranchRepairs } from './repair-store';

export type Notice = NonNullable<CiRepairState['notice']>;
export type AutoDecision = { start: true } | { start: false; notice: Omit<Notice, 'at' | 'tip'> | null };

const SKIP: AutoDecision = { start: false, notice: null };

/** The decision before the budget (no host or model is asked): start, skip silently, or skip with a notice. */
export function decideAutoRepair(branch: CiBranchStatus, record: BranchRepairs, settings: CiRepairSettings, moduleRun: 'running' | 'review' | null): AutoDecision {
  const tip = branch.hostTip;
  if (!settings.auto || branch.state !== 'failing' || !tip) return SKIP;
  if (record.repairs.some((r) => r.tip === tip)) return SKIP;
  // One notice per failing tip (a busy module is asked again once its run ends).
  if (record.notice?.tip === tip && record.notice.kind !== 'busy') return SKIP;
  if (record.autoSinceGreen >= settings.maxPerBranch) {
    return { start: false, notice: { kind: 'cap', text: `Automatic repair stopped: ${record.autoSinceGreen} automatic repair${record.autoSinceGreen === 1 ? '' : 's'} of ${branch.branch} since its CI last passed, the limit (${settings.maxPerBranch}). Fix with agent still works.` } };
  }
  if (moduleRun) return { start: false, notice: { kind: 'busy', text: `Automatic repair waits: a run of this module is ${moduleRun === 'running' ? 'working' : 'waiting for review'}.` } };
  if (branch.localTip !== tip) {
    return { start: false, notice: { kind: 'tip', text: `Automatic repair did not start: CI failed on ${tip.slice(0, 10)} but the local ${branch.branch} is at ${branch.localTip?.slice(0, 10) ?? 'nothing'} (fetch or push first).` } };
  }
  return { start: true };
}

const dollars = (value: number): string => `$${value.toFixed(2)}`;

/** Null when the budget covers the run's lowest estimate; otherwise the sentence saying why it does not start. */
export function budgetRefusal(estimate: ImplementEstimate, settings: CiRepairSettings): string | null {
  const run = estimate.runs[0];
  if (!run || run.blocked) return `Automatic repair cannot run: ${run?.blocked ?? 'the module cannot be implemented'}.`;
  const { workspaceUsd, workspaceSpentUsd } = estimate.budget;
  if (settings.budgetUsd === null && workspaceUsd === null) return 'Automatic repair needs a budget: set a budget per repair or a workspace budget first.';
  const low = run.lowUsd;
  if (!estimate.costKnown || low === null) return settings.budgetUsd === null && workspaceUsd !== null ? 'Automatic repair did not start: the run\'s cost cannot be estimated (no price for the model), so the workspace budget cannot be held.' : null;
  if (settings.budgetUsd !== null && low > settings.budgetUsd) return `Automatic repair did not start: its lowest estimate (${dollars(low)}) is above the budget per repair (${dollars(settings.budgetUsd)}).`;
  if (workspaceUsd !== null && low > workspaceUsd - workspaceSpentUsd) {
    return `Automatic repair did not start: the workspace budget has ${dollars(Math.max(0, workspaceUsd - workspaceSpentUsd))} left of ${dollars(workspaceUsd)}, less than the run's lowest estimate (${dollars(low)}).`;
  }
  return null;
}
