// The one way app records reach the disk (run and batch records, check results and logs, pull-request records):
// redacted, then written atomically. Secret stores and the user's own drafts and settings are written as they are.

import { writeFileAtomic } from '../atomic';
import { redact } from './redactor';

/** Writes `value` as JSON (indented by `indent`), redacted, atomically; a trailing newline when `newline`. */
export function writeRecordAtomic(path: string, value: unknown, indent = 2, newline = true): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(redact(value), null, indent)}${newline ? '\n' : ''}`);
}

/** Writes a text record (a command's log), redacted, atomically. */
export function writeTextRecordAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, redact(text));
}
