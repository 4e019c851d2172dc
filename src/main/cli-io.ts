// What every CLI command prints through (the redaction step first) and the usage error; small, so the entry stays quick.

import { redact } from './core/secrets/redactor';
import { interruptCancels } from './cli-exit';

/** Bad command-line usage: reported with exit code 2. */
export class UsageError extends Error {}

export const debug = process.env.FLEET_DEBUG === '1';

let runningCommand: string | null = null;
/** Names the command this process runs (cli.ts, once, before the command's module loads). */
export function setRunningCommand(command: string): void {
  runningCommand = command;
}
/** The command this process runs ("push"), or null outside the command line. */
export function currentCommand(): string | null {
  return runningCommand;
}

// Everything the CLI prints goes through these two, so through the redaction step.
export const print = (line = ''): boolean => process.stdout.write(`${redact(line)}\n`);
export const printErr = (line: string): boolean => process.stderr.write(`${redact(line)}\n`);

/** A line of the core's log as the command line shows it: a warning, or with the stack under FLEET_DEBUG=1. */
export function logLine(message: string, error?: unknown): string {
  if (debug) return `${message}${error instanceof Error ? `\n${error.stack}` : ''}`;
  return `warning: ${message}${error instanceof Error ? `: ${error.message}` : ''}`;
}

/** The core's log: warnings on stderr. */
export const log = (message: string, error?: unknown): void => void printErr(logLine(message, error));

/** Ctrl+C cancels the work until the returned function is called (cli-exit.ts), said on stderr. */
export const cancelOnInterrupt = (kind: string, cancel: () => void): (() => void) => interruptCancels(kind, cancel, printErr);

/** A comma-separated, repeatable list flag (--modules a,b --modules c) as trimmed ids. */
export function listValues(values: string[] | undefined): string[] | undefined {
  return values?.flatMap((list) => list.split(',')).map((id) => id.trim()).filter(Boolean);
}
