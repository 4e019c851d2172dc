// Matched-file counts kept on disk per workspace, keyed by a hash of (code tree, patterns): a new process
// shows the board without listing every file of the repository again. Object ids make the keys immutable.

import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../atomic';

const MAX_ENTRIES = 4000;

export class ScopeCountStore {
  private counts: Map<string, number> | null = null;
  private loading: Promise<Map<string, number>> | null = null;
  private dirty = false;

  constructor(private readonly file: string | null) {}

  /** The key for a scope (root tree entries outside the docs folder) and a module's patterns. */
  static key(scopeKey: string, patterns: string[]): string {
    return createHash('sha1').update(scopeKey).update('\0').update(patterns.join('\0')).digest('hex');
  }

  /** Reads the file once; concurrent callers share the same read. */
  private load(): Promise<Map<string, number>> {
    this.loading ??= this.readFile().then((counts) => (this.counts = counts));
    return this.loading;
  }

  private async readFile(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!this.file) return counts;
    try {
      const data = JSON.parse(await readFile(this.file, 'utf8')) as { counts?: Record<string, unknown> };
      for (const [key, value] of Object.entries(data.counts ?? {})) {
        if (/^[0-9a-f]{40}$/.test(key) && Number.isInteger(value) && (value as number) >= 0) counts.set(key, value as number);
      }
    } catch {
      // Missing or unreadable: start empty; it is only a cache.
    }
    return counts;
  }

  async get(key: string): Promise<number | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, count: number): Promise<void> {
    const counts = await this.load();
    if (counts.get(key) === count) return;
    counts.delete(key);
    counts.set(key, count);
    while (counts.size > MAX_ENTRIES) counts.delete(counts.keys().next().value!);
    this.dirty = true;
  }

  /** Writes the counts if anything changed (atomically); failures are ignored, it is only a cache. */
  async flush(): Promise<void> {
    if (!this.dirty || !this.file || !this.counts) return;
    this.dirty = false;
    await writeFileAtomic(this.file, JSON.stringify({ counts: Object.fromEntries(this.counts) })).catch(() => undefined);
  }
}
