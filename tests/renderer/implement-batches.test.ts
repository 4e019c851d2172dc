import { describe, expect, it } from 'vitest';
import type { ImplementRun } from '../../src/shared/types-implement';
import { batchLines } from '../../src/renderer/src/lib/implementBatches';

function run(runId: string, state: ImplementRun['state'], costUsd: number, engine = 'builtin', costKnown?: boolean): ImplementRun {
  return {
    runId, batchId: 'b1', moduleId: runId, engine, provider: 'p', model: 'm', state, stop: null, instruction: null, startTip: null,
    queuedAt: '2026-12-03T00:00:00Z', startedAt: null, finishedAt: null, turns: 0, toolCalls: 0, tokensIn: 0, tokensOut: 0, costUsd,
    changedFiles: 0, check: null, repairRounds: 0, workingCopy: true, commit: null, summary: null, error: null,
    ...(costKnown === undefined ? {} : { costKnown }),
  };
}

describe('the batch bar of implementation batches', () => {
  it('sums what the runs spent when every engine reports its cost', () => {
    const lines = batchLines({ a: run('a', 'running', 0.25), b: run('b', 'review', 0.5) }, {});
    expect(lines).toEqual([{ batchId: 'b1', state: 'running', total: 2, done: 1, costUsd: 0.75, costKnown: true }]);
  });

  it('marks the spending unknown, live or from records, when a run uses an engine that reports no cost', () => {
    const runs = { a: run('a', 'running', 0, 'custom', false), b: run('b', 'queued', 0, 'custom', false) };
    expect(batchLines(runs, {})[0]).toMatchObject({ costKnown: false, total: 2, done: 0 });
    const live = batchLines(runs, { b1: { batchId: 'b1', state: 'running', total: 2, done: 0, running: 1, costUsd: 0 } });
    expect(live[0]).toMatchObject({ costKnown: false, state: 'running' });
  });

  it('leaves out batches with nothing queued or working and no live progress', () => {
    expect(batchLines({ a: run('a', 'committed', 0.1) }, {})).toEqual([]);
  });
});
