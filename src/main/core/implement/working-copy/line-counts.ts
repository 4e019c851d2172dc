// Lines added and removed between two texts, as `git diff --numstat` counts them (a last line without a newline
// differs from the same line with one), and git's binary test (a NUL byte in the first 8000 bytes).

/** git's buffer_is_binary: a NUL among the first 8000 bytes. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Beyond this many edits the counts are given as "every line" rather than searched for (huge rewrites). */
const MAX_EDITS = 4_000;

function splitLines(text: Buffer): string[] {
  return text.toString('latin1').match(/[^\n]*\n|[^\n]+$/gu) ?? [];
}

/** Lines added and removed from `before` to `after` (Myers' shortest edit script, only its length). */
export function countLineChanges(before: Buffer, after: Buffer): { additions: number; deletions: number } {
  const ids = new Map<string, number>();
  const intern = (lines: string[]) => lines.map((line) => ids.get(line) ?? (ids.set(line, ids.size), ids.size - 1));
  let a = intern(splitLines(before));
  let b = intern(splitLines(after));
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  a = a.slice(start, endA);
  b = b.slice(start, endB);
  const edits = shortestEdit(a, b);
  if (edits === null) return { additions: b.length, deletions: a.length };
  return { additions: (edits + b.length - a.length) / 2, deletions: (edits - b.length + a.length) / 2 };
}

/** The number of insertions plus deletions turning `a` into `b`, or null past MAX_EDITS. */
function shortestEdit(a: number[], b: number[]): number | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n + m;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return null;
}
