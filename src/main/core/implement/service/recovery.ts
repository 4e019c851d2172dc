// What a previous process left behind, taken over when a workspace opens: runs it left working (a crash or a quit)
// become failed with an "interrupted" notice, their working copy kept when it holds changes (nothing shown is lost);
// batches it left running become interrupted (they resume like document batches); working copies no run keeps go.

import { INTERRUPTED } from './run-execute';
import { LiveRun } from './live-run';
import type { WorkingCopyPort } from './parts';
import type { ImplementProgressHub } from './progress-hub';
import type { ImplementRunStore, StoredRun } from './run-store';

const WORKING = new Set(['preparing', 'running', 'checking']);
/** States whose working copy is kept while it holds changes. */
const KEEPS_COPY = new Set(['review', 'failed', 'cancelled']);

export interface RecoveryContext {
  store: ImplementRunStore;
  copies: WorkingCopyPort;
  hub: ImplementProgressHub;
  /** True when this process runs (or is starting) the run or batch. */
  isActive(id: string): boolean;
  log(message: string, error?: unknown): void;
}

/** Marks orphaned runs and batches (see the file header); returns the runs it changed. */
export async function takeOverOrphans(context: RecoveryContext): Promise<StoredRun[]> {
  const { store, copies } = context;
  const changed: StoredRun[] = [];
  for (const run of store.allRuns()) {
    if (!WORKING.has(run.state) || context.isActive(run.runId)) continue;
    const files =
      run.startTip && (await copies.exists(run.runId))
        ? await copies.changes(run.startTip, copies.dir(run.runId)).catch((error: unknown) => {
            context.log(`could not read the working copy of the interrupted run ${run.runId}`, error);
            return run.files;
          })
        : [];
    const live = await LiveRun.open(run, store, context.hub);
    live.notice('warning', INTERRUPTED);
    changed.push(
      await live.update({ state: 'failed', stop: 'cancelled', files, changedFiles: files.length, workingCopy: files.length > 0, finishedAt: new Date().toISOString(), error: { code: 'CANCELLED', message: INTERRUPTED } }),
    );
  }
  for (const batch of store.allBatches()) {
    if (batch.state === 'running' && !context.isActive(batch.batchId)) await store.saveBatch({ ...batch, state: 'interrupted', message: 'Interrupted when Fleet Control stopped.' });
  }
  return changed;
}

/** Removes every working copy that no run keeps (a crash's leftovers, runs committed or discarded meanwhile). */
export async function sweepWorkingCopies(context: RecoveryContext): Promise<void> {
  const keep = new Set(context.store.allRuns().filter((r) => r.workingCopy && (KEEPS_COPY.has(r.state) || context.isActive(r.runId))).map((r) => r.runId));
  const removed = await context.copies.sweep(keep);
  for (const runId of removed) {
    const run = context.store.run(runId);
    if (run?.workingCopy) await context.store.saveRun({ ...run, workingCopy: false });
  }
}
