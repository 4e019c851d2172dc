// The desktop app's log: lines on stderr and in <app data>/logs/main.log, where "details are in the log" points.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactedLogText } from '../core/secrets/redacting-log';

export type MainLog = (message: string, error?: unknown) => void;

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
    // Redacted here as well: the shell logs things the core never saw (window and protocol failures).
    const line = `${new Date().toISOString()} ${redactedLogText(message, error)}\n`;
    process.stderr.write(line);
    try {
      appendFileSync(file, line);
    } catch {
      // stderr already has it.
    }
  };
}
