// Remote batches on disk, one JSON file per batch (the batch, its runs, what it was started with) in the
// workspace's app-data folder, written atomically on every change: an app restarted mid-batch reads them back and
// follows the runs still out. Records pass the redaction step like every stored record.

import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RemoteBatch, RemoteBatchRequest, RemoteRun } from '../../../../shared/types-remote';
import { writeFileAtomic } from '../../atomic';
import { redact } from '../../secrets/redactor';

export const REMOTE_BATCHES_FOLDER = 'remote-batches';

export interface StoredRemoteBatch {
  version: 1;
  batch: RemoteBatch;
  runs: RemoteRun[];
  request: RemoteBatchRequest;
  /** Lowest estimate per module (implement), from the estimate made at the start. */
  lows: Record<string, number | null>;
}

export class RemoteStore {
  constructor(private readonly dir: string) {}

  /** Every stored batch; a file that does not parse is skipped (reported through `onBad`). */
  async readAll(onBad: (file: string, error: unknown) => void = () => undefined): Promise<StoredRemoteBatch[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const found: StoredRemoteBatch[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        const stored = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as StoredRemoteBatch;
        if (stored.version === 1 && stored.batch?.batchId && Array.isArray(stored.runs)) found.push(stored);
      } catch (error) {
        onBad(name, error);
      }
    }
    return found;
  }

  async write(stored: StoredRemoteBatch): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, `${stored.batch.batchId}.json`), `${JSON.stringify(redact(stored), null, 1)}\n`);
  }
}
