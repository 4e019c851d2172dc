// The pull requests recorded for one workspace: a JSON file in its app-data folder, replaced atomically, holding
// only what the host shows about each pull request (never a token). One record per (remote, module).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PullRequestRecord, PullRequestState } from '../../../shared/types-pulls';
import { writeRecordAtomic } from '../secrets/stored-record';

const STATES: readonly PullRequestState[] = ['open', 'draft', 'closed', 'merged'];

function isRecord(value: unknown): value is PullRequestRecord {
  const r = value as Partial<PullRequestRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.moduleId === 'string' &&
    typeof r.remote === 'string' &&
    typeof r.number === 'number' &&
    typeof r.url === 'string' &&
    STATES.includes(r.state as PullRequestState)
  );
}

const keyOf = (record: Pick<PullRequestRecord, 'remote' | 'moduleId'>) => `${record.remote}\n${record.moduleId}`;

export class PullRequestStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(workspaceDataDir: string) {
    this.path = join(workspaceDataDir, 'pull-requests.json');
  }

  /** Every record, sorted by module then remote; a missing or damaged file reads as none. */
  async list(): Promise<PullRequestRecord[]> {
    await this.queue.catch(() => undefined);
    return this.readAll();
  }

  /** Adds or replaces the records for their (remote, module) pairs, one change at a time. */
  async save(records: PullRequestRecord[]): Promise<PullRequestRecord[]> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const byKey = new Map((await this.readAll()).map((r) => [keyOf(r), r]));
      for (const record of records) byKey.set(keyOf(record), record);
      const all = sortRecords([...byKey.values()]);
      await writeRecordAtomic(this.path, { version: 1, pulls: all });
      return all;
    });
    this.queue = next;
    return next;
  }

  private async readAll(): Promise<PullRequestRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as { pulls?: unknown };
      return Array.isArray(parsed.pulls) ? sortRecords(parsed.pulls.filter(isRecord)) : [];
    } catch {
      // A damaged file is rebuilt by the next refresh from what the host says.
      return [];
    }
  }
}

function sortRecords(records: PullRequestRecord[]): PullRequestRecord[] {
  return records.sort((a, b) => a.moduleId.localeCompare(b.moduleId) || a.remote.localeCompare(b.remote));
}
