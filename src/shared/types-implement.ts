// Implementation runs: an agent changes a module's code in a working copy of its branch, the user reviews the
// change as code and accepts it as one commit on the module branch. Types shared by main, the renderer and the CLI.

import type { FleetErrorPayload } from './errors';
import type { CheckState } from './types-checks';
import type { SandboxUse } from './types-launcher';
import type { EngineId, EngineKeyMapping } from './types-engines';
import type { CiRepairSource } from './types-ci-repair';

/** Where a run is. `review`: finished (or stopped by a guard) with changes kept for the user. */
export const IMPLEMENT_STATES = ['queued', 'preparing', 'running', 'checking', 'review', 'committed', 'discarded', 'failed', 'cancelled'] as const;
export type ImplementState = (typeof IMPLEMENT_STATES)[number];

/** Why the agent loop ended. */
export const IMPLEMENT_STOPS = [
  'finished', // the model called finish (and the check passed or the repair rounds ran out)
  'budget', // the next model call's worst case would cross a cap: work kept
  'max-turns',
  'max-time',
  'max-files',
  'repeated-failure', // the same failing tool call N times
  'no-finish', // the model ended its turn without a tool call and without finish
  'cancelled',
  'provider-error',
  'error',
] as const;
export type ImplementStop = (typeof IMPLEMENT_STOPS)[number];

/** One entry of a run's transcript, in order. Tool results are truncated for display and records. */
export type TranscriptEntry =
  | { seq: number; at: string; type: 'instruction'; text: string; followUp: boolean }
  | { seq: number; at: string; type: 'model'; turn: number; text: string; reasoning?: string; tokensIn: number; tokensOut: number; costUsd: number }
  | {
      seq: number;
      at: string;
      type: 'tool';
      turn: number;
      callId: string;
      tool: string;
      /** The arguments as the model sent them (parsed when valid JSON, else the raw text). */
      args: unknown;
      ok: boolean;
      /** The result (or error) the model saw, truncated to a few KB. */
      result: string;
      truncated: boolean;
      durationMs: number;
    }
  | { seq: number; at: string; type: 'check'; round: number; state: CheckState; exitCode: number | null; output: string; durationMs: number; sandbox?: SandboxUse }
  | { seq: number; at: string; type: 'notice'; level: 'info' | 'warning' | 'error'; text: string };

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'mode-changed';

/** A file a run (or a branch) changed, against the tip it started from (or the fork point). */
export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** For renames: the path at the start. */
  oldPath?: string;
  binary: boolean;
  /** Lines added and removed (0 for binary files). */
  additions: number;
  deletions: number;
  /** Octal modes: '100644', '100755', '120000'; null when absent on that side. */
  oldMode: string | null;
  newMode: string | null;
  /** True when the user edited the file in review. */
  editedByUser?: boolean;
}

/** The last check of a run's working copy. */
export interface RunCheckOutcome {
  state: CheckState | 'not-configured';
  round: number;
  exitCode: number | null;
  durationMs: number;
  message?: string;
}

/** What one implementation run is and did; stored per workspace (records pass the redaction step). */
export interface ImplementRun {
  runId: string;
  batchId: string;
  moduleId: string;
  /** `builtin` is our own loop; else the agent CLI that ran (see types-engines.ts). */
  engine: string;
  /** False when the engine reports no cost and no price applies: the run shows "cost unknown" and had a time cap. */
  costKnown?: boolean;
  /** The CLI's own session id, which a follow-up resumes where the engine supports it. */
  engineSession?: string | null;
  /** The engine's version when the run started (`claude --version`'s line). */
  engineVersion?: string | null;
  provider: string;
  model: string;
  state: ImplementState;
  stop: ImplementStop | null;
  instruction: string | null;
  /** The module branch tip the working copy was written from; accept commits onto it (or merges onto a newer tip). */
  startTip: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  turns: number;
  toolCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Paths changed in the working copy against the start tip (live while running). */
  changedFiles: number;
  check: RunCheckOutcome | null;
  repairRounds: number;
  /** Whether the working copy still exists (review, cancelled, failed until discarded). */
  workingCopy: boolean;
  /** The commit accept made on the module branch. */
  commit: string | null;
  summary: string | null;
  error: FleetErrorPayload | null;
  /** For a run that repairs a failing CI run: which remote, tip and checks (absent on other runs). */
  ciRepair?: CiRepairSource | null;
}

/** A run with its whole transcript. */
export interface ImplementRunDetail extends ImplementRun {
  transcript: TranscriptEntry[];
  files: ChangedFile[];
}

/** Pushed while a run works: the entries appended since the last event and the run's counters. */
export interface ImplementProgress {
  run: ImplementRun;
  entries: TranscriptEntry[];
}

/** Both sides of one changed file for the Monaco diff; null on a side where the file is absent. Binary files carry no text. */
export interface FileSides {
  path: string;
  oldPath?: string;
  before: string | null;
  after: string | null;
  binary: boolean;
  /** The blob id before (start tip or fork point) and after, when committed. */
  beforeBlob: string | null;
  afterBlob: string | null;
}

/** Knobs of implementation runs, per workspace (app data). */
export interface ImplementSettings {
  maxWorkingCopies: number;
  /** The custom engine's command template: {prompt_file}, {workdir}, {model}; empty when not set up. */
  customEngineTemplate: string;
  /** Stored keys the user gave an engine explicitly (by engine id); an engine absent here gets none. */
  engineKeys: Partial<Record<EngineId, EngineKeyMapping>>;
  maxTurns: number;
  maxMinutes: number;
  maxChangedFiles: number;
  repairRounds: number;
  /** The same failing tool call this many times stops the run. */
  repeatedFailureLimit: number;
  defaultConcurrency: number;
  /** Commands `run_command` may run: each entry is a command prefix or a glob ("npm test", "npx eslint *"). Empty by default. */
  commandAllowList: string[];
  /** Time limit of one `run_command` / `run_check` inside a run. */
  commandTimeoutSeconds: number;
  /** How often the app asks the CI host about remote runs (REMOTE_POLL_SECONDS bounds); absent: the default. */
  remotePollSeconds?: number;
}

export interface ImplementRequest {
  modules: string[] | 'approved';
  /** `builtin` (the default) or an agent CLI. */
  engine?: EngineId;
  provider?: string;
  model?: string;
  baseUrl?: string;
  budgetUsd?: number;
  maxTurns?: number;
  maxMinutes?: number;
  concurrency?: number;
  instruction?: string;
}

export interface ImplementRunEstimate {
  moduleId: string;
  contextTokens: number;
  /** Low and high ends: turns x tokens per turn from the context size. */
  lowUsd: number | null;
  highUsd: number | null;
  /** Why the module cannot run (no TO-BE, no branch, offline analyzer), or null. */
  blocked: string | null;
}

export interface ImplementEstimate {
  engine: EngineId;
  /** False for an engine that reports no cost: the batch needs a time cap and its spending shows as unknown. */
  costKnown: boolean;
  provider: string;
  model: string;
  maxTurns: number;
  runs: ImplementRunEstimate[];
  totals: { runs: number; blocked: number; lowUsd: number | null; highUsd: number | null };
  budget: { batchUsd: number | null; workspaceUsd: number | null; workspaceSpentUsd: number };
  summary: string;
}

export interface ImplementStarted {
  batchId: string;
  runIds: string[];
}

export interface ImplementBatchProgress {
  batchId: string;
  state: 'running' | 'finished' | 'stopped' | 'interrupted' | 'cancelled';
  total: number;
  done: number;
  running: number;
  costUsd: number;
  message?: string;
}

/** Working copies on disk for this workspace. */
export interface WorkingCopyUsage {
  count: number;
  bytes: number;
  limit: number;
  root: string;
}

/** A commit on a module branch since it forked, with its Fleet-* trailers. */
export interface BranchCommit {
  oid: string;
  subject: string;
  author: string;
  date: string;
  trailers: Record<string, string>;
  codeFiles: number;
  docFiles: number;
}

/** The whole module branch against the base: every file changed since the fork, and its commits. */
export interface BranchChanges {
  moduleId: string;
  tip: string;
  mergeBase: string | null;
  files: Array<ChangedFile & { kind: 'code' | 'docs' }>;
  commits: BranchCommit[];
  /** True when any changed file is code (outside the documents folder, .fleet/ and files Fleet Control generates). */
  codeChanged: boolean;
}

/** The board's implementation fact per module. */
export type ImplementationStatus = 'not-started' | 'running' | 'review' | 'committed';
