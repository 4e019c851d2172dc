// Quoting for the POSIX shell the launcher runs command lines with: every value an engine puts on its command line
// (paths, model names, session ids, the user's template values) goes through here.

/** `value` as one single-quoted shell word. */
export function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON object read from one output line, or null when the line is not one. */
export function jsonLine(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The notice for a line an engine with structured output printed that is not its format (stderr, a crash, noise). */
export function unreadLine(engine: string, line: string): { kind: 'notice'; level: 'warning'; text: string } {
  const shown = line.length > 300 ? `${line.slice(0, 300)}…` : line;
  return { kind: 'notice', level: 'warning', text: `${engine} printed a line that is not its JSON output: ${shown}` };
}

export const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
