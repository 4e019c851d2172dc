// Follows one implementation batch through the app's events for `fleet-control implement`: prints each transcript
// entry and state change as a line as it arrives, and settles when every run of the batch has ended.

import type { FleetApp } from './core/app';
import { entryLine } from './cli-implement-lines';
import type { ImplementBatchProgress, ImplementProgress, ImplementRun, ImplementState } from '../shared/types-implement';

const ENDED: ReadonlySet<ImplementState> = new Set(['review', 'committed', 'discarded', 'failed', 'cancelled']);

/** Whether a run has stopped working (it may still wait for review). */
export const hasEnded = (run: ImplementRun): boolean => ENDED.has(run.state);

export interface BatchWatch {
  /** Starts following `batchId` (events that came before are replayed); resolves once all of `runIds` ended. */
  follow(batchId: string, runIds: string[]): Promise<void>;
  /** Stops listening. */
  stop(): void;
}

/** Listens from now on (before the batch starts, so no early event is missed); prints through `printErr`. */
export function watchBatch(app: FleetApp, printErr: (line: string) => void): BatchWatch {
  let batchId: string | null = null;
  const early: Array<[string, unknown]> = [];
  const lastSeq = new Map<string, number>();
  const lastState = new Map<string, ImplementState>();
  const ended = new Set<string>();
  let expected: string[] = [];
  let batchOver = false;
  let lastDone = -1;
  let settle: () => void = () => undefined;

  const check = () => {
    if (expected.every((id) => ended.has(id))) settle();
    // A batch that stopped before some runs began (budget, cancel) may end them without a finished event of their own.
    else if (batchOver) setTimeout(settle, 1000).unref();
  };
  const onRun = (run: ImplementRun) => {
    if (lastState.get(run.runId) !== run.state) {
      lastState.set(run.runId, run.state);
      if (!hasEnded(run)) printErr(`[${run.moduleId}] ${run.state}${run.state === 'running' && run.startTip ? ` from ${run.startTip.slice(0, 10)}` : ''}`);
    }
  };
  const handle = (event: string, payload: unknown) => {
    if (event === 'implementProgress') {
      const { run, entries } = payload as ImplementProgress;
      if (run.batchId !== batchId) return;
      onRun(run);
      for (const entry of entries) {
        if (entry.seq <= (lastSeq.get(run.runId) ?? -1)) continue;
        lastSeq.set(run.runId, entry.seq);
        const line = entryLine(run.moduleId, entry);
        if (line) printErr(line);
      }
    } else if (event === 'implementFinished') {
      const run = payload as ImplementRun;
      if (run.batchId !== batchId || ended.has(run.runId)) return;
      ended.add(run.runId);
      lastState.set(run.runId, run.state);
      printErr(`[${run.moduleId}] ended: ${run.state}${run.stop ? ` (${run.stop})` : ''}`);
      check();
    } else if (event === 'implementBatchProgress') {
      const progress = payload as ImplementBatchProgress;
      if (progress.batchId !== batchId) return;
      if (progress.done !== lastDone) {
        lastDone = progress.done;
        printErr(`[${progress.done}/${progress.total} done, ${progress.running} running] ${progress.costUsd.toFixed(4)} USD spent${progress.message ? `: ${progress.message}` : ''}`);
      }
      if (progress.state !== 'running') {
        batchOver = true;
        check();
      }
    }
  };
  const off = app.onEvent((event, payload) => {
    if (batchId === null) early.push([event, payload]);
    else handle(event, payload);
  });
  return {
    follow(id, runIds) {
      batchId = id;
      expected = runIds;
      const done = new Promise<void>((resolve) => (settle = resolve));
      for (const [event, payload] of early.splice(0)) handle(event, payload);
      check();
      return done;
    },
    stop: off,
  };
}
