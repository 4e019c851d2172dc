// The pattern editor's list as the user types it: which rows can be sent for a preview or saved, and the
// problems the window can name itself (an empty row, a pattern listed twice) before main checks the syntax.

export type LocalPatternProblem = 'empty' | 'duplicate' | null;

/** Each row's problem the window can see without asking main. */
export function localProblems(rows: string[]): LocalPatternProblem[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const pattern = row.trim();
    if (!pattern) return 'empty';
    if (seen.has(pattern)) return 'duplicate';
    seen.add(pattern);
    return null;
  });
}

/** The distinct, trimmed, non-empty patterns of the rows, in order: what a preview or a save sends. */
export function patternsToSend(rows: string[]): string[] {
  return [...new Set(rows.map((r) => r.trim()).filter(Boolean))];
}

/** True when the edited rows hold the same patterns, in the same order, as the committed list. */
export function samePatterns(rows: string[], committed: string[]): boolean {
  const sent = patternsToSend(rows);
  return sent.length === committed.length && sent.every((p, i) => p === committed[i]);
}
