// The record of an Azure pipeline run: its pipeline artifact (fleet-control-<run id>) looked up and downloaded as a
// zip through the Build Artifacts API, record.json read out of it. Bounded: an artifact is input from elsewhere.

import { FleetError } from '../../../../shared/errors';
import type { RunnerRecord } from '../../../../shared/types-runner';
import type { AzureCiHost } from '../../ci/ci-host';
import type { AzureRateMeter } from './azure-meter';
import { recordFromArtifact } from './artifact-record';

const MAX_ARTIFACT_BYTES = 32 * 1024 * 1024;

async function readBounded(stream: NodeJS.ReadableStream, ciRunId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_ARTIFACT_BYTES) throw new FleetError('RUNNER_RECORD_MISSING', `The artifact of run ${ciRunId} is larger than ${MAX_ARTIFACT_BYTES / 1024 / 1024} MB: it is not one Fleet Control wrote.`, { ciRunId });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** record.json from run `ciRunId`'s artifact; null when the run published none (or none with a record). */
export async function azureRunRecord(host: AzureCiHost, meter: AzureRateMeter, ciRunId: string, dispatchId: string): Promise<RunnerRecord | null> {
  const { connection } = host;
  const name = `fleet-control-${dispatchId}`;
  const build = await connection.buildApi();
  meter.watch(build);
  // The client answers Azure's 404 (no such artifact) with null.
  const artifact = await connection.call(host.context(`read the artifacts of run ${ciRunId}`), () => build.getArtifact(host.project, Number(ciRunId), name));
  if (!artifact) return null;
  const zip = await connection.call(host.context(`download the artifact of run ${ciRunId}`), async () => {
    const stream = await build.getArtifactContentZip(host.project, Number(ciRunId), name);
    const status = (stream as { statusCode?: number }).statusCode ?? 200;
    if (status >= 300) (stream as NodeJS.ReadableStream & { resume(): void }).resume();
    if (status === 404) return null;
    if (status >= 300) throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
    return readBounded(stream, ciRunId);
  });
  return zip ? recordFromArtifact(zip, ciRunId, dispatchId) : null;
}
