import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/shared/types-implement';
import { liveChangedPaths, mergeEntries, touchedPaths, transcriptTotals } from '../../src/renderer/src/lib/transcript';

const at = '2026-12-03T00:00:00.000Z';
const model = (seq: number, turn: number): TranscriptEntry => ({ seq, at, type: 'model', turn, text: `turn ${turn}`, tokensIn: 100, tokensOut: 10, costUsd: 0.01 });
const tool = (seq: number, name: string, args: unknown, ok = true): TranscriptEntry => ({ seq, at, type: 'tool', turn: 1, callId: `c${seq}`, tool: name, args, ok, result: 'ok', truncated: false, durationMs: 3 });

describe('a run transcript in the window', () => {
  it('appends live entries after the loaded record and drops the ones both carried', () => {
    const loaded = [model(1, 1), tool(2, 'read_file', { path: 'a.ts' })];
    // An event raced the getImplementRun answer: entry 2 arrives again with entry 3.
    const merged = mergeEntries(loaded, [tool(2, 'read_file', { path: 'a.ts' }), model(3, 2)]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(mergeEntries(merged, [])).toBe(merged);
    expect(mergeEntries([model(5, 3)], [model(4, 2)]).map((e) => e.seq)).toEqual([4, 5]);
  });

  it('lists the files the tools changed so far, once each, leaving reads and failed calls out', () => {
    const entries = [
      tool(1, 'read_file', { path: 'src/a.ts' }),
      tool(2, 'edit_file', { path: 'src/a.ts', old_text: 'x', new_text: 'y' }),
      tool(3, 'write_file', { path: 'src/b.ts', content: '' }),
      tool(4, 'edit_file', { path: 'src/c.ts' }, false),
      tool(5, 'rename_file', { from: 'src/b.ts', to: 'src/d.ts' }),
      tool(6, 'delete_file', { path: 'old.ts' }),
      tool(7, 'write_file', '{"path": broken json'),
    ];
    expect(touchedPaths(entries)).toEqual(['src/a.ts', 'src/b.ts', 'src/d.ts', 'old.ts']);
  });

  it('shows a live run\'s files as main listed them, then the ones tool calls touched since main last read the copy', () => {
    const entries = [
      tool(1, 'edit_file', { path: 'web/src/pages/FleetPage.tsx', old_text: 'x', new_text: 'y' }),
      tool(2, 'write_file', { path: 'web/src/pages/FleetSummary.tsx', content: '' }),
      tool(3, 'write_file', { path: 'web/src/pages/notes.txt', content: '' }, false),
    ];
    // Main read the copy after the edit, before the write: the written file is shown all the same, once.
    expect(liveChangedPaths([{ path: 'web/src/pages/FleetPage.tsx' }], entries)).toEqual(['web/src/pages/FleetPage.tsx', 'web/src/pages/FleetSummary.tsx']);
    expect(liveChangedPaths([], entries)).toEqual(['web/src/pages/FleetPage.tsx', 'web/src/pages/FleetSummary.tsx']);
    // A file main lists that no tool call named (a check's output, a command's write) stays listed.
    expect(liveChangedPaths([{ path: 'package-lock.json' }], [])).toEqual(['package-lock.json']);
  });

  it('sums the tokens and cost of the model turns', () => {
    expect(transcriptTotals([model(1, 1), tool(2, 'search', { pattern: 'x' }), model(3, 2)])).toEqual({ tokensIn: 200, tokensOut: 20, costUsd: 0.02 });
  });
});
