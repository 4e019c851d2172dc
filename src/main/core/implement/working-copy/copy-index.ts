// The small index recorded beside a working copy when it is written (path -> size, times, mode, blob id), so change
// tracking re-hashes only files whose stat changed since. Kept outside the copy, where no tool can edit it.

import { lstat, readFile, rename, writeFile } from 'node:fs/promises';
import { lstatSync, type Stats } from 'node:fs';
import { createPacer } from './pacer';
import type { WrittenEntry } from '../../checkout/write-tree';
import { fsPath } from './safe-fs';

/** What a file's stat was when its blob id was known. */
export interface StatKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  mode: number;
}

export interface IndexEntry {
  /** Git mode: '100644', '100755', '120000', '160000'. */
  mode: string;
  oid: string;
  stat: StatKey | null;
}

export interface CopyIndex {
  commit: string;
  /** The index file's own mtime: a file changed at or after it may have changed within one clock tick (git's racy check). */
  stampMs: number;
  entries: Record<string, IndexEntry>;
}

/** The index file of the copy in `dir` (beside it: `<dir>.index.json`). */
export const indexPathOf = (dir: string): string => `${dir}.index.json`;

/** The stat fields that change when a file's content or mode does. */
export function statKey(stats: Stats): StatKey {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, mode: stats.mode };
}

/** True when two stats describe the same unchanged file. */
export function sameStat(a: StatKey, b: StatKey): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.mode === b.mode;
}

/** Stats every written entry (or takes the stat the writer gave it) and stores the index beside `dir` (temp file + rename). */
export async function recordIndex(dir: string, commit: string, written: WrittenEntry[]): Promise<CopyIndex> {
  // No prototype: a file named `__proto__` is an entry like any other.
  const entries = Object.create(null) as Record<string, IndexEntry>;
  // The JSON text is built an entry at a time, paced: one stringify of thousands of entries would hold the loop.
  const parts: string[] = [];
  const pace = createPacer();
  for (const entry of written) {
    const stats = entry.mode === '160000' ? null : (entry.stats ?? lstatSync(fsPath(dir, entry.path)));
    const recorded = { mode: entry.mode, oid: entry.oid, stat: stats ? statKey(stats) : null };
    entries[entry.path] = recorded;
    parts.push(`${JSON.stringify(entry.path)}:${JSON.stringify(recorded)}`);
    const wait = pace();
    if (wait) await wait;
  }
  const target = indexPathOf(dir);
  const temp = `${target}.tmp-${process.pid}`;
  await writeFile(temp, `{"commit":${JSON.stringify(commit)},"stampMs":0,"entries":{${parts.join(',')}}}`, { mode: 0o600 });
  await rename(temp, target);
  const stampMs = (await lstat(target)).mtimeMs;
  return { commit, stampMs, entries };
}

/** The index of the copy in `dir`, or null when there is none (or it is unreadable: everything is then hashed). */
export async function readIndex(dir: string): Promise<CopyIndex | null> {
  const path = indexPathOf(dir);
  try {
    const [text, stats] = await Promise.all([readFile(path, 'utf8'), lstat(path)]);
    const parsed = JSON.parse(text) as CopyIndex;
    return { ...parsed, stampMs: stats.mtimeMs };
  } catch {
    return null;
  }
}
