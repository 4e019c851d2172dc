// The remote batches part of the contract (method -> zod input schema + output type); contract.ts spreads it in.
// Implementation runs and checks dispatched to CI runners, one CI run per module, followed in main; progress arrives
// as remoteRunChanged / remoteBatchChanged events; review and accept of the returned change stay in the app.

import { z } from 'zod';
import { out } from './contract-kit';
import { RemoteNameSchema } from './contract-remotes';
import { SlugSchema } from './manifest';
import { HttpUrl } from './providers';
import { ENGINE_IDS } from './types-engines';
import type { FileSides } from './types-implement';
import { REMOTE_TARGETS, type RemoteBatch, type RemoteBatchStarted, type RemoteRun, type RemoteRunChanges } from './types-remote';
import { RUNNER_JOB_KINDS } from './types-runner';

const RemoteRunId = z.string().min(1, 'must not be empty').max(100);
const RepoPath = z.string().min(1, 'must not be empty').max(4096);

export const RemoteBatchRequestSchema = z
  .object({
    modules: z.array(SlugSchema).min(1, 'must name at least one module').max(500),
    kind: z.enum(RUNNER_JOB_KINDS),
    target: z.enum(REMOTE_TARGETS),
    remote: RemoteNameSchema.optional(),
    engine: z.enum(ENGINE_IDS).optional(),
    provider: SlugSchema.optional(),
    model: z.string().min(1, 'must not be empty').max(200).optional(),
    baseUrl: HttpUrl.optional(),
    budgetUsd: z.number().finite().positive('must be more than 0').max(100_000).optional(),
    maxMinutes: z.number().int().min(1).max(24 * 60).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export const remoteBatchMethods = {
  /**
   * Starts a remote batch: one CI run per module on the default branch, within `concurrency`; each implement run gets
   * its share of the remaining budget, and dispatching stops (runs `skipped`, saying why) when what is left cannot
   * cover the next run's lowest estimate. WORKFLOW_NOT_FOUND when the runner set-up is not on the default branch.
   */
  startRemoteBatch: { input: RemoteBatchRequestSchema, output: out<RemoteBatchStarted>() },
  listRemoteBatches: { input: z.object({}).strict(), output: out<RemoteBatch[]>() },
  listRemoteRuns: { input: z.object({ batchId: RemoteRunId.optional(), moduleId: SlugSchema.optional() }).strict(), output: out<RemoteRun[]>() },
  getRemoteRun: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRun>() },
  /** Cancels the CI run (or drops the queued run); the run ends `cancelled` once the host says so. */
  cancelRemoteRun: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRun>() },
  /** Cancels every run of the batch still queued or out. */
  cancelRemoteBatch: { input: z.object({ batchId: RemoteRunId }).strict(), output: out<RemoteBatch>() },
  /** Dispatches a failed, cancelled, timed-out or skipped run again (a new attempt, a new review branch name). */
  retryRemoteRun: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRun>() },
  /** Fetches the review branch and lists its commit's changes against the tip the run started from. */
  getRemoteRunChanges: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRunChanges>() },
  /** One file of the review: at the start tip (before) and at the review commit (after). */
  readRemoteRunFile: { input: z.object({ runId: RemoteRunId, path: RepoPath }).strict(), output: out<FileSides>() },
  /**
   * Moves the module branch from the run's start tip to the review commit (compare-and-swap: BRANCH_MOVED when it
   * moved), after checking the review branch on the remote still holds that commit (REVIEW_BRANCH_GONE,
   * REVIEW_BRANCH_FORCE_PUSHED), then deletes the review branch on the remote. Only a reviewed run (its changes read
   * with getRemoteRunChanges) is accepted: RUN_NOT_REVIEWABLE otherwise.
   */
  acceptRemoteRun: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRun>() },
  /** Drops the change: the review branch is deleted on the remote (when it still holds the run's commit). */
  discardRemoteRun: { input: z.object({ runId: RemoteRunId }).strict(), output: out<RemoteRun>() },
} as const;

export const remoteBatchEvents = {
  /** A run changed (state, steps, cost, review). */
  remoteRunChanged: out<RemoteRun>(),
  /** A batch changed (counts, spending, its end). */
  remoteBatchChanged: out<RemoteBatch>(),
} as const;
