// Which rows of a batch estimate are flagged and why, counted the way the table marks them: a run that cannot
// start (blocked), and a run that can start but sends no code (its patterns match no file).

import type { RunEstimate } from '../../../shared/types-agents';

export type EstimateFlag = 'blocked' | 'no-code';

/** The flag of one row, or null when the run is fine. */
export function estimateFlag(run: RunEstimate): EstimateFlag | null {
  if (run.blocked) return 'blocked';
  return run.matchedFiles === 0 ? 'no-code' : null;
}

/** How many rows carry each flag, and how many in all (the totals row's "N flagged"). */
export function countEstimateFlags(runs: RunEstimate[]): { blocked: number; noCode: number; flagged: number } {
  let blocked = 0;
  let noCode = 0;
  for (const run of runs) {
    const flag = estimateFlag(run);
    if (flag === 'blocked') blocked++;
    else if (flag === 'no-code') noCode++;
  }
  return { blocked, noCode, flagged: blocked + noCode };
}
