// New run records, and which states count as not finished (what a quit leaves for the resume to run).

import { randomUUID } from 'node:crypto';
import type { DocKind } from '../../../shared/documents';
import type { RunRecord, RunState } from '../../../shared/types-agents';

/** Runs a quit cut short or never started: what an automatic resume runs. */
export const UNFINISHED: ReadonlySet<RunState> = new Set<RunState>(['queued', 'running']);

/** A new batch id. */
export function newBatchId(): string {
  return randomUUID();
}

/** A queued run of `kind` for `moduleId` in the batch `batchId`, nothing spent yet. */
export function newRun(batchId: string, moduleId: string, kind: DocKind, batch: { provider: string; model: string }, now: string): RunRecord {
  return {
    runId: randomUUID(),
    batchId,
    moduleId,
    kind,
    provider: batch.provider,
    model: batch.model,
    state: 'queued',
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    durationMs: 0,
    tokensIn: 0,
    tokensOut: 0,
    usageReported: false,
    costUsd: 0,
    filesSent: [],
    filesTruncated: [],
    filesOmitted: 0,
    promptHash: null,
    outputHash: null,
    outputChars: 0,
    finishReason: null,
    attempts: 0,
    baseTip: null,
    baseBlobId: null,
    replacedDraftSavedAs: null,
    commit: null,
    error: null,
  };
}
