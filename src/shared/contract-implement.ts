// The implementation part of the contract: agents that change a module's code in a working copy, review of the
// change as code, accept as one commit on the module branch. Runs return at once; their transcript arrives as
// implementProgress events, their end as implementFinished, a batch's as implementBatchProgress.

import { z } from 'zod';
import { SlugSchema } from './manifest';
import { HttpUrl } from './providers';
import { Empty, Oid, out } from './contract-kit';
import { ENGINE_IDS, type EngineInfo } from './types-engines';
import { REMOTE_POLL_SECONDS } from './types-remote';
import type {
  BranchChanges,
  FileSides,
  ImplementBatchProgress,
  ImplementEstimate,
  ImplementProgress,
  ImplementRun,
  ImplementRunDetail,
  ImplementSettings,
  ImplementStarted,
  WorkingCopyUsage,
} from './types-implement';

const EngineKeySchema = z
  .object({
    provider: SlugSchema,
    variable: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an environment variable name (A-Z, 0-9, _)'),
  })
  .strict();
const RunId = z.string().min(1, 'must not be empty').max(100);
const ModelName = z.string().min(1, 'must not be empty').max(200);
const Dollars = z.number().finite().min(0, 'must not be negative').max(1_000_000);
const Instruction = z.string().max(20_000, 'is longer than 20,000 characters');
/** A path inside a working copy or a tree, as the core carries it (see shared/display-path.ts for display). */
const RepoPath = z.string().min(1, 'must not be empty').max(4096);
const FileText = z.string().max(16 * 1024 * 1024, 'is larger than 16 MB');
/** One allow-list entry: a command prefix or a glob, one line. */
const AllowEntry = z.string().trim().min(1, 'must not be empty').max(500).regex(/^[^\r\n\0]+$/, 'must be one line');

export const ImplementRequestSchema = z
  .object({
    modules: z.union([z.literal('approved'), z.array(SlugSchema).min(1, 'must name at least one module').max(500)]),
    engine: z.enum(ENGINE_IDS).optional(),
    provider: SlugSchema.optional(),
    model: ModelName.optional(),
    baseUrl: HttpUrl.optional(),
    budgetUsd: Dollars.optional(),
    maxTurns: z.number().int().min(1).max(500).optional(),
    maxMinutes: z.number().int().min(1).max(24 * 60).optional(),
    concurrency: z.number().int().min(1).max(16).optional(),
    instruction: Instruction.optional(),
  })
  .strict();

export const ImplementSettingsSchema = z
  .object({
    maxWorkingCopies: z.number().int().min(1).max(64),
    customEngineTemplate: z.string().max(2000).regex(/^[^\r\n\0]*$/, 'must be one line'),
    engineKeys: z.partialRecord(z.enum(ENGINE_IDS), EngineKeySchema),
    maxTurns: z.number().int().min(1).max(500),
    maxMinutes: z.number().int().min(1).max(24 * 60),
    maxChangedFiles: z.number().int().min(1).max(10_000),
    repairRounds: z.number().int().min(0).max(10),
    repeatedFailureLimit: z.number().int().min(2).max(20),
    defaultConcurrency: z.number().int().min(1).max(16),
    commandAllowList: z.array(AllowEntry).max(100),
    commandTimeoutSeconds: z.number().int().min(5).max(3600),
    remotePollSeconds: z.number().int().min(REMOTE_POLL_SECONDS.min).max(REMOTE_POLL_SECONDS.max).optional(),
  })
  .strict();

export const implementMethods = {
  /** Every engine: the built-in loop, the agent CLIs found on PATH with their versions, how to install the others. */
  listEngines: { input: z.object({ refresh: z.boolean().optional() }).strict(), output: out<EngineInfo[]>() },
  getImplementSettings: { input: Empty, output: out<ImplementSettings>() },
  saveImplementSettings: { input: ImplementSettingsSchema, output: out<ImplementSettings>() },
  /** A range per module (turns x tokens per turn from the context size) and the caps that apply. */
  estimateImplement: { input: ImplementRequestSchema, output: out<ImplementEstimate>() },
  /** Starts an approved batch of runs; each run gets its own working copy. */
  startImplement: { input: ImplementRequestSchema, output: out<ImplementStarted>() },
  cancelImplementRun: { input: z.object({ runId: RunId }).strict(), output: out<{ cancelled: boolean }>() },
  cancelImplementBatch: { input: z.object({ batchId: RunId }).strict(), output: out<{ cancelled: boolean }>() },
  /** Runs what an interrupted batch had left (after a quit or a crash). */
  resumeImplementBatch: { input: z.object({ batchId: RunId, budgetUsd: Dollars.optional() }).strict(), output: out<ImplementStarted>() },
  listImplementRuns: { input: z.object({ moduleId: SlugSchema.optional() }).strict(), output: out<ImplementRun[]>() },
  getImplementRun: { input: z.object({ runId: RunId }).strict(), output: out<ImplementRunDetail>() },
  /** Both sides of a file the run changed: the start tip's and the working copy's. */
  readRunFile: { input: z.object({ runId: RunId, path: RepoPath }).strict(), output: out<FileSides>() },
  /** The user's edit of the right side in review, written into the working copy. */
  editRunFile: { input: z.object({ runId: RunId, path: RepoPath, content: FileText }).strict(), output: out<ImplementRunDetail>() },
  /** Drops one file from the change: the working copy's file goes back to the start tip's (or away when added). */
  dropRunFile: { input: z.object({ runId: RunId, path: RepoPath }).strict(), output: out<ImplementRunDetail>() },
  /** Continues a run in review with a new instruction: same conversation, same working copy. */
  followUpRun: { input: z.object({ runId: RunId, instruction: Instruction.min(1, 'must not be empty'), budgetUsd: Dollars.optional() }).strict(), output: out<ImplementRun>() },
  /** Removes the working copy; the run's record stays. */
  discardRun: { input: z.object({ runId: RunId }).strict(), output: out<ImplementRun>() },
  /**
   * Commits the run's changes as one commit on the module branch by compare-and-swap on the start tip; a branch that
   * moved since is merged three ways (conflicts: MERGE_CONFLICT with the paths); a branch held by a working tree is
   * BRANCH_CHECKED_OUT naming it.
   */
  acceptRun: { input: z.object({ runId: RunId, message: z.string().max(10_000).optional() }).strict(), output: out<ImplementRun>() },
  workingCopyUsage: { input: Empty, output: out<WorkingCopyUsage>() },
  /** The module branch against the base: every file changed since the fork and its commits with their trailers. */
  getBranchChanges: { input: z.object({ moduleId: SlugSchema }).strict(), output: out<BranchChanges>() },
  /** One file of the module branch: at the fork point (before) and at the tip (after). */
  readBranchFile: { input: z.object({ moduleId: SlugSchema, path: RepoPath, tip: Oid.optional() }).strict(), output: out<FileSides>() },
} as const;

export const implementEvents = {
  implementProgress: out<ImplementProgress>(),
  implementFinished: out<ImplementRun>(),
  implementBatchProgress: out<ImplementBatchProgress>(),
} as const;
