// The desktop app's log: lines on stderr and in <app data>/logs/main.log, where "details are in the log" points.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type MainLog = (message: string, error?: unknown) => void;

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return error === undefined ? '' : String(error);
}

/** A logger that never throws: a log that cannot be written must not take the app down. */
export function createMainLog(appDataDir: string): MainLog {
  const dir = join(appDataDir, 'logs');
  const file = join(dir, 'main.log');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // Reported by the first append that fails, on stderr.
  }
  return (message, error) => {
    const detail = describe(error);
    const line = `${new Date().toISOString()} ${message}${detail ? `\n${detail}` : ''}\n`;
    process.stderr.write(line);
    try {
      appendFileSync(file, line);
    } catch {
      // stderr already has it.
    }
  };
}
