// How far a remote batch's budget goes, for the note under its estimate (main decides each run's share itself).

/** How many runs the budget covers at their lowest estimates, cheapest first (what dispatching can reach at best). */
export function runsCovered(lows: number[], budgetUsd: number): number {
  let left = budgetUsd;
  let covered = 0;
  for (const low of [...lows].sort((a, b) => a - b)) {
    if (low > left + 1e-9) break;
    left -= low;
    covered++;
  }
  return covered;
}
