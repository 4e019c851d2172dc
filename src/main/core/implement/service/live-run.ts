// A run while this process works on it: its record (saved on every change of state, counters pushed as progress),
// its transcript (numbered, stamped, coalesced into implementProgress and appended to the stored transcript).

import type { ImplementRun, TranscriptEntry } from '../../../../shared/types-implement';
import type { ImplementProgressHub } from './progress-hub';
import type { ImplementRunStore, StoredRun } from './run-store';
import { RunTranscript, type NewEntry } from './transcript';

/** The contract's view of a stored run (what events and lists carry). */
export function publicRun(run: StoredRun): ImplementRun {
  const { files: _files, editedPaths: _edited, baseUrl: _baseUrl, ...shown } = run;
  return shown;
}

export class LiveRun {
  readonly transcript: RunTranscript;

  private constructor(
    public record: StoredRun,
    private readonly store: ImplementRunStore,
    private readonly hub: ImplementProgressHub,
    lastSeq: number,
    storedEntries: number,
  ) {
    this.transcript = new RunTranscript(lastSeq, storedEntries, (entries) => this.hub.push(record.runId, () => publicRun(this.record), entries));
  }

  /** Follows a run; a follow-up continues the numbering of its stored transcript. */
  static async open(record: StoredRun, store: ImplementRunStore, hub: ImplementProgressHub): Promise<LiveRun> {
    const earlier: TranscriptEntry[] = record.turns > 0 || record.state !== 'queued' ? await store.readTranscript(record.runId) : [];
    return new LiveRun(record, store, hub, earlier.at(-1)?.seq ?? 0, earlier.length);
  }

  add(entry: NewEntry): void {
    this.transcript.add(entry);
  }

  notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.transcript.notice(level, text);
  }

  /** New counters (no state change): pushed with the next tick, saved with the next state change. */
  counters(patch: Partial<StoredRun>): void {
    this.record = { ...this.record, ...patch };
    this.store.touchRun(this.record);
    this.hub.push(this.record.runId, () => publicRun(this.record));
  }

  /** A change worth saving now (state, tip, files): what is pending goes out first, then the new record. */
  async update(patch: Partial<StoredRun>): Promise<StoredRun> {
    this.record = { ...this.record, ...patch };
    this.hub.push(this.record.runId, () => publicRun(this.record));
    await this.hub.flush(this.record.runId);
    await this.store.saveRun(this.record);
    return this.record;
  }
}
