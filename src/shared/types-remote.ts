// Remote batches: implementation runs and checks dispatched to the team's CI runners (GitHub Actions, Azure
// Pipelines), one CI run per module, followed from the app; the change comes back on a review branch that the app
// fetches, shows like a local run's and accepts by moving the module branch. Types shared by main, renderer and CLI.

import type { FleetErrorPayload } from './errors';
import type { EngineId } from './types-engines';
import type { BranchChanges, ChangedFile } from './types-implement';
import type { RunnerJobKind, RunnerOutcome } from './types-runner';

/** "Check remote runs every N seconds" (Settings → Remotes → CI runners): bounds and default. */
export const REMOTE_POLL_SECONDS = { min: 2, max: 300, default: 10 } as const;

/** Where a remote batch runs: GitHub Actions or Azure Pipelines. */
export const REMOTE_TARGETS = ['github', 'azure'] as const;
export type RemoteTarget = (typeof REMOTE_TARGETS)[number];

/**
 * Where one remote run is. queued: not dispatched yet (waiting for the concurrency cap or the budget); dispatched:
 * the CI accepted it, no runner has it yet; running: a runner works on it; done: its record came back (see
 * `outcome` and `review`); failed: the CI run failed, or ended without a readable record; cancelled; timed-out: no
 * runner picked it up in time, or it passed its time limit; skipped: never dispatched (the remaining budget could not
 * cover it, or the batch was cancelled first), `message` says why.
 */
export const REMOTE_RUN_STATES = ['queued', 'dispatched', 'running', 'done', 'failed', 'cancelled', 'timed-out', 'skipped'] as const;
export type RemoteRunState = (typeof REMOTE_RUN_STATES)[number];

/** States a run no longer leaves (retry starts a new attempt of failed, cancelled, timed-out and skipped ones). */
export const REMOTE_RUN_ENDED: readonly RemoteRunState[] = ['done', 'failed', 'cancelled', 'timed-out', 'skipped'];

/** A step or a job of the CI run, as the host reports it (GitHub has no live log: states, then the log at the end). */
export type RemoteStepState = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RemoteStep {
  name: string;
  state: RemoteStepState;
}

export interface RemoteJob {
  name: string;
  state: RemoteStepState;
  url: string | null;
  steps: RemoteStep[];
}

/** What happened to a done implementation run's change: waiting for review, accepted onto the module branch, discarded. */
export type RemoteReviewState = 'pending' | 'accepted' | 'discarded';

export interface RemoteRun {
  /** The app's id of the run; stable across retries. */
  runId: string;
  batchId: string;
  moduleId: string;
  kind: RunnerJobKind;
  target: RemoteTarget;
  /** The git remote whose host runs it. */
  remote: string;
  state: RemoteRunState;
  /** One sentence for people: what it waits for, why it stopped. */
  message: string | null;
  /** 1, then 2, 3, ... after retries. */
  attempt: number;
  /** The run_id input of the current attempt (names the review branch and the artifact). */
  dispatchId: string;
  /** The module branch tip the run starts from (accept moves the branch from exactly this tip). */
  tip: string;
  /** This run's share of the batch budget (implement), fixed at dispatch; null before. */
  budgetUsd: number | null;
  /** The CI's run id and page, once known. */
  ciRunId: string | null;
  url: string | null;
  jobs: RemoteJob[];
  /** From the returned record: what it cost (0 until then), whether the engine reported a cost. */
  costUsd: number;
  costKnown: boolean;
  outcome: RunnerOutcome | null;
  /** Implement runs with a change: the review branch on the remote and the commit the record names. */
  reviewBranch: string | null;
  reviewCommit: string | null;
  /** Null until there is a change to review. */
  review: RemoteReviewState | null;
  /** When the change was last read for review (getRemoteRunChanges): accept refuses a change nobody read. */
  reviewedAt?: string | null;
  /** The module branch tip after accept (the review commit). */
  acceptedCommit: string | null;
  /** A check's result from the record (check runs). */
  check: { state: string; exitCode: number | null; durationMs: number | null } | null;
  /** The run's summary from the record (implement). */
  summary: string | null;
  error: FleetErrorPayload | null;
  queuedAt: string;
  dispatchedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RemoteBatch {
  batchId: string;
  kind: RunnerJobKind;
  target: RemoteTarget;
  remote: string;
  engine: EngineId | null;
  provider: string | null;
  model: string | null;
  /** The total budget of an implement batch; null for checks. */
  budgetUsd: number | null;
  /** Dollars the returned records report (done runs) plus the shares of runs still out (not yet known). */
  spentUsd: number;
  committedUsd: number;
  concurrency: number;
  /** running until every run ended; cancelled when cancelled as a whole. */
  state: 'running' | 'finished' | 'cancelled';
  runIds: string[];
  /** Per state, for the summary line. */
  counts: Partial<Record<RemoteRunState, number>>;
  createdAt: string;
  finishedAt: string | null;
}

export interface RemoteBatchRequest {
  modules: string[];
  kind: RunnerJobKind;
  target: RemoteTarget;
  /** The git remote on the CI host; default the push remote. */
  remote?: string;
  engine?: EngineId;
  provider?: string;
  model?: string;
  baseUrl?: string;
  /** Total dollars for the batch (implement: required). */
  budgetUsd?: number;
  maxMinutes?: number;
  /** CI runs out at once (default 4). */
  concurrency?: number;
}

export interface RemoteBatchStarted {
  batch: RemoteBatch;
  runs: RemoteRun[];
}

/** The review commit against the tip the run started from, for the Changes view (files with code/docs kind). */
export interface RemoteRunChanges {
  runId: string;
  moduleId: string;
  tip: string;
  reviewBranch: string;
  reviewCommit: string;
  files: BranchChanges['files'];
}

export type RemoteChangedFile = ChangedFile & { kind: 'code' | 'docs' };
