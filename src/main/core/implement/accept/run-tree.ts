// The tree of an accepted run: the start tip's tree with only the paths the run changed replaced by what its working
// copy holds (bytes, executable bit, symbolic link targets), so every entry the run did not touch stays as it was.
// Blobs and trees are kept in memory (MemoryObjects) until the caller knows the commit can land.

import { lstat, readFile, readlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { FleetError } from '../../../../shared/errors';
import type { ChangedFile } from '../../../../shared/types-implement';
import { validateRelativePath } from '../../checkout/safe-path';
import { encodeName } from '../../git/name-bytes';
import { buildTree, hashObject } from '../../git/tree-format';
import { updateTree, type FileEdit, type TreeAccess, type TreeChange } from '../../git/tree-update';
import type { MemoryObjects } from '../../merge/merge-objects';

const SLASH = Buffer.from('/');

/** The file-system path (bytes) of repository path `path` inside the folder `dir`. */
function diskPath(dir: string, path: string): Buffer {
  return Buffer.concat([Buffer.from(dir), SLASH, encodeName(path)]);
}

function notInWorkingCopy(path: string, what: string): FleetError {
  return new FleetError('INVALID_INPUT', `Cannot accept "${path}": ${what} in the run's working copy. Nothing was committed.`, { path });
}

/** Refuses a path whose folders on disk are not plain folders (a link could lead out of the working copy). */
async function checkFolders(dir: string, path: string, checked: Set<string>): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    if (checked.has(folder)) continue;
    let stats: Stats;
    try {
      stats = await lstat(diskPath(dir, folder));
    } catch {
      throw notInWorkingCopy(path, `its folder "${folder}" is missing`);
    }
    if (!stats.isDirectory()) throw notInWorkingCopy(path, `"${folder}" is not a folder (a link or a file)`);
    checked.add(folder);
  }
}

/** Reads one changed file from the working copy as a blob put into `objects`, with its mode. */
async function readEdit(objects: MemoryObjects, dir: string, path: string, checked: Set<string>): Promise<FileEdit> {
  validateRelativePath(path);
  await checkFolders(dir, path, checked);
  const where = diskPath(dir, path);
  let stats: Stats;
  try {
    stats = await lstat(where);
  } catch {
    throw notInWorkingCopy(path, 'the file is missing');
  }
  if (stats.isSymbolicLink()) return { oid: await objects.putBlob(await readlink(where, { encoding: 'buffer' })), mode: '120000' };
  if (!stats.isFile()) throw notInWorkingCopy(path, 'it is not a file');
  // Git records only the owner's executable bit.
  return { oid: await objects.putBlob(await readFile(where)), mode: stats.mode & 0o100 ? '100755' : '100644' };
}

/** The run's edits: deletions (renames' old paths too) and the new content of every other changed path. */
export async function readRunEdits(objects: MemoryObjects, dir: string, files: ChangedFile[]): Promise<{ deletes: string[]; writes: Record<string, FileEdit> }> {
  const deletes: string[] = [];
  const writes: Record<string, FileEdit> = {};
  const checked = new Set<string>();
  for (const file of files) {
    if (file.status === 'renamed' && file.oldPath) deletes.push(file.oldPath);
    if (file.status === 'deleted') deletes.push(file.path);
    else writes[file.path] = await readEdit(objects, dir, file.path, checked);
  }
  return { deletes, writes };
}

/** Tree writes that stay in `objects` (ids computed as git would store them). */
export function memoryTrees(objects: MemoryObjects): TreeAccess {
  return {
    readTree: (oid) => objects.readTree(oid),
    startTreeWrite: (entries) => {
      const oid = hashObject('tree', buildTree(entries).content);
      return { oid, written: objects.putTree(entries).then(() => undefined) };
    },
  };
}

/** The start tree with the run's edits: deletions first, so a file may replace a folder the run emptied (and back). */
export async function buildRunTree(objects: MemoryObjects, startTree: string, edits: { deletes: string[]; writes: Record<string, FileEdit> }): Promise<string> {
  const trees = memoryTrees(objects);
  const deletions: Record<string, TreeChange> = Object.fromEntries(edits.deletes.filter((path) => !(path in edits.writes)).map((path) => [path, null]));
  const emptied = Object.keys(deletions).length ? await updateTree(trees, startTree, deletions) : startTree;
  return Object.keys(edits.writes).length ? updateTree(trees, emptied, edits.writes) : emptied;
}
