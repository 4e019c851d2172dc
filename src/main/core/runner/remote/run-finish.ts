// A remote run whose CI run completed: its jobs' last states, the record from its artifact (cost, outcome, review
// branch), then for a change the review branch fetched and checked against the record. A CI run that ended
// without a record failed before Fleet Control could write one: a clear failed state, with the run's link.

import { FleetError, toErrorPayload } from '../../../../shared/errors';
import type { RemoteRun } from '../../../../shared/types-remote';
import type { RunnerRecord } from '../../../../shared/types-runner';
import type { RemoteServices } from '../../remotes/remote-endpoint';
import type { Workspace } from '../../workspace/workspace';
import type { RemoteBatches } from './remote-batches';
import { fetchReviewBranch } from './review-remote';
import type { CiRunView, RemoteTargetClient } from './target';

export interface FinishParts {
  batches: RemoteBatches;
  workspace: Workspace;
  remotes: RemoteServices;
  /** Runs cancelled at a time limit, with the sentence saying so. */
  timedOut: Map<string, string>;
  refsChanged: () => void;
}

function fromRecord(record: RunnerRecord): Partial<RemoteRun> {
  const run = record.run as { summary?: unknown } | null;
  const check = record.check as { state?: unknown; exitCode?: unknown; durationMs?: unknown } | null;
  return {
    costUsd: record.costUsd,
    costKnown: record.costKnown,
    outcome: record.outcome,
    summary: typeof run?.summary === 'string' ? run.summary : null,
    check: check ? { state: String(check.state ?? ''), exitCode: typeof check.exitCode === 'number' ? check.exitCode : null, durationMs: typeof check.durationMs === 'number' ? check.durationMs : null } : null,
  };
}

/** Finishes `run` (see the file header); every ending is stored and announced. */
export async function finishRun(parts: FinishParts, run: RemoteRun, view: CiRunView, client: RemoteTargetClient): Promise<void> {
  const { batches } = parts;
  const ciRunId = run.ciRunId!;
  const finishedAt = new Date().toISOString();
  const jobs = await client.jobs(ciRunId).catch(() => run.jobs);
  let record: RunnerRecord | null = null;
  let recordError: FleetError | null = null;
  try {
    record = await client.record(ciRunId, run.dispatchId);
  } catch (error) {
    // A rate limit says nothing about the record: the run is finished on a look after the wait.
    if (error instanceof FleetError && error.code === 'RATE_LIMITED') throw error;
    recordError = error instanceof FleetError ? error : new FleetError('RUNNER_RECORD_MISSING', 'The run record could not be read from the artifact.');
  }
  // Without a record, a run a runner worked on spent an unknown amount: its whole share counts as spent, so the budget
  // holds (one no runner picked up spent nothing).
  const ran = run.startedAt !== null || jobs.some((j) => j.steps.some((s) => s.state === 'succeeded' || s.state === 'failed'));
  const unknownCost = !record && run.kind === 'implement' && run.budgetUsd !== null && ran;
  const costNote = unknownCost ? ` Its cost is unknown: its share of $${run.budgetUsd!.toFixed(2)} counts as spent.` : '';
  const base: Partial<RemoteRun> = { jobs, url: view.url ?? run.url, finishedAt, ...(record ? fromRecord(record) : unknownCost ? { costUsd: run.budgetUsd!, costKnown: false } : {}) };
  const timedOut = parts.timedOut.get(run.runId);
  if (timedOut) {
    await batches.update(run.runId, { ...base, state: 'timed-out', message: `${timedOut}${costNote}`, error: { code: 'RUN_NOT_STARTED', message: timedOut } });
    return;
  }
  if (view.conclusion === 'cancelled') {
    await batches.update(run.runId, { ...base, state: 'cancelled', message: `The CI run was cancelled.${costNote}` });
    return;
  }
  if (!record) {
    const error = recordError ?? new FleetError('RUNNER_RECORD_MISSING', `The CI run ended (${view.conclusion ?? 'no conclusion'}) without the run's record: it failed before Fleet Control wrote one (a step before it failed, or the artifact was not uploaded). See its log${view.url ? ` at ${view.url}` : ''}.`, { ciRunId, url: view.url });
    await batches.update(run.runId, { ...base, state: 'failed', error: error.toPayload(), message: `${error.message}${costNote}` });
    return;
  }
  if (record.outcome === 'failed') {
    const error = record.error ? { code: toErrorPayload(record.error).code, message: record.error.message } : { code: 'INTERNAL' as const, message: 'The runner job failed.' };
    await batches.update(run.runId, { ...base, state: 'failed', error, message: `Failed on the runner: ${error.message}` });
    return;
  }
  if (record.outcome !== 'review' || run.kind !== 'implement') {
    const message = record.outcome === 'no-change' ? 'Done: the run changed nothing.' : record.outcome === 'passed' ? 'Done: the check passed.' : record.outcome === 'check-failed' ? 'Done: the check failed.' : 'Done.';
    await batches.update(run.runId, { ...base, state: 'done', message });
    return;
  }
  const review = { remote: run.remote, branch: record.reviewBranch!, commit: record.reviewCommit! };
  try {
    if (!record.reviewBranch || !record.reviewCommit || record.tip !== run.tip) throw new FleetError('RUNNER_RECORD_MISSING', `The record names no review commit on ${run.tip.slice(0, 7)}.`, { ciRunId });
    await fetchReviewBranch(parts.workspace, parts.remotes, review);
    await batches.update(run.runId, { ...base, state: 'done', reviewBranch: review.branch, reviewCommit: review.commit, review: 'pending', message: `Done: the change waits for review on ${review.branch}.` });
  } catch (error) {
    const payload = toErrorPayload(error);
    await batches.update(run.runId, { ...base, state: 'failed', reviewBranch: record.reviewBranch, reviewCommit: record.reviewCommit, error: payload, message: payload.message });
  }
}
