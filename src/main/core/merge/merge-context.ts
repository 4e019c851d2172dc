// Per-repository merge caches: merge bases by pair of commits, each module's forecast by (target tip, module tip),
// and each overlapping group's simulated merge by the tips involved, so a second forecast after one branch moved
// recomputes only what that branch takes part in.

import { BoundedMap } from '../git/byte-lru-cache';
import type { GitRepository } from '../git/repository';
import type { ConflictFile, LaterConflict } from '../../../shared/types-merge';
import { MergeBaseFinder } from './merge-base';

/** What a module's forecast depends on only through the two tips. */
export interface PairForecast {
  upToDate: boolean;
  /** The two tips share no commit: git refuses to merge unrelated histories. */
  unrelated: boolean;
  mergeBase: string | null;
  changedPaths: string[];
  conflicts: ConflictFile[];
  /** The merged root tree, hashed in memory and never written (meaningful when there are no conflicts). */
  mergedTree: string | null;
}

/** The simulated merge of one group of overlapping modules: the order found and the conflicts met on the way. */
export interface GroupSimulation {
  order: string[];
  later: LaterConflict[];
}

export interface MergeContext {
  /** The repository's history epoch these answers were made under (replace refs in effect). */
  epoch: number;
  bases: MergeBaseFinder;
  pairs: BoundedMap<string, PairForecast>;
  /** By target tip and the group's module tips (in the order tried). */
  groups: BoundedMap<string, GroupSimulation>;
}

const MAX_CACHED_FORECASTS = 5_000;
const contexts = new WeakMap<GitRepository, MergeContext>();

/** The merge caches of `repo`, made on first use and dropped with the repository object (or its replace refs). */
export function mergeContext(repo: GitRepository): MergeContext {
  let context = contexts.get(repo);
  // New replace refs change what every history answer is: start again.
  if (!context || context.epoch !== repo.historyEpoch) {
    context = { epoch: repo.historyEpoch, bases: new MergeBaseFinder(repo), pairs: new BoundedMap(MAX_CACHED_FORECASTS), groups: new BoundedMap(MAX_CACHED_FORECASTS) };
    contexts.set(repo, context);
  }
  return context;
}
