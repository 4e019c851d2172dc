// Run records and batch queues of one workspace, kept in its app-data folder (agents/runs/<id>.json and
// agents/batches/<id>.json), each written atomically, so a batch survives a quit and resumes where it stopped.

import { readdir, readFile } from 'node:fs/promises';
import { makeFolders } from '../folders';
import { join } from 'node:path';
import type { BatchInfo, RunRecord, RunTotals } from '../../../shared/types-agents';
import { writeRecordAtomic } from '../secrets/stored-record';

/** A batch as stored: everything but the totals, which are computed from its runs. */
export type StoredBatch = Omit<BatchInfo, 'totals'>;

/** Totals over `runs`. */
export function totalsOf(runs: RunRecord[]): RunTotals {
  const totals: RunTotals = { runs: runs.length, succeeded: 0, failed: 0, cancelled: 0, skipped: 0, queued: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, durationMs: 0 };
  for (const run of runs) {
    if (run.state === 'succeeded') totals.succeeded++;
    else if (run.state === 'failed') totals.failed++;
    else if (run.state === 'cancelled') totals.cancelled++;
    else if (run.state === 'skipped') totals.skipped++;
    else totals.queued++;
    totals.tokensIn += run.tokensIn;
    totals.tokensOut += run.tokensOut;
    totals.costUsd += run.costUsd;
    totals.durationMs += run.durationMs;
  }
  totals.costUsd = Math.round(totals.costUsd * 1e6) / 1e6;
  return totals;
}

export class RunStore {
  private readonly runs = new Map<string, RunRecord>();
  private readonly batches = new Map<string, StoredBatch>();
  private loaded: Promise<void> | null = null;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly folder: string, private readonly log: (message: string) => void = () => undefined) {}

  /** Reads every record once; unreadable files are reported and skipped. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      await makeFolders(join(this.folder, 'runs'));
      await makeFolders(join(this.folder, 'batches'));
      for (const [kind, target] of [['runs', this.runs], ['batches', this.batches]] as const) {
        for (const name of await readdir(join(this.folder, kind))) {
          if (!name.endsWith('.json')) continue;
          try {
            const value = JSON.parse(await readFile(join(this.folder, kind, name), 'utf8')) as RunRecord & StoredBatch;
            (target as Map<string, unknown>).set(kind === 'runs' ? value.runId : value.batchId, value);
          } catch (error) {
            this.log(`An unreadable ${kind} record was skipped: ${name}: ${(error as Error).message}`);
          }
        }
      }
    })();
    return this.loaded;
  }

  /** Reads one batch and its runs again (another process ran it and wrote them); undefined when its file is gone. */
  async reload(batchId: string): Promise<StoredBatch | undefined> {
    const read = async <T>(kind: 'runs' | 'batches', id: string): Promise<T | undefined> => {
      try {
        return JSON.parse(await readFile(join(this.folder, kind, `${id}.json`), 'utf8')) as T;
      } catch {
        return undefined;
      }
    };
    const batch = await read<StoredBatch>('batches', batchId);
    if (!batch) return undefined;
    this.batches.set(batchId, batch);
    for (const runId of batch.runIds) {
      const run = await read<RunRecord>('runs', runId);
      if (run) this.runs.set(runId, run);
    }
    return batch;
  }

  allBatches(): StoredBatch[] {
    return [...this.batches.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  run(runId: string): RunRecord | undefined {
    return this.runs.get(runId);
  }

  batch(batchId: string): StoredBatch | undefined {
    return this.batches.get(batchId);
  }

  runsOf(batch: StoredBatch): RunRecord[] {
    return batch.runIds.map((id) => this.runs.get(id)).filter((r): r is RunRecord => r !== undefined);
  }

  /** Dollars spent by every run of this workspace. */
  spentUsd(): number {
    let sum = 0;
    for (const run of this.runs.values()) sum += run.costUsd;
    return sum;
  }

  saveRun(run: RunRecord): Promise<void> {
    this.runs.set(run.runId, run);
    return this.write(join(this.folder, 'runs', `${run.runId}.json`), run);
  }

  saveBatch(batch: StoredBatch): Promise<void> {
    this.batches.set(batch.batchId, batch);
    return this.write(join(this.folder, 'batches', `${batch.batchId}.json`), batch);
  }

  /** Writes of one file happen in order, each with the latest value, so an older state never lands last. */
  private write(path: string, value: unknown): Promise<void> {
    const previous = this.writes.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => writeRecordAtomic(path, value, 1, false));
    this.writes.set(path, next);
    void next.finally(() => {
      if (this.writes.get(path) === next) this.writes.delete(path);
    }).catch(() => undefined);
    return next;
  }

  /** Resolves when every pending write has landed. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }
}
