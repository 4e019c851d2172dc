// How much of a remote batch's budget the next run may take: the remaining dollars (budget minus the returned
// records' real cost minus the shares of runs still out) split over the runs not yet dispatched, at least the run's
// lowest estimate and never more than what remains. When what remains cannot cover that estimate, dispatching waits
// for runs still out (their unspent share comes back) and, with none out, stops: the run is skipped, saying why.

export interface ShareInput {
  budgetUsd: number;
  /** Real cost of the runs whose records came back. */
  spentUsd: number;
  /** Shares of the runs dispatched and not yet ended. */
  outstandingUsd: number;
  /** Runs not dispatched yet, this one included. */
  runsLeft: number;
  /** This run's lowest estimate; null when unknown (then any positive share will do). */
  lowUsd: number | null;
}

export type ShareDecision = { kind: 'dispatch'; shareUsd: number } | { kind: 'wait' } | { kind: 'skip'; message: string };

const dollars = (n: number): string => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

/** The next run's share, or wait, or skip (see the file header). */
export function nextShare(input: ShareInput): ShareDecision {
  const remaining = input.budgetUsd - input.spentUsd - input.outstandingUsd;
  const low = input.lowUsd ?? 0;
  if (remaining > 0 && remaining + 1e-9 >= low) {
    return { kind: 'dispatch', shareUsd: Math.min(remaining, Math.max(remaining / Math.max(1, input.runsLeft), low)) };
  }
  if (input.outstandingUsd > 0) return { kind: 'wait' };
  const left = Math.max(0, input.budgetUsd - input.spentUsd);
  return {
    kind: 'skip',
    message:
      input.lowUsd === null
        ? `Not dispatched: the batch budget of ${dollars(input.budgetUsd)} is spent (${dollars(input.spentUsd)} by the returned runs).`
        : `Not dispatched: the ${dollars(left)} left of the batch budget of ${dollars(input.budgetUsd)} cannot cover this run's lowest estimate of ${dollars(low)}.`,
  };
}
