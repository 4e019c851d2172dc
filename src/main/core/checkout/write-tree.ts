// The one tree writer: a commit's or tree's files into an empty folder, for checks now and agents' working copies
// next. The whole tree is judged before the first write; folders are made one level at a time, files with
// exclusive create and no-follow, symlinks last, so no write can pass through a link or leave the folder.

import { close, closeSync, constants, fstat, lstatSync, mkdirSync, open, openSync, symlinkSync, write, writeSync, type Stats } from 'node:fs';
import { readdir, rm, lstat } from 'node:fs/promises';
import { FleetError } from '../../../shared/errors';
import type { GitRepository } from '../git/repository';
import { createPacer } from '../pacer';
import { joinFsPath } from './fs-name';
import { showPath } from './safe-path';
import { forEachSettled } from './settled-pool';
import { planTree, throwIfCancelled, unsafeTree, type PlannedEntry } from './tree-plan';

/** Blobs read at once from the packs (their reads wait on the disk in libuv's pool while the previous batch is written). */
const READ_CONCURRENCY = 16;
/** Files written at once: their opens and writes wait in libuv's pool, hiding the disk's latency. */
const WRITE_CONCURRENCY = 16;
/** Files per batch: their blobs are read together, then written one by one. Bounds the blobs held in memory. */
const BATCH = 64;
/** Bytes a batch reads before it closes early (and above which the next batch is not read ahead). */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Create only, never through an existing name or link (O_NOFOLLOW where the platform has it). */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface TreeWriteOptions {
  signal?: AbortSignal;
  /** Called after each file or symlink is written. */
  onProgress?: (progress: { written: number; total: number }) => void;
  /** Whose rules apply beyond the portable ones (Windows device names); the running platform by default. */
  platform?: NodeJS.Platform;
  /** Also return each file's and symlink's stat as written (a working copy's index records them). */
  stats?: boolean;
}

/** One written file, symlink or (empty) submodule folder, '/'-separated relative to the folder. */
export interface WrittenEntry {
  path: string;
  mode: string;
  oid: string;
  /** The entry's stat right after it was written, when `stats` was asked for (not for submodules). */
  stats?: Stats;
}

export interface WrittenTree {
  /** Files, symlinks and submodules in the order they were planned (breadth first). */
  entries: WrittenEntry[];
  files: number;
  symlinks: number;
  /** Symlinks written as files holding their target, where the system refused links (EPERM), as git does. */
  symlinksAsFiles: number;
  folders: number;
  submodules: number;
  bytes: number;
}

/** Writes the files of commit `commitOid` into the empty folder `dir`; see writeTreeToFolder. */
export async function writeCommitToFolder(repo: GitRepository, commitOid: string, dir: string, options: TreeWriteOptions = {}): Promise<WrittenTree> {
  const commit = await repo.readCommit(commitOid);
  return writeTreeToFolder(repo, commit.tree, dir, options);
}

/**
 * Writes tree `treeOid` into the existing empty folder `dir`. UNSAFE_TREE (naming the entry) before any write for
 * a tree that could reach outside the folder or into a `.git`; on any failure or cancel the folder is emptied again.
 */
export async function writeTreeToFolder(repo: GitRepository, treeOid: string, dir: string, options: TreeWriteOptions = {}): Promise<WrittenTree> {
  await requireEmptyFolder(dir);
  const root = Buffer.from(dir);
  const plan = await planTree(repo, treeOid, root, options);
  const total = plan.files.length + plan.symlinks.length;
  const written = { count: 0, bytes: 0, linksAsFiles: 0 };
  const stats = new Map<PlannedEntry, Stats>();
  // Folders and symlinks: synchronous calls, paced (a yield every few ms), far cheaper than promises through libuv's
  // pool. Files: blobs read a batch ahead, then 16 creates at once through plain callbacks (one promise a file, no
  // FileHandle): on a busy disk the pool's threads hide its latency, which synchronous creates would not.
  const pace = createPacer();
  const step = async (entry: PlannedEntry, work: () => void): Promise<void> => {
    throwIfCancelled(options.signal);
    created(entry, work);
    const wait = pace();
    if (wait) await wait;
  };
  try {
    for (const level of plan.folders) {
      for (const folder of level) await step(folder, () => mkdirSync(folder.path, 0o700));
    }
    await forEachBatch(repo, plan.files, (batch, blobs) =>
      forEachSettled(batch.map((file, i) => ({ file, blob: blobs[i]! })), WRITE_CONCURRENCY, async ({ file, blob }) => {
        throwIfCancelled(options.signal);
        const stat = await createdAsync(file, async () => {
          const content = contentOf(blob);
          const made = await writeNew(file.path, content, file.mode === '100755' ? 0o755 : 0o644, options.stats === true);
          written.bytes += content.length;
          return made;
        });
        if (stat) stats.set(file, stat);
        options.onProgress?.({ written: ++written.count, total });
      }),
    );
    await forEachBatch(repo, plan.symlinks, async (batch, targets) => {
      for (const [i, link] of batch.entries()) {
        await step(link, () => {
          const target = contentOf(targets[i]!);
          if (makeLink(target, link.path)) written.linksAsFiles++;
          if (options.stats) stats.set(link, lstatSync(link.path));
          written.bytes += target.length;
          options.onProgress?.({ written: ++written.count, total });
        });
      }
    });
  } catch (error) {
    await emptyFolder(root);
    throw error;
  }
  const entries = [...plan.files, ...plan.symlinks, ...plan.submodules].map((entry) => {
    const stat = stats.get(entry);
    return { path: entry.rel, mode: entry.mode, oid: entry.oid, ...(stat ? { stats: stat } : {}) };
  });
  const folders = plan.folders.reduce((sum, level) => sum + level.length, 0) - plan.submodules.length;
  return { entries, files: plan.files.length, symlinks: plan.symlinks.length, symlinksAsFiles: written.linksAsFiles, folders, submodules: plan.submodules.length, bytes: written.bytes };
}

/**
 * Reads the blobs of `entries` a batch at a time (the next batch's reads under way while this one is written) and
 * hands each batch its contents: a blob that could not be read fails as its entry is written, in order, as if read
 * then. Stops at the first failure; a read still under way only reads.
 */
async function forEachBatch(repo: GitRepository, entries: PlannedEntry[], write: (batch: PlannedEntry[], contents: Blob[]) => Promise<void>): Promise<void> {
  let next = entries.length > 0 ? readBatch(repo, entries, 0) : null;
  try {
    for (let from = 0; next; ) {
      const { blobs, bytes } = await next;
      const end = from + blobs.length;
      // The next batch is read while this one is written only when this one was small: several copies written at
      // once would otherwise each hold two batches of megabyte-sized blobs.
      const ahead = end < entries.length && bytes < BATCH_BYTES;
      next = ahead ? readBatch(repo, entries, end) : null;
      await write(entries.slice(from, end), blobs);
      if (!ahead && end < entries.length) next = readBatch(repo, entries, end);
      from = end;
    }
  } finally {
    next?.catch(() => undefined);
  }
}

/**
 * The blobs of up to BATCH entries from `from` on, READ_CONCURRENCY reads at once, in order; no read starts once the
 * batch holds BATCH_BYTES, so large blobs make short batches.
 */
async function readBatch(repo: GitRepository, entries: PlannedEntry[], from: number): Promise<{ blobs: Blob[]; bytes: number }> {
  const blobs: Blob[] = [];
  const limit = Math.min(entries.length, from + BATCH);
  let next = from;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < limit && bytes < BATCH_BYTES) {
      const index = next++;
      const entry = entries[index]!;
      blobs[index - from] = await repo.readBlob(entry.oid, entry.rel).then(
        (content): Blob => {
          bytes += content.length;
          return { content };
        },
        (error: unknown): Blob => ({ error }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, limit - from) }, worker));
  return { blobs, bytes };
}

/** A blob read ahead: its content, or why it could not be read. */
type Blob = { content: Buffer; error?: undefined } | { content?: undefined; error: unknown };

/** The content of a blob read ahead; throws its read's failure. */
function contentOf(blob: Blob): Buffer {
  if (blob.content) return blob.content;
  throw blob.error;
}

/** created() for asynchronous work. */
async function createdAsync<T>(entry: PlannedEntry, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    created(entry, () => {
      throw error;
    });
    throw error;
  }
}

/**
 * Creates `path` exclusively (mode set at open), writes `content` and closes it: one promise over plain callbacks,
 * cheaper than a FileHandle's three. Its stat as written when `stat` is asked.
 */
function writeNew(path: Buffer, content: Buffer, mode: number, stat: boolean): Promise<Stats | null> {
  return new Promise((resolve, reject) => {
    open(path, CREATE_FLAGS, mode, (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, stats: Stats | null) => close(fd, (closeError) => (error ?? closeError ? reject(error ?? closeError) : resolve(stats)));
      const writeFrom = (done: number): void => {
        if (done >= content.length) {
          if (!stat) return finish(null, null);
          return fstat(fd, (statError, stats) => finish(statError, stats));
        }
        write(fd, content, done, content.length - done, null, (writeError, n) => (writeError ? finish(writeError, null) : writeFrom(done + n)));
      };
      writeFrom(0);
    });
  });
}

/** Runs one creation, naming the entry when it fails; a name that already exists is a collision this file system sees. */
function created(entry: PlannedEntry, work: () => void): void {
  try {
    work();
  } catch (error) {
    const what = `${showPath(entry.rel)} could not be written: ${(error as Error).message}`;
    if (error instanceof FleetError) throw new FleetError(error.code, what, { ...error.data, path: entry.rel });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw unsafeTree(entry.rel, 'is the same name as another entry on this file system');
    throw Object.assign(new Error(what), { code });
  }
}

/** Creates `path` exclusively (mode set at open) and writes `content`, synchronously. */
function writeExclusive(path: Buffer, content: Buffer, mode: number): void {
  const fd = openSync(path, CREATE_FLAGS, mode);
  try {
    for (let done = 0; done < content.length; ) done += writeSync(fd, content, done, content.length - done);
  } finally {
    closeSync(fd);
  }
}

/** Makes a symlink; where links are refused (Windows without the privilege) writes its target as a file, as git does. */
function makeLink(target: Buffer, path: Buffer): boolean {
  try {
    symlinkSync(target, path);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
  writeExclusive(path, target, 0o644);
  return true;
}

async function requireEmptyFolder(dir: string): Promise<void> {
  const stat = await lstat(dir).catch(() => null);
  if (!stat) throw new FleetError('PATH_NOT_FOUND', `The folder ${dir} to write the checkout into does not exist.`, { path: dir });
  if (!stat.isDirectory()) throw new FleetError('TARGET_NOT_EMPTY', `${dir} is not a folder, so the checkout cannot be written there.`, { path: dir });
  if ((await readdir(dir)).length > 0) throw new FleetError('TARGET_NOT_EMPTY', `The folder ${dir} is not empty; a checkout is only written into an empty one.`, { path: dir });
}

/** Removes everything below `root` (links themselves, never what they point to), keeping the folder. */
async function emptyFolder(root: Buffer): Promise<void> {
  const names = await readdir(root, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  await Promise.all(names.map((name) => rm(joinFsPath(root, name), { recursive: true, force: true, maxRetries: 3 })));
}
