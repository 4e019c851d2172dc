// Putting repository text (commit subjects, names, paths) into generated markdown so it reads as text, never as markup.

/** `text` as an inline code span, fenced with more backticks than it holds. */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** An inline code span inside a table cell: GFM ends a cell at any unescaped "|", even in code. */
export function cellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

/** `text` with markdown and HTML punctuation escaped, on one line. */
export function plainText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/** A table row; cells are already markdown (escaped by the caller). */
export function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** "2026-11-24 09:30 UTC" from an ISO time. */
export function utcMinute(isoTime: string): string {
  return `${isoTime.slice(0, 10)} ${isoTime.slice(11, 16)} UTC`;
}

/** Dollars with enough digits for agent costs: $0.0123, $12.50. */
export function usd(amount: number): string {
  return amount === 0 ? '$0' : amount < 1 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}

/** "1 commit", "3 commits". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
