// The one tree writer: a commit's or tree's files into an empty folder, for checks now and agents' working copies
// next. The whole tree is judged before the first write; folders are made one level at a time, files with
// exclusive create and no-follow, symlinks last, so no write can pass through a link or leave the folder.

import { constants } from 'node:fs';
import { lstat, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { FleetError } from '../../../shared/errors';
import type { GitRepository } from '../git/repository';
import { joinFsPath } from './fs-name';
import { showPath } from './safe-path';
import { forEachSettled } from './settled-pool';
import { planTree, throwIfCancelled, unsafeTree, type PlannedEntry } from './tree-plan';

/** Writes at once: enough to hide the disk's latency, few enough to stay far from the open-file limit. */
const WRITE_CONCURRENCY = 16;
/** Create only, never through an existing name or link (O_NOFOLLOW where the platform has it). */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface TreeWriteOptions {
  signal?: AbortSignal;
  /** Called after each file or symlink is written. */
  onProgress?: (progress: { written: number; total: number }) => void;
  /** Whose rules apply beyond the portable ones (Windows device names); the running platform by default. */
  platform?: NodeJS.Platform;
}

/** One written file, symlink or (empty) submodule folder, '/'-separated relative to the folder. */
export interface WrittenEntry {
  path: string;
  mode: string;
  oid: string;
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
  const progress = () => options.onProgress?.({ written: ++written.count, total });
  try {
    for (const level of plan.folders) {
      await forEachSettled(level, WRITE_CONCURRENCY, (folder) => create(folder, async () => {
        await mkdir(folder.path, 0o700);
      }, options.signal));
    }
    await forEachSettled(plan.files, WRITE_CONCURRENCY, (file) =>
      create(file, async () => {
        const content = await repo.readBlob(file.oid);
        await writeExclusive(file.path, content, file.mode === '100755' ? 0o755 : 0o644);
        written.bytes += content.length;
        progress();
      }, options.signal),
    );
    await forEachSettled(plan.symlinks, WRITE_CONCURRENCY, (link) =>
      create(link, async () => {
        const target = await repo.readBlob(link.oid);
        if (await makeLink(target, link.path)) written.linksAsFiles++;
        written.bytes += target.length;
        progress();
      }, options.signal),
    );
  } catch (error) {
    await emptyFolder(root);
    throw error;
  }
  const entries = [...plan.files, ...plan.symlinks, ...plan.submodules].map(({ rel, mode, oid }) => ({ path: rel, mode, oid }));
  const folders = plan.folders.reduce((sum, level) => sum + level.length, 0) - plan.submodules.length;
  return { entries, files: plan.files.length, symlinks: plan.symlinks.length, symlinksAsFiles: written.linksAsFiles, folders, submodules: plan.submodules.length, bytes: written.bytes };
}

/** Runs one creation, naming the entry when it fails; a name that already exists is a collision this file system sees. */
async function create(entry: PlannedEntry, work: () => Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  throwIfCancelled(signal);
  try {
    await work();
  } catch (error) {
    const what = `${showPath(entry.rel)} could not be written: ${(error as Error).message}`;
    if (error instanceof FleetError) throw new FleetError(error.code, what, { ...error.data, path: entry.rel });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw unsafeTree(entry.rel, 'is the same name as another entry on this file system');
    throw Object.assign(new Error(what), { code });
  }
}

function writeExclusive(path: Buffer, content: Buffer, mode: number): Promise<void> {
  return writeFile(path, content, { flag: CREATE_FLAGS, mode });
}

/** Makes a symlink; where links are refused (Windows without the privilege) writes its target as a file, as git does. */
async function makeLink(target: Buffer, path: Buffer): Promise<boolean> {
  try {
    await symlink(target, path);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
  await writeExclusive(path, target, 0o644);
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
