// What the conflict forecast and the merges return: per module, pairwise overlaps, a suggested order.

import type { DocKind } from './documents';

/** Where merges go: the base branch itself, or an integration branch forked from it (safe when the base is protected). */
export type MergeTargetKind = 'base' | 'integration';

export interface MergeTarget {
  kind: MergeTargetKind;
  branch: string;
  /** Null when the integration branch does not exist yet (it is created from the base tip on the first merge). */
  tip: string | null;
  /** The working tree holding the branch (checked out, rebasing or bisecting there), which a merge into it is refused
   *  for (BRANCH_CHECKED_OUT); null when none does. Set by getMergeTargets, absent elsewhere. */
  heldBy?: { worktree: string; state: 'checked-out' | 'rebasing' | 'bisecting' } | null;
}

/** Why a path cannot be merged by itself: both sides changed the same lines, one deleted what the other changed,
 *  one side renamed a file the other deleted (rename-delete) or renamed it elsewhere (rename-rename), one side added a
 *  file in a folder the other renamed (file-location: the path is where git suggests it goes), ... */
export type ConflictKind = 'content' | 'add-add' | 'modify-delete' | 'binary' | 'file-directory' | 'mode' | 'rename-delete' | 'rename-rename' | 'file-location';

export interface ConflictFile {
  path: string;
  kind: ConflictKind;
  /** Where a renamed file came from (rename conflicts, and conflicts in a file one side renamed). */
  renamedFrom?: string;
}

/** How one module branch would merge into the target now; unrelated: it shares no commit with the target, and git
 *  refuses to merge unrelated histories. */
export type ForecastOutcome = 'clean' | 'conflicts' | 'up-to-date' | 'missing' | 'unrelated';

export interface ModuleForecast {
  moduleId: string;
  branch: string;
  /** Null when the module branch does not exist (deleted outside the app, or not initialised). */
  tip: string | null;
  mergeBase: string | null;
  outcome: ForecastOutcome;
  /** Paths the module branch changed since it forked from the target (documents included). */
  changedPaths: string[];
  conflicts: ConflictFile[];
  /** Whether the module branch changes code since its fork from the base branch (as the board's card says); false:
   *  documents only, which a merge brings without implementing anything; null when the branch is missing. */
  codeChanged: boolean | null;
  /** The module's documents that are not written at its tip (missing or still their template): merging the module
   *  brings them as they are, and the merge screen warns before it. Empty when every document is written. */
  unwrittenDocs: DocKind[];
}

/** Two module branches that changed the same paths since they forked. */
export interface ModuleOverlap {
  a: string;
  b: string;
  paths: string[];
}

/** One step of the suggested merge order. */
export interface MergeOrderGroup {
  /** independent: touches nothing another module touches; overlapping: merge these together, in this order;
   *  conflicts: conflicts with the target now, resolve first; unrelated: shares no history with the target (refused). */
  kind: 'independent' | 'overlapping' | 'conflicts' | 'unrelated';
  modules: string[];
  /** Overlapping groups: modules that merge cleanly into the target alone but conflict once the modules before them in
   *  this group are merged (found by merging the group one by one in memory). Absent when there are none. */
  laterConflicts?: LaterConflict[];
}

/** A module that conflicts only after other modules of its group are merged. */
export interface LaterConflict {
  moduleId: string;
  /** The modules merged before it that touch the same paths. */
  after: string[];
  conflicts: ConflictFile[];
}

export interface MergeForecast {
  target: MergeTarget;
  /** The target tip the forecast was computed against: a merge refuses when the target moved since. */
  computedAt: string;
  modules: ModuleForecast[];
  overlaps: ModuleOverlap[];
  order: MergeOrderGroup[];
  durationMs: number;
}

/** The outcome of merging one module. */
export interface ModuleMergeResult {
  moduleId: string;
  /** unrelated: refused, the module shares no commit with the target (git: refusing to merge unrelated histories). */
  outcome: 'merged' | 'up-to-date' | 'conflicts' | 'skipped' | 'failed' | 'unrelated';
  /** The merge commit (or the fast-forwarded tip) now at the target. */
  commit?: string;
  conflicts?: ConflictFile[];
  message?: string;
}

export interface MergeReport {
  target: MergeTarget;
  results: ModuleMergeResult[];
  /** True when the run stopped at a conflict before writing anything for that module or any after it. */
  stopped: boolean;
}

/** The three versions of one conflicting path, for the three-way view (null where the side has no file). */
export interface ThreeWayFile {
  path: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  binary: boolean;
  /** The line-merged text with conflict markers, as git would leave it (null for binary or non-content conflicts). */
  merged: string | null;
}
