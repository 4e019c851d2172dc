// Budget caps per batch and per workspace. A run reserves its worst case (input estimated high, output at its
// max_tokens limit) before it starts, so the queue stops before a run that could cross a cap, never after.

import { FleetError } from '../../../shared/errors';

export interface BatchBudget {
  batchId: string;
  capUsd: number | null;
  /** Dollars this batch's finished runs cost. */
  spentUsd: number;
}

const dollars = (n: number): string => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

export class BudgetLedger {
  private readonly reservations = new Map<string, { batchId: string; amount: number }>();

  constructor(private readonly workspace: { capUsd(): number | null; spentUsd(): number }) {}

  /** Dollars spent in this workspace (document and implementation runs). */
  workspaceSpentUsd(): number {
    return this.workspace.spentUsd();
  }

  /** Dollars reserved by runs in flight (of one batch, or of all). */
  reservedUsd(batchId?: string): number {
    let sum = 0;
    for (const r of this.reservations.values()) if (!batchId || r.batchId === batchId) sum += r.amount;
    return sum;
  }

  /** BUDGET_EXCEEDED when reserving `amount` for `what` could cross the batch's or the workspace's cap; null when it fits. */
  check(batch: BatchBudget, amount: number, what: string): FleetError | null {
    if (amount <= 0) return null; // a free run (offline, local server) never crosses a cap
    if (batch.capUsd !== null) {
      const committed = batch.spentUsd + this.reservedUsd(batch.batchId);
      if (committed + amount > batch.capUsd + 1e-9) {
        return new FleetError(
          'BUDGET_EXCEEDED',
          `The next run (${what}) may cost up to ${dollars(amount)}; with ${dollars(committed)} already spent or reserved it could take this batch over its budget of ${dollars(batch.capUsd)}, so the queue stopped before it.`,
          { scope: 'batch', capUsd: batch.capUsd, committedUsd: committed, runUsd: amount },
        );
      }
    }
    const workspaceCap = this.workspace.capUsd();
    if (workspaceCap !== null) {
      const committed = this.workspaceSpentUsd() + this.reservedUsd();
      if (committed + amount > workspaceCap + 1e-9) {
        return new FleetError(
          'BUDGET_EXCEEDED',
          `The next run (${what}) may cost up to ${dollars(amount)}; with ${dollars(committed)} already spent or reserved in this workspace it could cross the workspace budget of ${dollars(workspaceCap)}, so the queue stopped before it.`,
          { scope: 'workspace', capUsd: workspaceCap, committedUsd: committed, runUsd: amount },
        );
      }
    }
    return null;
  }

  reserve(runId: string, batchId: string, amount: number): void {
    this.reservations.set(runId, { batchId, amount });
  }

  /** Drops a run's reservation once its real cost is recorded. */
  release(runId: string): void {
    this.reservations.delete(runId);
  }
}
