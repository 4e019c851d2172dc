// How a command ends, shared by the command line's entry (cli.ts) and the quick way in for a push (push-client.ts):
// the exit codes, the one-line error, and exiting once what was printed has left.

/** Exit code after Ctrl+C stopped the work, as shells report it. */
export const INTERRUPTED = 130;

/**
 * Wires Ctrl+C to `cancel` until the returned function is called: the first sets the exit code to 130, says so through
 * `say` and cancels (the work then ends with what it did so far), a second one quits at once.
 */
export function interruptCancels(kind: string, cancel: () => void, say: (line: string) => void): () => void {
  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) process.exit(INTERRUPTED);
    interrupted = true;
    process.exitCode = INTERRUPTED;
    say(`Cancelling the ${kind}… Ctrl+C again to quit at once.`);
    cancel();
  };
  process.on('SIGINT', onInterrupt);
  return () => process.off('SIGINT', onInterrupt);
}

/** A failure as the command line prints it: one line. */
export function failureLine(message: string): string {
  return `error: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/** Exits with `code` once what was printed has been handed to the terminal or pipe. */
export function exitWhenWritten(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
