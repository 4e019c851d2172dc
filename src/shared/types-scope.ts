// Plain data about a module's scope (its path patterns) that crosses the boundary: the committed patterns, a
// preview of an edited list on the module's branch, suggestions from the repository's file names.

/** The module's committed patterns and the workspace-branch tip they were read from (the start of an edit). */
export interface ModulePatterns {
  moduleId: string;
  patterns: string[];
  workspaceBranch: string;
  /** Null while the workspace is not initialised (nothing can be saved yet). */
  workspaceTip: string | null;
}

/** One pattern of a previewed list: its match count, or why it cannot be used. */
export interface PatternPreviewRow {
  pattern: string;
  /** Code files it matches. */
  count: number;
  /** Assets it matches (images, models, fonts, archives...: counted apart, never sent to a model). */
  assets: number;
  /** A sentence naming what is wrong (bad glob syntax, absolute path, ".."); null for a usable pattern. */
  problem: string | null;
}

export interface PatternPreview {
  moduleId: string;
  /** The branch whose files were matched: the module branch, or the base branch when it does not exist yet. */
  branch: string;
  commit: string;
  /** Code files on that commit (the documents folder and assets left out). */
  totalFiles: number;
  /** Assets on that commit. */
  totalAssets: number;
  /** Code files matched by at least one usable pattern. */
  matchedFiles: number;
  /** Assets matched by at least one usable pattern (shared/asset-files). */
  matchedAssets: number;
  /** The first matched code paths, sorted, at most `sampleLimit`. */
  sample: string[];
  sampleLimit: number;
  rows: PatternPreviewRow[];
  /** Usable patterns that match nothing. */
  unmatched: string[];
  /** Patterns with a problem, with the problem. */
  invalid: { pattern: string; problem: string }[];
}

export interface PatternSuggestion {
  pattern: string;
  /** The word from the module's id or title the pattern was found by (e.g. "driver" for drivers-hub). */
  word: string;
  /** Files the pattern matches that the current patterns do not. */
  filesAdded: number;
  /** A few of those files. */
  sample: string[];
}

export interface PatternSuggestions {
  moduleId: string;
  branch: string;
  /** The words searched for, after dropping generic ones (hub, system, ...). */
  words: string[];
  suggestions: PatternSuggestion[];
  /** Patterns the user rejected for this module: hidden from `suggestions` until restored. */
  rejected: string[];
}

export interface SavedPatterns {
  moduleId: string;
  patterns: string[];
  /** The new workspace-branch commit, or null when the list was already committed as it is. */
  commit: string | null;
  workspaceBranch: string;
  workspaceTip: string;
}

/** The board filter's path search: which modules own files whose path contains the query. */
export interface FileOwners {
  query: string;
  /** Modules with at least one matching file (code or asset) on their branch, in catalog order. */
  modules: { moduleId: string; title: string; files: number; sample: string[] }[];
  /** When the query names one file of a module's branch exactly: that path and the modules it belongs to (none: []). */
  exact: { path: string; moduleIds: string[] } | null;
}
