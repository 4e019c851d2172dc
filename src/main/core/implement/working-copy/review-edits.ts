// What the review does to a working copy: both sides of one changed file for the diff, dropping one file from the
// change (its start bytes, mode or symlink back, or gone when the run added it), and the user's edit of a file.

import { constants } from 'node:fs';
import { mkdir, readFile, readlink, symlink, unlink, writeFile } from 'node:fs/promises';
import type { FileSides } from '../../../../shared/types-implement';
import { FleetError } from '../../../../shared/errors';
import type { GitRepository } from '../../git/repository';
import { hashObject } from '../../git/tree-format';
import { showPath } from '../../checkout/safe-path';
import { listRawChanges, type RawChange } from './changes';
import { isBinary } from './line-counts';
import { entryAt, judgePath, makeParents, requireRealParents, writeNoFollow, type CopyPath } from './safe-fs';
import { startEntries, type SideEntry } from './copy-state';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

async function changeAt(repo: GitRepository, startTip: string, dir: string, rel: string): Promise<RawChange | undefined> {
  return (await listRawChanges(repo, startTip, dir)).find((change) => change.path === rel || change.oldPath === rel);
}

/** The bytes of the file or symlink at `path` in the copy, or null when nothing (or a folder) is there. */
async function currentBytes(dir: string, path: CopyPath): Promise<Buffer | null> {
  await requireRealParents(dir, path);
  const info = await entryAt(path);
  if (!info) return null;
  if (info.isSymbolicLink()) return readlink(path.full, { encoding: 'buffer' });
  return info.isFile() ? readFile(path.full) : null;
}

/** Both sides of `path` for the diff: before from the start tree (the old path of a rename), after from the copy. */
export async function readSides(repo: GitRepository, startTip: string, dir: string, rel: string): Promise<FileSides> {
  const path = judgePath(dir, rel);
  const change = await changeAt(repo, startTip, dir, path.rel);
  const newPath = change ? change.path : path.rel;
  const oldPath = change?.status === 'renamed' ? change.oldPath! : newPath;
  const start = (await startEntries(repo, startTip, dir)).get(oldPath);
  const before = start && start.mode !== '160000' ? await repo.readBlob(start.oid) : null;
  const after = await currentBytes(dir, judgePath(dir, newPath));
  const binary = (before !== null && start?.mode !== '120000' && isBinary(before)) || (after !== null && isBinary(after));
  return {
    path: newPath,
    ...(oldPath !== newPath ? { oldPath } : {}),
    before: binary || before === null ? null : before.toString('utf8'),
    after: binary || after === null ? null : after.toString('utf8'),
    binary,
    beforeBlob: start?.oid ?? null,
    afterBlob: after === null ? null : hashObject('blob', after),
  };
}

/** Puts `entry` (or nothing) at `path`, removing what is there now; a folder in the way is refused. */
async function restore(repo: GitRepository, dir: string, path: CopyPath, entry: SideEntry | undefined): Promise<void> {
  await requireRealParents(dir, path);
  const info = await entryAt(path);
  if (info?.isDirectory() && entry?.mode !== '160000') {
    throw new FleetError('PATH_OCCUPIED', `${showPath(path.rel)} is a folder in the working copy now; drop the files in it first.`, { path: path.rel });
  }
  if (info && !info.isDirectory()) await unlink(path.full);
  if (!entry) return;
  await makeParents(dir, path);
  if (entry.mode === '160000') {
    if (!info) await mkdir(path.full, 0o755);
    return;
  }
  const content = await repo.readBlob(entry.oid);
  if (entry.mode === '120000') await symlink(content, path.full);
  else await writeFile(path.full, content, { flag: CREATE_FLAGS, mode: entry.mode === '100755' ? 0o755 : 0o644 });
}

/** Drops `path` from the change: the start tree's file comes back (both paths of a rename); returns the paths touched. */
export async function revertPath(repo: GitRepository, startTip: string, dir: string, rel: string): Promise<string[]> {
  const path = judgePath(dir, rel);
  const change = await changeAt(repo, startTip, dir, path.rel);
  if (!change) return [];
  const start = await startEntries(repo, startTip, dir);
  const paths = change.status === 'renamed' ? [change.path, change.oldPath!] : [change.path];
  for (const each of paths) await restore(repo, dir, judgePath(dir, each), start.get(each));
  return paths;
}

/** Writes the user's edit of the right side: a file keeps its mode, a symlink gets `content` as its new target. */
export async function writeUserEdit(dir: string, rel: string, content: string): Promise<void> {
  const path = judgePath(dir, rel);
  await requireRealParents(dir, path);
  const info = await entryAt(path);
  if (info?.isSymbolicLink()) {
    await unlink(path.full);
    await symlink(content, path.full);
    return;
  }
  if (info?.isDirectory()) throw new FleetError('PATH_OCCUPIED', `${showPath(path.rel)} is a folder in the working copy.`, { path: path.rel });
  await writeNoFollow(dir, path, content);
}

