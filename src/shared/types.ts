// Plain data that crosses the boundary between main and the renderer (and the CLI's --json output).

import type { DocKind, DocState, Phase, WorkspaceDocName } from './documents';
import type { CategoryDef } from './manifest';
import type { FleetErrorPayload } from './errors';
import type { CloneResult, FetchReport, PushReport } from './types-remotes';
import type { MergeForecast, MergeReport } from './types-merge';
import type { CheckBatchReport, CheckState } from './types-checks';
import type { ImplementationStatus } from './types-implement';
import type { WorkspaceReportDraft } from './types-reports';
import type { RunnerSetupResult } from './types-runner-setup';

export interface AppInfo {
  version: string;
  transport: 'electron' | 'browser';
  platform: string;
  /** True where a native folder dialog exists (Electron). */
  canPickFolder: boolean;
}

export interface HeadState {
  branch: string | null;
  oid: string | null;
  detached: boolean;
}

export interface WorkspaceSummary {
  path: string;
  name: string;
  initialised: boolean;
  baseBranch: string;
  workspaceBranch: string;
  branchPrefix: string;
  docsFolder: string;
  head: HeadState;
  isDemo: boolean;
  moduleCount: number;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
}

export interface DocStatus {
  kind: DocKind;
  fileName: string;
  path: string;
  state: DocState;
  blobId: string | null;
}

export interface ModuleCard {
  id: string;
  title: string;
  category: string;
  branch: string;
  branchExists: boolean;
  tip: string | null;
  /** Commits on the module branch that the base branch lacks; null when the branch does not exist. */
  ahead: number | null;
  /** Commits on the base branch that the module branch lacks; null when the branch does not exist. */
  behind: number | null;
  docs: DocStatus[];
  /** Documents of this module with unsaved edits kept as drafts. */
  draftKinds: DocKind[];
  phase: Phase;
  patterns: string[];
  /** Code files the patterns match (assets left out: shared/asset-files). */
  matchedFiles: number;
  /** Assets the patterns match (images, 3D models, fonts, archives, ...): counted apart, never sent to a model. */
  matchedAssets: number;
  /** Whether the branch changes code since its fork from the base (files outside the documents folder and .fleet/);
   *  null when the branch does not exist. A merged module with false merged documents only. */
  codeChanged: boolean | null;
  /** running / review: an implementation run of this module is working or waiting for review; committed: the branch
   *  changes code (a git fact, whoever committed it); not-started otherwise. */
  implementation: ImplementationStatus;
  /** The latest check of the module branch; stale when the branch moved past the checked commit. */
  lastCheck: ModuleCheckState | null;
  /** Documents whose agent (document) run ended in a draft that waits for review: finished, uncommitted, its draft
   *  still there. Absent where the board was loaded without the agents (tests, `status` without runs). */
  reviewKinds?: DocKind[];
}

/** The board's view of a module's latest check. */
export interface ModuleCheckState {
  state: CheckState;
  commit: string;
  stale: boolean;
}

export interface BoardState {
  workspace: WorkspaceSummary;
  categories: CategoryDef[];
  modules: ModuleCard[];
  baseTip: string;
  loadedAt: string;
  durationMs: number;
}

export interface PatternMatch {
  pattern: string;
  /** Code files the pattern matches. */
  count: number;
  /** Assets the pattern matches (counted apart from code). */
  assets?: number;
}

export interface ModuleDetail {
  card: ModuleCard;
  /** Matched code files, sorted, at most `filesLimit` of them; `card.matchedFiles` is the full count. */
  files: string[];
  /** Matched assets, at most `filesLimit` of them; `card.matchedAssets` is the full count. */
  assets: string[];
  filesLimit: number;
  patternMatches: PatternMatch[];
}

export interface DocumentContent {
  moduleId: string;
  kind: DocKind;
  path: string;
  state: DocState;
  blobId: string | null;
  /** Null when the document is missing or is not UTF-8 text. */
  content: string | null;
  binary: boolean;
  /** The module branch's tip when the document was read: the expected tip of a later commit. */
  branchTip: string | null;
}

export interface DraftInfo {
  moduleId: string;
  kind: DocKind;
  content: string;
  baseBlobId: string | null;
  baseTip: string | null;
  savedAt: string;
}

export interface DraftSummary {
  moduleId: string;
  kind: DocKind;
  savedAt: string;
}

export interface CommitResult {
  branch: string;
  commit: string;
  parent: string;
  /** Blob id of each committed document, by kind. */
  blobIds: Partial<Record<DocKind, string>>;
}

export interface HistoryEntry {
  commit: string;
  author: string;
  email: string;
  date: string;
  subject: string;
  blobId: string;
}

export type CompareTarget = { type: 'base' } | { type: 'commit'; commit: string } | { type: 'module'; moduleId: string };

export interface DocumentVersion {
  label: string;
  path: string;
  blobId: string | null;
  content: string | null;
  binary: boolean;
}

export interface JobStarted {
  jobId: string;
}

export type JobKind = 'init' | 'push' | 'fetch' | 'clone' | 'forecast' | 'merge' | 'checks' | 'report' | 'runner-setup';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  done: number;
  total: number;
  message: string;
}

/** What each kind of job returns when it succeeds. */
export interface JobResults {
  init: InitResult;
  push: PushReport;
  fetch: FetchReport;
  clone: CloneResult;
  forecast: MergeForecast;
  merge: MergeReport;
  checks: CheckBatchReport;
  report: WorkspaceReportDraft;
  'runner-setup': RunnerSetupResult;
}

/** A finished job; narrowing on `kind` gives the type of `result`. */
export type JobFinished = {
  [K in JobKind]: { jobId: string; kind: K; ok: boolean; error?: FleetErrorPayload; result?: JobResults[K] };
}[JobKind];

export interface InitResult {
  workspaceBranch: string;
  manifestCommitted: boolean;
  createdBranches: string[];
  existingBranches: string[];
}

export interface BoardChanged {
  // 'implement': an implementation run started, ended or was accepted (the board's implementation status changed).
  reason: 'refs' | 'workspace' | 'init' | 'implement';
}

export interface WorkspaceDocumentContent {
  name: WorkspaceDocName;
  path: string;
  state: 'missing' | 'written';
  blobId: string | null;
  content: string | null;
  binary: boolean;
  branchTip: string;
}

export interface WorkspaceDraft {
  content: string;
  baseBlobId: string | null;
  baseTip: string | null;
  savedAt: string;
}
