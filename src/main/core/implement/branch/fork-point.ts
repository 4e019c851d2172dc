// Where a module branch's own work starts, measured against the base branch. Not yet merged: the merge base with the
// base tip (`git diff base...tip`). Merged into the base (its tip an ancestor of the base tip), the merge base is the
// tip itself and would show nothing: then the fork is the newest commit on the tip's first-parent line that lacks
// the module's documents folder (init created it in the branch's first own commit), so a merged module still shows
// what it brought.

import type { GitRepository } from '../../git/repository';
import { mergeContext } from '../../merge/merge-context';

/** How far back a merged branch's first-parent line is followed to find its first own commit. */
const MAX_FIRST_PARENTS = 2_000;

export interface ForkPoint {
  /** The commit the changes are measured from; null when the branch shares no history with the base. */
  fork: string | null;
  /** True when the branch's tip is already in the base branch. */
  mergedIntoBase: boolean;
}

/** The fork point of `tip` against `baseTip` for a module whose documents live in `moduleFolder`. */
export async function forkPoint(repo: GitRepository, tip: string, baseTip: string, moduleFolder: string): Promise<ForkPoint> {
  if (tip === baseTip || !(await repo.isAncestor(tip, baseTip))) {
    return { fork: tip === baseTip ? tip : await mergeContext(repo).bases.bestMergeBase(baseTip, tip), mergedIntoBase: tip === baseTip };
  }
  let commit = await repo.readCommit(tip);
  for (let step = 0; step < MAX_FIRST_PARENTS; step++) {
    if (!(await repo.entryAtPath(commit.tree, moduleFolder))) return { fork: commit.oid, mergedIntoBase: true };
    const parent = repo.historyParents(commit)[0];
    if (!parent) break;
    commit = await repo.readCommit(parent);
  }
  // No first own commit found: nothing can be told apart from the base's history, so nothing is counted as the branch's.
  return { fork: tip, mergedIntoBase: true };
}
