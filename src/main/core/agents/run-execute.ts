// Executes one planned run: keeps any user draft aside, streams the answer into the document's draft and as
// events, and records tokens, cost, duration, files sent and the outcome. Partial output is always kept.

import { createHash } from 'node:crypto';
import { makeFolders } from '../folders';
import { join } from 'node:path';
import { FleetError, toErrorPayload } from '../../../shared/errors';
import { costOf, type PriceEntry } from '../../../shared/prices';
import { runDraftHeader } from '../../../shared/run-draft';
import type { RunRecord } from '../../../shared/types-agents';
import type { ModuleDocuments } from '../docs/module-docs';
import { writeFileAtomic } from '../atomic';
import { DraftStream } from './draft-stream';
import { estimateTokens } from './context/token-estimate';
import type { ProgressHub } from './progress-hub';
import type { ProviderClient } from './providers/types';
import type { RunPlan } from './run-plan';

export interface ExecuteDeps {
  docs: ModuleDocuments;
  /** Null for the offline analyzer. */
  client: ProviderClient | null;
  analyze(plan: RunPlan, signal: AbortSignal): Promise<string>;
  price: PriceEntry | null;
  progress: ProgressHub;
  saveRun(run: RunRecord): Promise<void>;
  /** Folder for drafts the user had before a run replaced them. */
  backupFolder: string;
  /** Time between draft saves while text streams in (read at each save: it grows with the runs in flight). */
  draftIntervalMs: () => number;
  log(message: string, error?: unknown): void;
}

/** sha256 of a run's text, trimmed, so the commit can tell whether the user edited it. */
export function outputHash(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex');
}

/** Why a run's signal aborted: the user cancelled it, or the app is shutting down (the run resumes later). */
export type AbortReason = 'cancel' | 'shutdown';

function frontMatter(plan: RunPlan): string {
  return runDraftHeader(plan.moduleId, plan.kind);
}

async function keepUserDraft(deps: ExecuteDeps, run: RunRecord): Promise<string | null> {
  const draft = await deps.docs.getDraft(run.moduleId, run.kind);
  if (!draft) return null;
  await makeFolders(deps.backupFolder);
  const path = join(deps.backupFolder, `${run.runId}.json`);
  await writeFileAtomic(path, JSON.stringify(draft));
  return path;
}

/** Runs `plan` for `run` (state 'queued'); returns the final record, already saved. Never throws for run failures. */
export async function executeRun(run: RunRecord, plan: RunPlan, deps: ExecuteDeps, signal: AbortSignal): Promise<RunRecord> {
  const identity = { batchId: run.batchId, runId: run.runId, moduleId: run.moduleId, kind: run.kind };
  const started = Date.now();
  const attempt = run.attempts + 1;
  let record: RunRecord = {
    ...run,
    state: 'running',
    startedAt: new Date(started).toISOString(),
    attempts: attempt,
    baseTip: plan.snapshot.branchTip,
    baseBlobId: plan.baseBlobId,
    promptHash: plan.promptHash,
    filesSent: plan.offline ? plan.snapshot.files : (plan.context?.filesSent ?? []),
    filesTruncated: plan.context?.filesTruncated ?? [],
    filesOmitted: plan.context ? plan.context.preview.omitted.length : 0,
    error: null,
  };
  await deps.saveRun(record);
  deps.progress.state(identity, 'running', attempt);

  let text = '';
  let draft: DraftStream | null = null;
  try {
    record.replacedDraftSavedAs = (await keepUserDraft(deps, record)) ?? record.replacedDraftSavedAs;
    draft = new DraftStream(deps.docs, { moduleId: run.moduleId, kind: run.kind, header: frontMatter(plan), baseBlobId: plan.baseBlobId, baseTip: plan.snapshot.branchTip }, deps.draftIntervalMs, (error) =>
      deps.log(`Could not save the draft of ${run.moduleId} ${run.kind}`, error),
    );
    const onText = (delta: string): void => {
      text += delta;
      draft!.append(delta);
      deps.progress.text(identity, delta, attempt);
    };
    let tokensIn: number | null = 0;
    let tokensOut: number | null = 0;
    let finishReason: string | null = 'stop';
    if (!deps.client) {
      onText(await deps.analyze(plan, signal));
      if (signal.aborted) throw new FleetError('CANCELLED', 'The run was cancelled.');
    } else {
      const result = await deps.client.complete(
        { model: plan.model, system: plan.system, prompt: plan.context!.text, maxOutputTokens: plan.maxOutputTokens },
        {
          signal,
          onText,
          onRetry: (notice) => deps.progress.note(identity, `${notice.reason} Retrying in ${Math.ceil(notice.delayMs / 1000)} s (attempt ${notice.attempt} of ${notice.maxAttempts}).`, attempt),
        },
      );
      tokensIn = result.tokensIn;
      tokensOut = result.tokensOut;
      finishReason = result.finishReason;
    }
    await draft.close(text.endsWith('\n') ? '' : '\n');
    const usageReported = tokensIn !== null && tokensOut !== null;
    const inTokens = tokensIn ?? plan.inputTokens;
    const outTokens = tokensOut ?? estimateTokens(text);
    // Earlier attempts (interrupted by a quit) cost something too: totals cover every attempt.
    record = {
      ...record,
      state: 'succeeded',
      tokensIn: run.tokensIn + inTokens,
      tokensOut: run.tokensOut + outTokens,
      usageReported: plan.offline || usageReported,
      costUsd: run.costUsd + (deps.price ? costOf(deps.price, inTokens, outTokens) : 0),
      finishReason,
      outputHash: outputHash(text),
      outputChars: text.length,
    };
  } catch (error) {
    const reason = signal.reason as AbortReason | undefined;
    const payload = toErrorPayload(error);
    if (!(error instanceof FleetError)) deps.log(`The run ${run.runId} failed`, error);
    const stoppedEarly = signal.aborted ? (reason === 'shutdown' ? 'the app closed; it resumes with the batch' : 'it was cancelled') : payload.message;
    if (draft && text.length > 0) await draft.close(`\n\n<!-- Fleet Control: this run stopped early (${stoppedEarly}). The text above is what arrived. -->\n`);
    // Output that arrived was generated, and providers bill it: record an estimate rather than nothing.
    const outTokens = estimateTokens(text);
    const inTokens = text.length > 0 ? plan.inputTokens : 0;
    record = {
      ...record,
      state: signal.aborted ? (reason === 'shutdown' ? 'queued' : 'cancelled') : 'failed',
      tokensIn: record.tokensIn + inTokens,
      tokensOut: record.tokensOut + outTokens,
      usageReported: false,
      costUsd: record.costUsd + (deps.price && text.length > 0 ? costOf(deps.price, inTokens, outTokens) : 0),
      outputChars: text.length,
      finishReason: null,
      error: signal.aborted ? (reason === 'shutdown' ? null : { code: 'CANCELLED', message: 'The run was cancelled.' }) : payload,
    };
  }
  record.finishedAt = record.state === 'queued' ? null : new Date().toISOString();
  record.durationMs = run.durationMs + (Date.now() - started);
  await deps.saveRun(record);
  deps.progress.state(identity, record.state, attempt, record.error?.message ?? null);
  return record;
}
