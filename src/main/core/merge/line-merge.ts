// The line-based three-way merge of one file, with git's rules: changes to the same or adjacent lines conflict,
// identical changes on both sides do not, and conflict markers look like the ones `git merge` leaves.

import { diff3Merge } from 'node-diff3';

/** git's test for binary content: a NUL byte in the first 8000 bytes. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

export interface LineMergeResult {
  conflict: boolean;
  /** The merged text; where both sides changed the same lines, both versions between conflict markers. */
  text: string;
}

export interface MergeLabels {
  ours: string;
  theirs: string;
}

/** Splits text into lines that keep their line ending, so a missing final newline survives the merge. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const terminated = (lines: string[]): string => {
  const text = lines.join('');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
};

/** Merges `ours` and `theirs`, both changed from `base`, line by line; conflict markers are `markerSize` long. */
export function mergeLines(base: string, ours: string, theirs: string, labels: MergeLabels, markerSize = 7): LineMergeResult {
  const [start, middle, end] = ['<', '=', '>'].map((c) => c.repeat(markerSize));
  const regions = diff3Merge(splitLines(ours), splitLines(base), splitLines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflict = false;
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    if (!region.conflict) continue;
    let a = region.conflict.a;
    let b = region.conflict.b;
    // Lines both sides agree on at the edges of a conflict are taken out of it, as git's zealous merge does.
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    out.push(...a.slice(0, head));
    const trailer = a.slice(a.length - tail);
    a = a.slice(head, a.length - tail);
    b = b.slice(head, b.length - tail);
    if (a.length === 0 && b.length === 0) {
      out.push(...trailer);
      continue;
    }
    conflict = true;
    out.push(`${start} ${labels.ours}\n`, terminated(a), `${middle}\n`, terminated(b), `${end} ${labels.theirs}\n`, ...trailer);
  }
  return { conflict, text: out.join('') };
}
