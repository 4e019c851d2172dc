// One run's transcript while it works: numbers (seq) and stamps (at) each entry the loop reports, bounds what is
// kept (a run that talks for hours keeps its first entries and a note), and hands entries to the progress hub.

import type { TranscriptEntry } from '../../../../shared/types-implement';
import type { DistributiveOmit } from '../loop/types';

/** Entries kept per run; after a note saying so, later ones are dropped (the run's counters still count them). */
export const MAX_STORED_ENTRIES = 5000;
/** Characters kept of one entry's text fields (tool results and check output are already bounded by their makers). */
const MAX_TEXT = 64 * 1024;

export type NewEntry = DistributiveOmit<TranscriptEntry, 'seq' | 'at'>;

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}\n… ${text.length - MAX_TEXT} characters not kept …`;
}

function bounded(entry: NewEntry): NewEntry {
  switch (entry.type) {
    case 'model':
      return { ...entry, text: clip(entry.text), ...(entry.reasoning !== undefined ? { reasoning: clip(entry.reasoning) } : {}) };
    case 'tool':
      return { ...entry, result: clip(entry.result) };
    case 'check':
      return { ...entry, output: clip(entry.output) };
    default:
      return { ...entry, text: clip(entry.text) };
  }
}

export class RunTranscript {
  private seq: number;
  private stored = 0;

  /** `lastSeq`: the last number an earlier loop of the same run used (a follow-up continues the count). */
  constructor(lastSeq: number, storedSoFar: number, private readonly sink: (entries: TranscriptEntry[]) => void, private readonly now: () => Date = () => new Date()) {
    this.seq = lastSeq;
    this.stored = storedSoFar;
  }

  /** Numbers, stamps and passes on one entry; returns it. */
  add(entry: NewEntry): TranscriptEntry {
    const full = { ...bounded(entry), seq: ++this.seq, at: this.now().toISOString() } as TranscriptEntry;
    if (this.stored < MAX_STORED_ENTRIES) {
      this.stored++;
      this.sink([full]);
    } else if (this.stored === MAX_STORED_ENTRIES) {
      this.stored++;
      this.sink([{ type: 'notice', level: 'warning', text: `The transcript reached ${MAX_STORED_ENTRIES} entries; later ones are not kept.`, seq: full.seq, at: full.at }]);
    }
    return full;
  }

  notice(level: 'info' | 'warning' | 'error', text: string): TranscriptEntry {
    return this.add({ type: 'notice', level, text });
  }
}
