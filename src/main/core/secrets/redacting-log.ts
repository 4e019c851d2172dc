// Log lines pass the redaction step too: a logger wrapped so its message and error (message, stack, data) are redacted.

import { redact } from './redactor';

export type LogFunction = (message: string, error?: unknown) => void;

/** `log` with every message and error redacted before it is written anywhere. */
export function redactingLog(log: LogFunction): LogFunction {
  return (message, error) => (error === undefined ? log(redact(message)) : log(redact(message), redact(error)));
}

/** One log line's text: the message and the error's stack (or message), redacted. */
export function redactedLogText(message: string, error?: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : error === undefined ? '' : String(error);
  return redact(detail ? `${message}\n${detail}` : message);
}
