// The blob id of every file in a working copy now and of every file in the start tree, computed cheaply: a file
// whose stat equals the one recorded when the copy was written (or when it was last hashed) is not read again.

import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import type { GitRepository } from '../../git/repository';
import { forEachPaced, yieldToLoop } from '../../pacer';
import { mapLimit } from '../../remotes/map-limit';
import { indexPathOf, readIndex, sameStat, statKey, type CopyIndex, type StatKey } from './copy-index';
import { walkCopy, type CopyFile, type WalkOptions } from './copy-walk';

/** A file at one side of a change. */
export interface SideEntry {
  mode: string;
  oid: string;
}

/** A file hashed within this window of its last change may change again within one clock tick (FAT: 2 s). */
const RACY_MS = 2_000;
const MAX_COPIES = 64;
const MAX_TREES = 8;
/** Files read and hashed at once when their stat changed. */
const HASH_CONCURRENCY = 8;
/** Bytes hashed between yields to the event loop (a few milliseconds of SHA-1). */
const HASH_SLICE_BYTES = 1 << 20;

interface CopyMemo {
  index: CopyIndex | null;
  indexStamp: number;
  hashed: Map<string, { stat: StatKey; oid: string }>;
  /** The start tree's entries as the index recorded them. */
  start?: Map<string, SideEntry>;
}

const memos = new Map<string, CopyMemo>();
const startTrees = new Map<string, Promise<Map<string, SideEntry>>>();

/** Drops what is remembered about the copy in `dir` (it was removed). */
export function forgetCopy(dir: string): void {
  memos.delete(dir);
}

/** Remembers the index just recorded for the copy in `dir`, so the first status pass need not read and parse it again. */
export function rememberIndex(dir: string, index: CopyIndex): void {
  if (memos.size >= MAX_COPIES) memos.delete(memos.keys().next().value!);
  memos.set(dir, { index, indexStamp: index.stampMs, hashed: new Map() });
}

async function memoOf(dir: string): Promise<CopyMemo> {
  const stamp = await lstat(indexPathOf(dir)).then((s) => s.mtimeMs, () => -1);
  let memo = memos.get(dir);
  if (!memo || memo.indexStamp !== stamp) {
    memo = { index: stamp < 0 ? null : await readIndex(dir), indexStamp: stamp, hashed: new Map() };
    if (memos.size >= MAX_COPIES) memos.delete(memos.keys().next().value!);
    memos.set(dir, memo);
  }
  return memo;
}

/** The bytes git stores for a file or symlink (a link's target). */
export async function contentOf(file: Pick<CopyFile, 'full' | 'mode'>): Promise<Buffer> {
  return file.mode === '120000' ? readlink(file.full, { encoding: 'buffer' }) : readFile(file.full);
}

/** Every file of the start commit's tree: path -> mode and blob id (from the copy's index when it was written from it). */
export async function startEntries(repo: GitRepository, startTip: string, dir: string): Promise<Map<string, SideEntry>> {
  const memo = await memoOf(dir);
  if (memo.index?.commit === startTip) {
    if (!memo.start) {
      const start = new Map<string, SideEntry>();
      await forEachPaced(Object.entries(memo.index.entries), ([path, e]) => void start.set(path, { mode: e.mode, oid: e.oid }));
      memo.start ??= start;
    }
    return memo.start;
  }
  let tree = startTrees.get(startTip);
  if (!tree) {
    tree = flattenTree(repo, (await repo.readCommit(startTip)).tree);
    if (startTrees.size >= MAX_TREES) startTrees.delete(startTrees.keys().next().value!);
    startTrees.set(startTip, tree);
    tree.catch(() => startTrees.delete(startTip));
  }
  return tree;
}

async function flattenTree(repo: GitRepository, treeOid: string, prefix = '', into = new Map<string, SideEntry>()): Promise<Map<string, SideEntry>> {
  const entries = await repo.readTree(treeOid);
  await Promise.all(
    entries.map((entry) => (entry.type === 'tree' ? flattenTree(repo, entry.oid, `${prefix}${entry.path}/`, into) : void into.set(prefix + entry.path, { mode: entry.mode, oid: entry.oid }))),
  );
  return into;
}

const walkOptions = new WeakMap<Map<string, SideEntry>, Promise<WalkOptions>>();

/** The start tree's gitlinks and tracked paths (files and their folders), for the walk; computed once per start map. */
export function walkOptionsOf(start: Map<string, SideEntry>): Promise<WalkOptions> {
  let options = walkOptions.get(start);
  if (!options) {
    const submodules = new Set<string>();
    const tracked = new Set<string>();
    options = forEachPaced(start, ([path, entry]) => {
      if (entry.mode === '160000') submodules.add(path);
      tracked.add(path);
      for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) tracked.add(path.slice(0, slash));
    }).then(() => ({ submodules, tracked }));
    walkOptions.set(start, options);
  }
  return options;
}

/** git's blob id of `content`, hashed a slice at a time so a large file does not hold the event loop. */
async function hashBlob(content: Buffer): Promise<string> {
  const hash = createHash('sha1').update(`blob ${content.length}\0`);
  for (let from = 0; from < content.length; from += HASH_SLICE_BYTES) {
    if (from > 0) await yieldToLoop();
    hash.update(content.subarray(from, from + HASH_SLICE_BYTES));
  }
  return hash.digest('hex');
}

/**
 * Every file in the copy now with its blob id (`walked`: the copy's files when the caller keeps them up to date).
 * Files whose stat is unchanged are judged synchronously, paced; only the others are read, a few at a time.
 */
export async function currentEntries(dir: string, start: Map<string, SideEntry>, walked?: Map<string, CopyFile>): Promise<Map<string, SideEntry & { file: CopyFile }>> {
  const memo = await memoOf(dir);
  const files = walked ?? (await walkCopy(dir, await walkOptionsOf(start)));
  const result = new Map<string, SideEntry & { file: CopyFile }>();
  const toHash: { entry: SideEntry & { file: CopyFile }; stat: StatKey; key: string }[] = [];
  const now = Date.now();
  await forEachPaced(files.values(), (file) => {
    if (file.mode === '160000') return void result.set(file.path, { mode: file.mode, oid: start.get(file.path)!.oid, file });
    const stat = statKey(file.stats);
    const recorded = memo.index?.entries[file.path];
    const racyForIndex = !memo.index || stat.mtimeMs >= memo.index.stampMs || stat.ctimeMs >= memo.index.stampMs;
    if (recorded?.stat && recorded.mode === file.mode && !racyForIndex && sameStat(recorded.stat, stat)) return void result.set(file.path, { mode: file.mode, oid: recorded.oid, file });
    const key = file.full.toString('latin1');
    const known = memo.hashed.get(key);
    if (known && sameStat(known.stat, stat)) return void result.set(file.path, { mode: file.mode, oid: known.oid, file });
    // Its place in the map now (the copy's order); its id once hashed below.
    const entry = { mode: file.mode, oid: '', file };
    result.set(file.path, entry);
    toHash.push({ entry, stat, key });
  });
  await mapLimit(toHash, HASH_CONCURRENCY, async ({ entry, stat, key }) => {
    entry.oid = await hashBlob(await contentOf(entry.file).catch(() => Buffer.alloc(0)));
    if (Math.max(stat.mtimeMs, stat.ctimeMs) < now - RACY_MS) memo.hashed.set(key, { stat, oid: entry.oid });
  });
  return result;
}
