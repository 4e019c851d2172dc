// Per-repository merge caches: merge bases by pair of commits, and each module's forecast by (target tip, module tip),
// so a second forecast after one branch moved recomputes only that branch.

import { BoundedMap } from '../git/byte-lru-cache';
import type { GitRepository } from '../git/repository';
import type { ConflictFile } from '../../../shared/types-merge';
import { MergeBaseFinder } from './merge-base';

/** What a module's forecast depends on only through the two tips. */
export interface PairForecast {
  upToDate: boolean;
  mergeBase: string | null;
  changedPaths: string[];
  conflicts: ConflictFile[];
}

export interface MergeContext {
  bases: MergeBaseFinder;
  pairs: BoundedMap<string, PairForecast>;
}

const MAX_CACHED_FORECASTS = 5_000;
const contexts = new WeakMap<GitRepository, MergeContext>();

/** The merge caches of `repo`, made on first use and dropped with the repository object. */
export function mergeContext(repo: GitRepository): MergeContext {
  let context = contexts.get(repo);
  if (!context) {
    context = { bases: new MergeBaseFinder(repo), pairs: new BoundedMap(MAX_CACHED_FORECASTS) };
    contexts.set(repo, context);
  }
  return context;
}
