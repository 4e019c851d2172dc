// Coalesces a run's transcript into implementProgress events: one timer for every run, at most one event per run per
// tick (about ten a second), carrying the entries appended since the last one and the run's counters. The same tick
// appends those entries to the run's stored transcript, so a busy run costs one small write per tick, not per entry.

import type { ImplementProgress, ImplementRun, TranscriptEntry } from '../../../../shared/types-implement';

interface Pending {
  run: () => ImplementRun;
  entries: TranscriptEntry[];
}

export class ImplementProgressHub {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: (progress: ImplementProgress) => void,
    private readonly persist: (runId: string, entries: TranscriptEntry[]) => Promise<void>,
    private readonly intervalMs = 100,
    private readonly log: (message: string, error?: unknown) => void = () => undefined,
  ) {}

  /** Queues entries (or only new counters, with none) of a run; sent on the next tick. */
  push(runId: string, run: () => ImplementRun, entries: TranscriptEntry[] = []): void {
    const found = this.pending.get(runId);
    if (found) {
      found.run = run;
      found.entries.push(...entries);
    } else this.pending.set(runId, { run, entries: [...entries] });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      for (const id of [...this.pending.keys()]) void this.flush(id);
    }, this.intervalMs);
  }

  /** Sends and stores what is pending for the run now (before its state changes or it ends). */
  async flush(runId: string): Promise<void> {
    const entry = this.pending.get(runId);
    if (!entry) return;
    this.pending.delete(runId);
    this.emit({ run: entry.run(), entries: entry.entries });
    if (entry.entries.length > 0) await this.persist(runId, entry.entries).catch((error: unknown) => this.log(`could not store the transcript of ${runId}`, error));
  }

  /** Sends and stores everything pending. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
