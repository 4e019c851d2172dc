// Implementation runs and checks on CI runners: the inputs of one runner job, the review branch it commits to, and
// the record it leaves in its artifact (validated by the app when it downloads one, since an artifact is input).

import { z } from 'zod';
import { SlugSchema } from './manifest';

export const RUNNER_JOB_KINDS = ['implement', 'check'] as const;
export type RunnerJobKind = (typeof RUNNER_JOB_KINDS)[number];

/** The dispatcher's id of one remote run: part of a branch name, so letters, digits, dot, dash and underscore only. */
export const RemoteRunIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit')
  .refine((id) => !id.includes('..') && !id.endsWith('.lock') && !id.endsWith('.'), 'must not hold "..", end with ".lock" or end with a dot');

/** A full commit id, as the job's `tip` input. */
export const CommitIdSchema = z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-character commit id');

/** The inputs of one runner job (the workflow's workflow_dispatch inputs, the pipeline's parameters). */
export const RunnerJobInputSchema = z
  .object({
    kind: z.enum(RUNNER_JOB_KINDS),
    moduleId: SlugSchema,
    tip: CommitIdSchema,
    runId: RemoteRunIdSchema,
    /** Dollars the run may spend at most (implement only). */
    budgetUsd: z.number().positive().max(100_000).optional(),
  })
  .strict();
export type RunnerJobInput = z.infer<typeof RunnerJobInputSchema>;

/** The branch a runner pushes its reviewed-to-be commit to; never the module branch itself. */
export function reviewBranchName(moduleId: string, runId: string): string {
  return `fleet/review/${moduleId}/${runId}`;
}

/** Files in the job's output folder (the uploaded artifact). */
export const RUNNER_RECORD_FILE = 'record.json';
export const RUNNER_TRANSCRIPT_FILE = 'transcript.jsonl';
export const RUNNER_RECORD_VERSION = 1;

/** How a runner job ended: review (a commit on the review branch), no-change, failed, or a check's passed/failed. */
export const RUNNER_OUTCOMES = ['review', 'no-change', 'failed', 'passed', 'check-failed'] as const;
export type RunnerOutcome = (typeof RUNNER_OUTCOMES)[number];

const ErrorPayload = z.object({ code: z.string().max(64), message: z.string().max(4000) }).passthrough();

/** record.json: what the app reads back from the artifact. `run` / `check` are the local records, kept loosely typed. */
export const RunnerRecordSchema = z
  .object({
    version: z.literal(RUNNER_RECORD_VERSION),
    kind: z.enum(RUNNER_JOB_KINDS),
    runId: RemoteRunIdSchema,
    moduleId: SlugSchema,
    branch: z.string().max(300),
    tip: CommitIdSchema,
    outcome: z.enum(RUNNER_OUTCOMES),
    /** The local branch holding the change (pushed by the workflow's next step); null without a change. */
    reviewBranch: z.string().max(300).nullable(),
    reviewCommit: CommitIdSchema.nullable(),
    budgetUsd: z.number().nullable(),
    costUsd: z.number().min(0),
    costKnown: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string(),
    fleetControlVersion: z.string().max(100),
    error: ErrorPayload.nullable(),
    run: z.record(z.string(), z.unknown()).nullable(),
    check: z.record(z.string(), z.unknown()).nullable(),
  })
  .passthrough();
export type RunnerRecord = z.infer<typeof RunnerRecordSchema>;
