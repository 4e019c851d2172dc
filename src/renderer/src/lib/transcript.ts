// A run's transcript as the window keeps it: entries in sequence order, each once, whether it came from the
// record (getImplementRun) or an event (implementProgress) that raced it.

import type { TranscriptEntry } from '../../../shared/types-implement';

/** `entries` appended to `list` by sequence number, duplicates dropped; the result is sorted by `seq`. */
export function mergeEntries(list: TranscriptEntry[], entries: TranscriptEntry[]): TranscriptEntry[] {
  if (entries.length === 0) return list;
  const last = list.length ? list[list.length - 1]!.seq : -Infinity;
  if (entries.every((e, i) => e.seq > last && (i === 0 || e.seq > entries[i - 1]!.seq))) return [...list, ...entries];
  const bySeq = new Map<number, TranscriptEntry>();
  for (const e of list) bySeq.set(e.seq, e);
  for (const e of entries) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The paths the run's tools wrote so far, in the order first touched (for the live "files changed" list). */
export function touchedPaths(transcript: TranscriptEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of transcript) {
    if (e.type !== 'tool' || !e.ok) continue;
    const args = (e.args ?? {}) as Record<string, unknown>;
    const paths =
      e.tool === 'write_file' || e.tool === 'edit_file' || e.tool === 'delete_file' ? [args.path] : e.tool === 'rename_file' ? [args.from, args.to] : [];
    for (const p of paths) if (typeof p === 'string') seen.add(p);
  }
  return [...seen];
}

/**
 * The files a live run has changed so far: main's list (read from the working copy between turns) and, after it, any
 * file a successful tool call touched that the list does not hold yet (main reads the copy at its own pace, so a write
 * made since its last read would otherwise go unseen until the run ends).
 */
export function liveChangedPaths(files: { path: string }[], transcript: TranscriptEntry[]): string[] {
  const paths = files.map((f) => f.path);
  const listed = new Set(paths);
  return [...paths, ...touchedPaths(transcript).filter((p) => !listed.has(p))];
}

/** Model turns' tokens and cost summed (the run record carries the same totals; this is for a transcript alone). */
export function transcriptTotals(transcript: TranscriptEntry[]): { tokensIn: number; tokensOut: number; costUsd: number } {
  let tokensIn = 0;
  let tokensOut = 0;
  let costUsd = 0;
  for (const e of transcript) {
    if (e.type !== 'model') continue;
    tokensIn += e.tokensIn;
    tokensOut += e.tokensOut;
    costUsd += e.costUsd;
  }
  return { tokensIn, tokensOut, costUsd };
}
