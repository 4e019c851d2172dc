// The agents part of the contract: providers and keys, prices, prompts, context, batches of runs, grounding.
// Batches return at once; their output arrives as runProgress / runFinished / batchProgress events.

import { z } from 'zod';
import { DOC_KINDS } from './documents';
import { SlugSchema } from './manifest';
import { HttpUrl, ProviderConfigSchema } from './providers';
import { Empty, Oid, out, safeRecord } from './contract-kit';
import type { CommitResult } from './types';
import type {
  AgentSettings,
  BatchEstimate,
  BatchInfo,
  BatchProgress,
  BatchStarted,
  ConnectionTest,
  ContextPreview,
  GroundingReport,
  PriceTableState,
  PromptTemplate,
  ProviderInfo,
  ResumeNotice,
  ReviewedRunCommit,
  RunList,
  RunProgress,
  RunRecord,
} from './types-agents';

const Id = z.string().min(1, 'must not be empty').max(100);
const Kind = z.enum(DOC_KINDS);
const ModelName = z.string().min(1, 'must not be empty').max(200);
/** A key as providers issue them: printable characters, no spaces. */
const ApiKey = z
  .string()
  .trim()
  .min(8, 'is too short to be an API key')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');
const Dollars = z.number().finite().min(0, 'must not be negative').max(1_000_000);
const DocText = z.string().max(16 * 1024 * 1024, 'is larger than 16 MB');

export const BatchRequestSchema = z
  .object({
    modules: z.union([z.literal('all'), z.array(SlugSchema).min(1, 'must name at least one module').max(500)]),
    kinds: z.array(Kind).min(1, 'must name at least one document').max(DOC_KINDS.length),
    provider: SlugSchema.optional(),
    model: ModelName.optional(),
    baseUrl: HttpUrl.optional(),
    budgetUsd: Dollars.optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
  })
  .strict();

export const agentMethods = {
  listProviders: { input: Empty, output: out<ProviderInfo[]>() },
  /** Adds or edits a provider (keys are set separately and never returned). */
  saveProvider: { input: z.object({ provider: ProviderConfigSchema }).strict(), output: out<ProviderInfo>() },
  /** Removes a provider the user added; a built-in one returns to its defaults. */
  deleteProvider: { input: z.object({ id: SlugSchema }).strict(), output: out<{ deleted: boolean }>() },
  setProviderKey: { input: z.object({ id: SlugSchema, key: ApiKey }).strict(), output: out<ProviderInfo>() },
  clearProviderKey: { input: z.object({ id: SlugSchema }).strict(), output: out<ProviderInfo>() },
  /** One cheap real call: reports auth, quota and latency. */
  testProvider: { input: z.object({ id: SlugSchema, model: ModelName.optional() }).strict(), output: out<ConnectionTest>() },
  getPrices: { input: Empty, output: out<PriceTableState>() },
  /** Commits .fleet/prices.json on the workspace branch (compare-and-swap on `expectedTip`); entries are checked in main. */
  savePrices: {
    input: z.object({ prices: safeRecord(z.unknown()), expectedTip: Oid, message: z.string().max(10_000).optional() }).strict(),
    output: out<PriceTableState>(),
  },
  getAgentSettings: { input: Empty, output: out<AgentSettings>() },
  saveAgentSettings: {
    input: z
      .object({
        workspaceBudgetUsd: Dollars.nullable(),
        defaultProvider: SlugSchema,
        defaultConcurrency: z.number().int().min(1).max(32),
        /** Left out: kept as it was. */
        autoResume: z.boolean().optional(),
      })
      .strict(),
    output: out<AgentSettings>(),
  },
  getPrompt: { input: z.object({ kind: Kind }).strict(), output: out<PromptTemplate>() },
  /** Commits .fleet/prompts/<kind>.md on the workspace branch (compare-and-swap on `expectedTip`). */
  savePrompt: {
    input: z.object({ kind: Kind, text: z.string().min(1, 'must not be empty').max(200_000), expectedTip: Oid }).strict(),
    output: out<PromptTemplate>(),
  },
  previewContext: {
    input: z.object({ moduleId: SlugSchema, kind: Kind, provider: SlugSchema.optional() }).strict(),
    output: out<ContextPreview>(),
  },
  estimateBatch: { input: BatchRequestSchema, output: out<BatchEstimate>() },
  /** Starts an approved batch; the queue stops before a run that would cross a budget. */
  startBatch: { input: BatchRequestSchema, output: out<BatchStarted>() },
  cancelRun: { input: z.object({ runId: Id }).strict(), output: out<{ cancelled: boolean }>() },
  cancelBatch: { input: z.object({ batchId: Id }).strict(), output: out<{ cancelled: boolean }>() },
  /** Runs what an interrupted or stopped batch had left (after a restart, or a new key or budget). */
  resumeBatch: { input: z.object({ batchId: Id, budgetUsd: Dollars.optional() }).strict(), output: out<BatchStarted>() },
  listBatches: { input: Empty, output: out<BatchInfo[]>() },
  /** What the automatic resume did with this workspace's interrupted batches since it opened (not yet dismissed). */
  listResumeNotices: { input: Empty, output: out<ResumeNotice[]>() },
  dismissResumeNotice: { input: z.object({ batchId: Id }).strict(), output: out<{ dismissed: boolean }>() },
  listRuns: { input: z.object({ moduleId: SlugSchema.optional(), batchId: Id.optional() }).strict(), output: out<RunList>() },
  /** Commits a run's reviewed draft with the run's provenance trailers (Fleet-Run, Fleet-Model, ...). */
  commitRun: {
    input: z.object({ runId: Id, expectedTip: Oid, content: DocText.optional(), message: z.string().max(10_000).optional() }).strict(),
    output: out<CommitResult>(),
  },
  /** Marks a run whose draft waits for review as reviewed (or not): "Commit all reviewed" commits those. */
  markRunReviewed: { input: z.object({ runId: Id, reviewed: z.boolean() }).strict(), output: out<RunRecord>() },
  /** Commits the reviewed drafts (all, or those of `runIds`) through commitRun, one by one at each branch's tip. */
  commitReviewedRuns: { input: z.object({ runIds: z.array(Id).max(1000).optional() }).strict(), output: out<ReviewedRunCommit[]>() },
  /** Paths and libraries a document names that the module's files and the repository's packages do not back. */
  groundingCheck: {
    input: z.object({ moduleId: SlugSchema, kind: Kind, content: DocText.optional() }).strict(),
    output: out<GroundingReport>(),
  },
} as const;

export const agentEvents = {
  runProgress: out<RunProgress>(),
  runFinished: out<RunRecord>(),
  batchProgress: out<BatchProgress>(),
  batchResumeNotice: out<ResumeNotice>(),
} as const;
