// Matched-file counts kept on disk per workspace, keyed by a hash of (code tree, patterns): a new process
// shows the board without listing every file of the repository again. Object ids make the keys immutable.

import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../atomic';

const MAX_ENTRIES = 4000;
/** Bumped when what is counted changes (2: assets counted apart from code), so older counts are not reused. */
const VERSION = 2;

/** Matched code files and matched assets of one (code tree, patterns). */
export interface ScopeCounts {
  code: number;
  assets: number;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

export class ScopeCountStore {
  private counts: Map<string, ScopeCounts> | null = null;
  private loading: Promise<Map<string, ScopeCounts>> | null = null;
  private dirty = false;

  constructor(private readonly file: string | null) {}

  /** The key for a scope (root tree entries outside the docs folder) and a module's patterns. */
  static key(scopeKey: string, patterns: string[]): string {
    return createHash('sha1').update(`v${VERSION}\0`).update(scopeKey).update('\0').update(patterns.join('\0')).digest('hex');
  }

  /** Reads the file once; concurrent callers share the same read. */
  private load(): Promise<Map<string, ScopeCounts>> {
    this.loading ??= this.readFile().then((counts) => (this.counts = counts));
    return this.loading;
  }

  private async readFile(): Promise<Map<string, ScopeCounts>> {
    const counts = new Map<string, ScopeCounts>();
    if (!this.file) return counts;
    try {
      const data = JSON.parse(await readFile(this.file, 'utf8')) as { version?: unknown; counts?: Record<string, unknown> };
      if (data.version !== VERSION) return counts;
      for (const [key, value] of Object.entries(data.counts ?? {})) {
        if (/^[0-9a-f]{40}$/.test(key) && Array.isArray(value) && isCount(value[0]) && isCount(value[1])) counts.set(key, { code: value[0], assets: value[1] });
      }
    } catch {
      // Missing or unreadable: start empty; it is only a cache.
    }
    return counts;
  }

  async get(key: string): Promise<ScopeCounts | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, count: ScopeCounts): Promise<void> {
    const counts = await this.load();
    const known = counts.get(key);
    if (known?.code === count.code && known.assets === count.assets) return;
    counts.delete(key);
    counts.set(key, count);
    while (counts.size > MAX_ENTRIES) counts.delete(counts.keys().next().value!);
    this.dirty = true;
  }

  /** Writes the counts if anything changed (atomically); failures are ignored, it is only a cache. */
  async flush(): Promise<void> {
    if (!this.dirty || !this.file || !this.counts) return;
    this.dirty = false;
    const entries = [...this.counts].map(([key, c]) => [key, [c.code, c.assets]]);
    await writeFileAtomic(this.file, JSON.stringify({ version: VERSION, counts: Object.fromEntries(entries) })).catch(() => undefined);
  }
}
