import { describe, expect, it } from 'vitest';
import type { RemoteBatch, RemoteRun } from '../../src/shared/types-remote';
import { awaitsReview, canRetry, EMPTY_RUNS, isOut, remoteRunHref, remoteRunsOfModule, runsOfBatch, stepPhase, visibleBatches } from '../../src/renderer/src/components/remote/remoteView';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const HOUR = 60 * 60 * 1000;

function run(over: Partial<RemoteRun> & { runId: string }): RemoteRun {
  return {
    batchId: 'b1', moduleId: 'fleet-hub', kind: 'implement', target: 'github', remote: 'origin', state: 'queued', message: null, attempt: 1,
    dispatchId: over.runId, tip: 'a'.repeat(40), budgetUsd: null, ciRunId: null, url: null, jobs: [], costUsd: 0, costKnown: true, outcome: null,
    reviewBranch: null, reviewCommit: null, review: null, acceptedCommit: null, check: null, summary: null, error: null,
    queuedAt: '2026-12-03T10:00:00Z', dispatchedAt: null, startedAt: null, finishedAt: null, ...over,
  };
}

function batch(over: Partial<RemoteBatch> & { batchId: string }): RemoteBatch {
  return {
    kind: 'implement', target: 'github', remote: 'origin', engine: 'builtin', provider: 'p', model: 'm', budgetUsd: 2, spentUsd: 0, committedUsd: 0, concurrency: 4,
    state: 'running', runIds: [], counts: {}, createdAt: '2026-12-03T10:00:00Z', finishedAt: null, ...over,
  };
}

describe('remote batches on the board', () => {
  const pending = run({ runId: 'r-review', batchId: 'old-review', state: 'done', review: 'pending', reviewCommit: 'c'.repeat(40), reviewBranch: 'fleet/review/fleet-hub/r-review' });
  const runs = { [pending.runId]: pending };
  const batches = {
    live: batch({ batchId: 'live', createdAt: '2026-12-03T11:00:00Z' }),
    recent: batch({ batchId: 'recent', state: 'finished', finishedAt: new Date(NOW - 2 * HOUR).toISOString() }),
    old: batch({ batchId: 'old', state: 'finished', finishedAt: new Date(NOW - 48 * HOUR).toISOString() }),
    'old-review': batch({ batchId: 'old-review', state: 'cancelled', finishedAt: new Date(NOW - 48 * HOUR).toISOString(), runIds: ['r-review'] }),
  };

  it('shows running batches, those ended in the last day and old ones whose change still waits for review, newest first', () => {
    expect(visibleBatches(batches, runs, [], NOW).map((b) => b.batchId)).toEqual(['live', 'recent', 'old-review']);
  });

  it('hides a dismissed batch once it ended, never one still running', () => {
    expect(visibleBatches(batches, runs, ['recent', 'live', 'old-review'], NOW).map((b) => b.batchId)).toEqual(['live']);
  });

  it("lists a batch's runs in its own order and answers one shared empty list when none is known", () => {
    const a = run({ runId: 'a' });
    const b = run({ runId: 'b' });
    expect(runsOfBatch(batch({ batchId: 'x', runIds: ['b', 'a', 'missing'] }), { a, b }).map((r) => r.runId)).toEqual(['b', 'a']);
    expect(runsOfBatch(batch({ batchId: 'x', runIds: ['missing'] }), {})).toBe(EMPTY_RUNS);
    expect(remoteRunsOfModule({}, 'fleet-hub')).toBe(remoteRunsOfModule({ a }, 'ai-chat'));
  });

  it("lists a module's remote implementation runs newest first, without its checks", () => {
    const first = run({ runId: 'first', queuedAt: '2026-12-03T09:00:00Z' });
    const second = run({ runId: 'second', queuedAt: '2026-12-03T11:00:00Z' });
    const check = run({ runId: 'check', kind: 'check' });
    const other = run({ runId: 'other', moduleId: 'ai-chat' });
    expect(remoteRunsOfModule({ first, second, check, other }, 'fleet-hub').map((r) => r.runId)).toEqual(['second', 'first']);
  });

  it('offers cancel while a run is out, retry once it failed, was cancelled, timed out or skipped, and review only for a pending change', () => {
    for (const state of ['queued', 'dispatched', 'running'] as const) expect([isOut(run({ runId: 'x', state })), canRetry(run({ runId: 'x', state }))]).toEqual([true, false]);
    for (const state of ['failed', 'cancelled', 'timed-out', 'skipped'] as const) expect([isOut(run({ runId: 'x', state })), canRetry(run({ runId: 'x', state }))]).toEqual([false, true]);
    expect(awaitsReview(pending)).toBe(true);
    expect(awaitsReview({ ...pending, review: 'accepted' })).toBe(false);
    expect(awaitsReview({ ...pending, reviewCommit: null })).toBe(false);
    expect(canRetry(pending)).toBe(false);
  });

  it('names the step under way while a run is out, the step a failed or timed-out run stopped at, and none once it ended otherwise', () => {
    expect(['queued', 'dispatched', 'running', 'failed', 'timed-out', 'done', 'cancelled', 'skipped'].map((state) => stepPhase(run({ runId: 'x', state: state as RemoteRun['state'] })))).toEqual(['out', 'out', 'out', 'failed', 'failed', 'ended', 'ended', 'ended']);
  });

  it("links a run to its module's Changes view with the id encoded", () => {
    expect(remoteRunHref({ moduleId: 'fleet-hub', runId: 'rb/1' })).toBe('#/module/fleet-hub/changes/remote/rb%2F1');
  });
});
