// The blob id of every file in a working copy now and of every file in the start tree, computed cheaply: a file
// whose stat equals the one recorded when the copy was written (or when it was last hashed) is not read again.

import { readFile, readlink } from 'node:fs/promises';
import type { GitRepository } from '../../git/repository';
import { hashObject } from '../../git/tree-format';
import { indexPathOf, readIndex, sameStat, statKey, type CopyIndex, type StatKey } from './copy-index';
import { walkCopy, type CopyFile, type WalkOptions } from './copy-walk';
import { lstat } from 'node:fs/promises';

/** A file at one side of a change. */
export interface SideEntry {
  mode: string;
  oid: string;
}

/** A file hashed within this window of its last change may change again within one clock tick (FAT: 2 s). */
const RACY_MS = 2_000;
const MAX_COPIES = 64;
const MAX_TREES = 8;

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
    memo.start ??= new Map(Object.entries(memo.index.entries).map(([path, e]) => [path, { mode: e.mode, oid: e.oid }]));
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

const walkOptions = new WeakMap<Map<string, SideEntry>, WalkOptions>();

/** The start tree's gitlinks and tracked paths (files and their folders), for the walk; computed once per start map. */
export function walkOptionsOf(start: Map<string, SideEntry>): WalkOptions {
  let options = walkOptions.get(start);
  if (!options) {
    const submodules = new Set<string>();
    const tracked = new Set<string>();
    for (const [path, entry] of start) {
      if (entry.mode === '160000') submodules.add(path);
      tracked.add(path);
      for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) tracked.add(path.slice(0, slash));
    }
    options = { submodules, tracked };
    walkOptions.set(start, options);
  }
  return options;
}

/** Every file in the copy now with its blob id (`walked`: the copy's files when the caller keeps them up to date). */
export async function currentEntries(dir: string, start: Map<string, SideEntry>, walked?: Map<string, CopyFile>): Promise<Map<string, SideEntry & { file: CopyFile }>> {
  const memo = await memoOf(dir);
  const files = walked ?? (await walkCopy(dir, walkOptionsOf(start)));
  const result = new Map<string, SideEntry & { file: CopyFile }>();
  const now = Date.now();
  await Promise.all(
    [...files.values()].map(async (file) => {
      if (file.mode === '160000') return result.set(file.path, { mode: file.mode, oid: start.get(file.path)!.oid, file });
      const stat = statKey(file.stats);
      const recorded = memo.index?.entries[file.path];
      const racyForIndex = !memo.index || stat.mtimeMs >= memo.index.stampMs || stat.ctimeMs >= memo.index.stampMs;
      if (recorded?.stat && recorded.mode === file.mode && !racyForIndex && sameStat(recorded.stat, stat)) return result.set(file.path, { mode: file.mode, oid: recorded.oid, file });
      const key = file.full.toString('latin1');
      const known = memo.hashed.get(key);
      if (known && sameStat(known.stat, stat)) return result.set(file.path, { mode: file.mode, oid: known.oid, file });
      const oid = hashObject('blob', await contentOf(file).catch(() => Buffer.alloc(0)));
      if (Math.max(stat.mtimeMs, stat.ctimeMs) < now - RACY_MS) memo.hashed.set(key, { stat, oid });
      return result.set(file.path, { mode: file.mode, oid, file });
    }),
  );
  return result;
}
