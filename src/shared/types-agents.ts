// Plain data of the agents part of the contract: providers, prices, prompts, context, estimates, runs, batches.

import type { DocKind } from './documents';
import type { FleetErrorPayload } from './errors';
import type { PriceTable } from './prices';
import type { ProviderConfig } from './providers';

/** Where a provider's key comes from; the key itself never leaves main. */
export type KeySource = 'stored' | 'environment' | 'none' | 'not-needed';

export interface ProviderInfo extends ProviderConfig {
  keySource: KeySource;
  builtIn: boolean;
  /** Set when an auth or quota answer stopped this provider's queue; cleared by a new key or a successful test. */
  halted: FleetErrorPayload | null;
}

export interface ConnectionTest {
  providerId: string;
  model: string;
  ok: boolean;
  auth: 'ok' | 'failed' | 'not-needed' | 'unknown';
  quota: 'ok' | 'exhausted' | 'unknown';
  /** Time from sending the request to the end of the answer. */
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  message: string;
  error?: FleetErrorPayload;
}

export interface PriceTableState {
  prices: PriceTable;
  /** 'committed' when .fleet/prices.json exists on the workspace branch, else the defaults. */
  source: 'committed' | 'default';
  path: string;
  /** The workspace branch's tip when read: the expected tip of a later save (null before init). */
  branchTip: string | null;
}

export interface PromptTemplate {
  kind: DocKind;
  text: string;
  source: 'committed' | 'default';
  path: string;
  branchTip: string | null;
}

export interface AgentSettings {
  /** Total dollars agent runs may spend in this workspace; null for no cap. */
  workspaceBudgetUsd: number | null;
  defaultProvider: string;
  defaultConcurrency: number;
  /** Resume batches a quit interrupted when the workspace opens again (desktop app and `serve`). */
  autoResume: boolean;
}

export interface ContextFile {
  path: string;
  bytes: number;
  tokens: number;
  truncated: boolean;
}

/** What a run would send: the files packed in relevance order within the budget, and the module's documents. */
export interface ContextPreview {
  moduleId: string;
  kind: DocKind;
  commit: string;
  matchedFiles: number;
  files: ContextFile[];
  /** Matched files left out because the budget was spent. */
  omitted: string[];
  /** Matched files not sent because they are binary (images, archives, ...). */
  binary: string[];
  documents: Array<{ kind: DocKind; source: 'committed' | 'draft'; tokens: number; truncated: boolean }>;
  tokens: number;
  budgetTokens: number;
  durationMs: number;
}

export interface BatchRequest {
  /** Module ids, or 'all'. */
  modules: string[] | 'all';
  kinds: DocKind[];
  provider?: string;
  model?: string;
  /** Overrides the provider's base URL for this batch only (e.g. a local server). */
  baseUrl?: string;
  /** Dollars this batch may spend at most. */
  budgetUsd?: number;
  concurrency?: number;
}

export interface RunEstimate {
  moduleId: string;
  kind: DocKind;
  inputTokens: number;
  /** Expected answer length; `maxOutputTokens` bounds it. */
  outputTokens: number;
  maxOutputTokens: number;
  costUsd: number | null;
  /** The most this run can cost: what the budget reserves before it starts. */
  worstCaseUsd: number | null;
  filesSent: number;
  matchedFiles: number;
  truncated: boolean;
  warnings: string[];
  /** Why this run cannot start (no files match, unsupported kind, ...); null when it can. */
  blocked: string | null;
}

export interface BatchEstimate {
  provider: string;
  model: string;
  runs: RunEstimate[];
  totals: { runs: number; blocked: number; inputTokens: number; outputTokens: number; costUsd: number | null; worstCaseUsd: number | null };
  budget: { batchUsd: number | null; workspaceUsd: number | null; workspaceSpentUsd: number };
  /** "3 runs, about 640k tokens, about $3.20 (at most $5.10): approve?" */
  summary: string;
  /** Why Approve would be refused now (KEY_MISSING naming the provider and where to set its key, PRICE_MISSING, LOCKED...); null when it would start. */
  cannotStart: FleetErrorPayload | null;
}

export const RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunRecord {
  runId: string;
  batchId: string;
  moduleId: string;
  kind: DocKind;
  provider: string;
  model: string;
  state: RunState;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number;
  tokensIn: number;
  tokensOut: number;
  /** True when the provider reported the token counts; false when they are estimates. */
  usageReported: boolean;
  costUsd: number;
  filesSent: string[];
  filesTruncated: string[];
  filesOmitted: number;
  /** sha256 of the rendered prompt template. */
  promptHash: string | null;
  /** sha256 of the text the run produced (a later commit of edited text says so). */
  outputHash: string | null;
  outputChars: number;
  /** Why the answer ended: 'stop', 'length' (hit maxOutputTokens), ... */
  finishReason: string | null;
  attempts: number;
  /** The module branch tip and the document's blob when the run started. */
  baseTip: string | null;
  baseBlobId: string | null;
  /** A draft the user had before this run, kept aside in the app-data folder. */
  replacedDraftSavedAs: string | null;
  /** The commit made from this run's draft, once committed. */
  commit: string | null;
  /** When the user marked the run's draft reviewed (the Runs page's "Reviewed"); null or absent: not reviewed. */
  reviewedAt?: string | null;
  error: FleetErrorPayload | null;
}

export interface RunTotals {
  runs: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  skipped: number;
  /** Queued or running. */
  queued: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  durationMs: number;
}

export interface RunList {
  runs: RunRecord[];
  totals: RunTotals;
  /** The ids among `runs` whose draft waits for review: finished, uncommitted, the newest run of its document, its
   *  draft still there. */
  awaitingReview?: string[];
}

/** One run of "commit all reviewed": its commit, or why it was not committed. */
export interface ReviewedRunCommit {
  runId: string;
  moduleId: string;
  kind: DocKind;
  commit: string | null;
  error: FleetErrorPayload | null;
}

export const BATCH_STATES = ['running', 'finished', 'stopped', 'cancelled', 'interrupted'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export interface BatchInfo {
  batchId: string;
  createdAt: string;
  provider: string;
  model: string;
  baseUrl: string | null;
  kinds: DocKind[];
  moduleIds: string[];
  budgetUsd: number | null;
  concurrency: number;
  state: BatchState;
  /** Why the queue stopped early (budget, auth, quota); null otherwise. */
  stopReason: FleetErrorPayload | null;
  runIds: string[];
  totals: RunTotals;
}

export interface BatchStarted {
  batchId: string;
  runIds: string[];
}

/** Streamed output of one run, coalesced (at most about ten events a second per run). */
export interface RunProgress {
  batchId: string;
  runId: string;
  moduleId: string;
  kind: DocKind;
  state: RunState;
  /** Text that arrived since the previous event. */
  delta: string;
  outputChars: number;
  attempt: number;
  /** e.g. "rate limited: retrying in 2 s". */
  message: string | null;
}

export interface BatchProgress {
  batchId: string;
  state: BatchState;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  spentUsd: number;
  reservedUsd: number;
  stopReason: FleetErrorPayload | null;
}

export interface GroundingFlag {
  line: number;
  type: 'path' | 'library';
  /** The path or library name as written. */
  text: string;
  message: string;
}

export interface GroundingReport {
  moduleId: string;
  kind: DocKind;
  flags: GroundingFlag[];
  checkedPaths: number;
  checkedLibraries: number;
}

/** What happened to an interrupted batch when the workspace opened again: resumed by itself, or left as it was and why. */
export interface ResumeNotice {
  batchId: string;
  outcome: 'resumed' | 'not-resumed';
  provider: string;
  model: string;
  /** Runs that had not finished (what the resume runs), and all the batch's runs. */
  runsLeft: number;
  total: number;
  /** Why it was not resumed (the key is missing, another process runs batches, ...); null when resumed. */
  reason: FleetErrorPayload | null;
  at: string;
}
