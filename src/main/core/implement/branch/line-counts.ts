// Lines added and removed between two versions of a text file, as `git diff --numstat` counts them for ordinary
// edits: the common head and tail are cut first, and the middle is diffed by longest common subsequence while it is
// small enough; a huge middle is counted by lines present on one side only (never slower than linear).

import { diffIndices } from 'node-diff3';

/** Above this many line pairs in the differing middle, lines are counted by multiset instead of diffed. */
const MAX_DIFF_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Added and removed lines from `before` to `after` (either may be empty). */
export function countLines(before: string, after: string): { additions: number; deletions: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length === 0 || midB.length === 0) return { additions: midB.length, deletions: midA.length };
  if (midA.length * midB.length <= MAX_DIFF_CELLS) {
    let additions = 0;
    let deletions = 0;
    for (const chunk of diffIndices(midA, midB) as Array<{ buffer1: [number, number]; buffer2: [number, number] }>) {
      deletions += chunk.buffer1[1];
      additions += chunk.buffer2[1];
    }
    return { additions, deletions };
  }
  const counts = new Map<string, number>();
  for (const line of midA) counts.set(line, (counts.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of midB) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else additions++;
  }
  let deletions = 0;
  for (const left of counts.values()) deletions += left;
  return { additions, deletions };
}
