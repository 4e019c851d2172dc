// What a module's CI repair is doing now, for its chip: from this window's implementation runs where it knows the
// repair run (they follow implementProgress live, accept and discard), else from what main last said.

import type { CiRepairState } from '../../../shared/types-ci-repair';
import type { ImplementRun } from '../../../shared/types-implement';
import { LIVE_STATES } from './implementBatches';

export type RepairStatus = 'repairing' | 'review' | null;

/** Repairing (a repair run working), review (waiting for review), or null. */
export function repairStatus(state: CiRepairState | undefined, runs: Record<string, ImplementRun>, moduleId: string): RepairStatus {
  const newest = Object.values(runs)
    .filter((r) => r.moduleId === moduleId && r.ciRepair)
    .reduce<ImplementRun | null>((a, r) => (!a || r.queuedAt > a.queuedAt ? r : a), null);
  const known = state?.runId ? runs[state.runId] : undefined;
  const run = known && newest && newest.queuedAt > known.queuedAt ? newest : (known ?? newest);
  if (!run) return state?.status ?? null;
  return LIVE_STATES.has(run.state) ? 'repairing' : run.state === 'review' ? 'review' : null;
}
