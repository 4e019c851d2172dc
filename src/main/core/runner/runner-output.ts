// The runner job's output folder, which the workflow uploads as the run's artifact: record.json (RunnerRecord) and
// the run's transcript as JSON lines. Both pass the redaction step, like every record the app stores.

import { join } from 'node:path';
import { RUNNER_RECORD_FILE, RUNNER_TRANSCRIPT_FILE, RunnerRecordSchema, type RunnerRecord } from '../../../shared/types-runner';
import type { TranscriptEntry } from '../../../shared/types-implement';
import { writeFileAtomic } from '../atomic';
import { redact } from '../secrets/redactor';

/** Writes record.json into `outDir` (validated first: the app reads it back with the same schema). */
export async function writeRunnerRecord(outDir: string, record: RunnerRecord): Promise<string> {
  const path = join(outDir, RUNNER_RECORD_FILE);
  await writeFileAtomic(path, `${JSON.stringify(redact(RunnerRecordSchema.parse(record)), null, 2)}\n`);
  return path;
}

/** Writes the transcript, one entry a line. */
export async function writeRunnerTranscript(outDir: string, entries: TranscriptEntry[]): Promise<string> {
  const path = join(outDir, RUNNER_TRANSCRIPT_FILE);
  await writeFileAtomic(path, entries.map((e) => `${JSON.stringify(redact(e))}\n`).join(''));
  return path;
}
