// Implementation run records of one workspace in its app-data folder: implement/runs/<id>.json (the run, its changed
// files), implement/batches/<id>.json, implement/transcripts/<id>.jsonl (entries appended as they happen) and
// implement/conversations/<id>.json (kept for follow-ups). Everything passes the redaction step on its way to disk.

import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationMessage } from '../../agents/providers/types';
import type { ChangedFile, ImplementBatchProgress, ImplementRun, TranscriptEntry } from '../../../../shared/types-implement';
import type { EngineId } from '../../../../shared/types-engines';
import { makeFolders } from '../../folders';
import { redact } from '../../secrets/redactor';
import { writeRecordAtomic } from '../../secrets/stored-record';

/** A run as stored: the contract's record plus what review needs once the working copy is gone. */
export interface StoredRun extends ImplementRun {
  /** The files changed against the start tip, as last computed. */
  files: ChangedFile[];
  /** Paths the user edited in review. */
  editedPaths: string[];
  /** The base URL the run's provider was reached at (null: the provider's own). */
  baseUrl: string | null;
}

export interface StoredImplementBatch {
  batchId: string;
  createdAt: string;
  /** Absent in records from before engines: the built-in loop. */
  engine?: EngineId;
  provider: string;
  model: string;
  baseUrl: string | null;
  budgetUsd: number | null;
  concurrency: number;
  maxTurns: number | null;
  maxMinutes: number | null;
  instruction: string | null;
  runIds: string[];
  state: ImplementBatchProgress['state'];
  message: string | null;
}

/** What a follow-up continues: the system text and every message so far (redacted like every record). */
export interface StoredConversation {
  system: string;
  messages: ConversationMessage[];
}

export class ImplementRunStore {
  private readonly runs = new Map<string, StoredRun>();
  private readonly batches = new Map<string, StoredImplementBatch>();
  private readonly writes = new Map<string, Promise<void>>();
  private loaded: Promise<void> | null = null;

  constructor(readonly folder: string, private readonly log: (message: string) => void = () => undefined) {}

  /** Reads every run and batch once; unreadable files are reported and skipped. Folders are made by the first write. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      for (const [kind, target, key] of [['runs', this.runs, 'runId'], ['batches', this.batches, 'batchId']] as const) {
        for (const name of await readdir(join(this.folder, kind)).catch(() => [] as string[])) {
          if (!name.endsWith('.json')) continue;
          try {
            const value = JSON.parse(await readFile(join(this.folder, kind, name), 'utf8')) as Record<string, string>;
            (target as Map<string, unknown>).set(value[key]!, value);
          } catch (error) {
            this.log(`An unreadable implementation ${kind} record was skipped: ${name}: ${(error as Error).message}`);
          }
        }
      }
    })();
    return this.loaded;
  }

  run(runId: string): StoredRun | undefined {
    return this.runs.get(runId);
  }

  allRuns(): StoredRun[] {
    return [...this.runs.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.runId.localeCompare(b.runId));
  }

  batch(batchId: string): StoredImplementBatch | undefined {
    return this.batches.get(batchId);
  }

  allBatches(): StoredImplementBatch[] {
    return [...this.batches.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  runsOf(batch: StoredImplementBatch): StoredRun[] {
    return batch.runIds.map((id) => this.runs.get(id)).filter((r): r is StoredRun => r !== undefined);
  }

  /** Dollars every implementation run of this workspace spent (running ones so far). */
  spentUsd(): number {
    let sum = 0;
    for (const run of this.runs.values()) sum += run.costUsd;
    return sum;
  }

  /** Takes a working run's new counters into memory (totals and budgets read them); saved with its next state change. */
  touchRun(run: StoredRun): void {
    this.runs.set(run.runId, run);
  }

  saveRun(run: StoredRun): Promise<void> {
    this.runs.set(run.runId, run);
    return this.queue(join(this.folder, 'runs', `${run.runId}.json`), () => writeRecordAtomic(join(this.folder, 'runs', `${run.runId}.json`), run, 1, false));
  }

  saveBatch(batch: StoredImplementBatch): Promise<void> {
    this.batches.set(batch.batchId, batch);
    return this.queue(join(this.folder, 'batches', `${batch.batchId}.json`), () => writeRecordAtomic(join(this.folder, 'batches', `${batch.batchId}.json`), batch, 1, false));
  }

  /** Appends transcript entries as JSON lines (redacted). */
  appendTranscript(runId: string, entries: TranscriptEntry[]): Promise<void> {
    const path = join(this.folder, 'transcripts', `${runId}.jsonl`);
    const text = entries.map((e) => `${JSON.stringify(redact(e))}\n`).join('');
    return this.queue(path, async () => {
      await makeFolders(join(this.folder, 'transcripts'));
      await appendFile(path, text, { mode: 0o600 });
    });
  }

  /** The stored transcript (lines a crash cut short are skipped). */
  async readTranscript(runId: string): Promise<TranscriptEntry[]> {
    await this.settled(join(this.folder, 'transcripts', `${runId}.jsonl`));
    const text = await readFile(join(this.folder, 'transcripts', `${runId}.jsonl`), 'utf8').catch(() => '');
    const entries: TranscriptEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as TranscriptEntry);
      } catch {
        // A line half-written by a crash.
      }
    }
    return entries;
  }

  saveConversation(runId: string, conversation: StoredConversation): Promise<void> {
    const path = join(this.folder, 'conversations', `${runId}.json`);
    return this.queue(path, () => writeRecordAtomic(path, { runId, ...conversation }, 0, false));
  }

  /** The conversation kept for a follow-up, or null when none was kept (a run interrupted by a crash). */
  async readConversation(runId: string): Promise<StoredConversation | null> {
    const path = join(this.folder, 'conversations', `${runId}.json`);
    await this.settled(path);
    try {
      const { system, messages } = JSON.parse(await readFile(path, 'utf8')) as StoredConversation;
      return typeof system === 'string' && Array.isArray(messages) ? { system, messages } : null;
    } catch {
      return null;
    }
  }

  /** Forgets a run's conversation (after accept or discard nothing can follow up). */
  dropConversation(runId: string): Promise<void> {
    const path = join(this.folder, 'conversations', `${runId}.json`);
    return this.queue(path, () => rm(path, { force: true }));
  }

  /** Writes of one file happen in order, so an older state never lands last. */
  private queue(path: string, write: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(path) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writes.set(path, next);
    void next
      .finally(() => {
        if (this.writes.get(path) === next) this.writes.delete(path);
      })
      .catch(() => undefined);
    return next;
  }

  private async settled(path: string): Promise<void> {
    await this.writes.get(path)?.catch(() => undefined);
  }

  /** Resolves when every pending write has landed. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }
}
