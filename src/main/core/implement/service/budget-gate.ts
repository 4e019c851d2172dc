// The budget gate of one run, asked before every model call: the call's worst case must fit under the run's own cap
// (a follow-up's budget), the batch's and the workspace's, the last shared with document runs through their ledger.
// A call that fits reserves its worst case until its real cost is recorded, so concurrent runs never overshoot together.

import { FleetError } from '../../../../shared/errors';
import type { BudgetLedger } from '../../agents/budget';
import type { BudgetGate } from '../loop/types';

export interface RunBudget {
  ledger: BudgetLedger;
  runId: string;
  batchId: string;
  /** The run's own cap (a follow-up's budget), or null. */
  runCapUsd: number | null;
  /** What the run has spent under its own cap so far. */
  runSpentUsd(): number;
  batchCapUsd: number | null;
  /** What the batch's runs have spent so far (this one included). */
  batchSpentUsd(): number;
  /** Named in the refusal: "module fleet-hub, turn 7". */
  describe(): string;
}

const dollars = (n: number): string => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

/** The gate plus `settle()`, called once a call's real cost is counted (or the run ends) to drop its reservation. */
export function runBudgetGate(budget: RunBudget): { gate: BudgetGate; settle(): void } {
  const { ledger, runId, batchId } = budget;
  const gate: BudgetGate = (worstCaseUsd) => {
    ledger.release(runId);
    if (worstCaseUsd <= 0) return null;
    if (budget.runCapUsd !== null) {
      const spent = budget.runSpentUsd();
      if (spent + worstCaseUsd > budget.runCapUsd + 1e-9) {
        return new FleetError(
          'BUDGET_EXCEEDED',
          `The next model call (${budget.describe()}) may cost up to ${dollars(worstCaseUsd)}; with ${dollars(spent)} spent it could take this run over its budget of ${dollars(budget.runCapUsd)}, so it was not made.`,
          { scope: 'run', capUsd: budget.runCapUsd, committedUsd: spent, runUsd: worstCaseUsd },
        );
      }
    }
    const refusal = ledger.check({ batchId, capUsd: budget.batchCapUsd, spentUsd: budget.batchSpentUsd() }, worstCaseUsd, budget.describe());
    if (refusal) return refusal;
    ledger.reserve(runId, batchId, worstCaseUsd);
    return null;
  };
  return { gate, settle: () => ledger.release(runId) };
}
