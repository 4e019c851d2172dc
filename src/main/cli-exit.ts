// How a command ends, shared by the command line's entry (cli.ts) and the quick way in for a push (push-client.ts):
// the exit codes, the one-line error, and exiting once what was printed has left.

/** Exit code after Ctrl+C stopped the work, as shells report it. */
export const INTERRUPTED = 130;

/** A failure as the command line prints it: one line. */
export function failureLine(message: string): string {
  return `error: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/** Exits with `code` once what was printed has been handed to the terminal or pipe. */
export function exitWhenWritten(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
