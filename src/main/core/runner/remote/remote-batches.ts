// The remote batches of the open workspace in memory, as stored: find a run or batch, change a run and have the
// batch's counts, spending and end recomputed, persisted and announced in one step.

import { FleetError } from '../../../../shared/errors';
import { REMOTE_RUN_ENDED, type RemoteBatch, type RemoteRun } from '../../../../shared/types-remote';
import type { RemoteStore, StoredRemoteBatch } from './remote-store';

export interface BatchEvents {
  run(run: RemoteRun): void;
  batch(batch: RemoteBatch): void;
}

/** Runs whose CI run is out (dispatched or running). */
export const isOut = (run: RemoteRun): boolean => run.state === 'dispatched' || run.state === 'running';
export const hasEnded = (run: RemoteRun): boolean => REMOTE_RUN_ENDED.includes(run.state);

export class RemoteBatches {
  private readonly batches = new Map<string, StoredRemoteBatch>();
  /** Writes are chained per batch so two changes never race on one file. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    readonly workspacePath: string,
    private readonly store: RemoteStore,
    private readonly events: BatchEvents,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  async load(): Promise<void> {
    for (const stored of await this.store.readAll((file, error) => this.log(`a remote batch record could not be read: ${file}`, error))) this.batches.set(stored.batch.batchId, stored);
  }

  all(): StoredRemoteBatch[] {
    return [...this.batches.values()].sort((a, b) => a.batch.createdAt.localeCompare(b.batch.createdAt));
  }

  batch(batchId: string): StoredRemoteBatch {
    const found = this.batches.get(batchId);
    if (!found) throw new FleetError('BATCH_NOT_FOUND', `There is no remote batch "${batchId}" in this workspace.`, { batchId });
    return found;
  }

  /** The run and its batch; RUN_NOT_FOUND when neither knows it. */
  find(runId: string): { stored: StoredRemoteBatch; run: RemoteRun } {
    for (const stored of this.batches.values()) {
      const run = stored.runs.find((r) => r.runId === runId);
      if (run) return { stored, run };
    }
    throw new FleetError('RUN_NOT_FOUND', `There is no remote run "${runId}" in this workspace.`, { runId });
  }

  async add(stored: StoredRemoteBatch): Promise<void> {
    this.batches.set(stored.batch.batchId, stored);
    this.summarise(stored);
    await this.persist(stored);
    for (const run of stored.runs) this.events.run(structuredClone(run));
    this.events.batch(structuredClone(stored.batch));
  }

  /** Applies `change` to the run, then recomputes, stores and announces the run and its batch. */
  async update(runId: string, change: Partial<RemoteRun>): Promise<RemoteRun> {
    const { stored, run } = this.find(runId);
    Object.assign(run, change);
    this.summarise(stored);
    // Copies taken now: listeners are told this change, not a later one made while the record was written.
    const told = { run: structuredClone(run), batch: structuredClone(stored.batch) };
    await this.persist(stored);
    this.events.run(told.run);
    this.events.batch(told.batch);
    return run;
  }

  /** Stores and announces a batch-level change (cancelled as a whole). */
  async touch(stored: StoredRemoteBatch): Promise<void> {
    this.summarise(stored);
    const told = structuredClone(stored.batch);
    await this.persist(stored);
    this.events.batch(told);
  }

  private summarise(stored: StoredRemoteBatch): void {
    const { batch, runs } = stored;
    const counts: RemoteBatch['counts'] = {};
    for (const run of runs) counts[run.state] = (counts[run.state] ?? 0) + 1;
    batch.counts = counts;
    batch.spentUsd = runs.reduce((sum, run) => sum + run.costUsd, 0);
    batch.committedUsd = runs.filter(isOut).reduce((sum, run) => sum + (run.budgetUsd ?? 0), 0);
    const ended = runs.every(hasEnded);
    if (ended && batch.state === 'running') {
      batch.state = 'finished';
      batch.finishedAt = new Date().toISOString();
    } else if (!ended && batch.state !== 'running') {
      // A retry brings a finished or cancelled batch back.
      batch.state = 'running';
      batch.finishedAt = null;
    }
  }

  private persist(stored: StoredRemoteBatch): Promise<void> {
    const id = stored.batch.batchId;
    const next = (this.writing.get(id) ?? Promise.resolve()).then(() => this.store.write(stored));
    this.writing.set(id, next.catch(() => undefined));
    return next;
  }
}
