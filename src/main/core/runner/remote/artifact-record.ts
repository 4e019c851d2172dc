// The run record in a downloaded artifact (a zip, whichever CI host served it): record.json read, parsed and checked
// to be the record of the dispatched run; null when the artifact holds none.

import { FleetError } from '../../../../shared/errors';
import { RUNNER_RECORD_FILE, RunnerRecordSchema, type RunnerRecord } from '../../../../shared/types-runner';
import { readZipEntry } from './artifact-zip';

/** record.json of run `ciRunId` from its artifact `zip`, checked against `dispatchId`; RUNNER_RECORD_MISSING when unreadable. */
export function recordFromArtifact(zip: Buffer, ciRunId: string, dispatchId: string): RunnerRecord | null {
  const text = readZipEntry(zip, RUNNER_RECORD_FILE);
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch {
    throw new FleetError('RUNNER_RECORD_MISSING', `The record in the artifact of run ${ciRunId} is not JSON.`, { ciRunId });
  }
  const record = RunnerRecordSchema.safeParse(parsed);
  if (!record.success) throw new FleetError('RUNNER_RECORD_MISSING', `The record in the artifact of run ${ciRunId} is not one Fleet Control wrote: ${record.error.issues[0]?.message ?? 'invalid'}.`, { ciRunId });
  if (record.data.runId !== dispatchId) throw new FleetError('RUNNER_RECORD_MISSING', `The artifact of run ${ciRunId} holds the record of ${record.data.runId}, not of ${dispatchId}.`, { ciRunId });
  return record.data;
}
