// Paths inside a working copy: every relative path is judged by the checkout's name rules, reaches the file system
// as its exact bytes, and is refused when it passes through a symlink that leads out (reads) or any symlink at all
// (writes). Writes never follow a link: files are opened with O_NOFOLLOW, folders made one level at a time.

import { constants } from 'node:fs';
import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import { FleetError } from '../../../../shared/errors';
import { showPath, validateRelativePath } from '../../checkout/safe-path';
import { encodeName } from '../../git/name-bytes';

/** Write or replace, never through a link in the last part (parents are checked separately). */
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** A relative path judged and turned into the bytes of its full path inside the copy. */
export interface CopyPath {
  rel: string;
  parts: string[];
  full: Buffer;
}

function refuse(rel: string, reason: string): FleetError {
  return new FleetError('UNSAFE_PATH', `The path ${showPath(rel)} ${reason}.`, { path: rel, reason });
}

/** The bytes of `rel` below `dir` (no checks: for names read from the copy itself). */
export function fsPath(dir: string, rel: string): Buffer {
  return Buffer.concat([Buffer.from(dir), Buffer.from('/'), encodeName(rel)]);
}

/** Judges a path a tool or the user gave: relative, no `..`, no `.git` in any spelling, no backslash; UNSAFE_PATH otherwise. */
export function judgePath(dir: string, rel: string): CopyPath {
  if (typeof rel !== 'string' || rel.trim() === '') throw refuse(String(rel), 'is empty; give a path relative to the working copy, like "src/index.ts"');
  const cleaned = rel.startsWith('./') ? rel.slice(2) : rel;
  if (cleaned.includes('\\')) throw refuse(rel, 'contains a backslash; use "/" between folders');
  const parts = validateRelativePath(cleaned.replace(/\/+$/u, ''));
  return { rel: parts.join('/'), parts, full: fsPath(dir, parts.join('/')) };
}

const lstatOrNull = (path: Buffer) => lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? null : Promise.reject(error)));

/** For writes: every existing parent must be a real folder (no symlink, even one that stays inside). */
export async function requireRealParents(dir: string, path: CopyPath): Promise<void> {
  for (let i = 1; i < path.parts.length; i++) {
    const parent = path.parts.slice(0, i).join('/');
    const info = await lstatOrNull(fsPath(dir, parent));
    if (!info) return;
    if (info.isSymbolicLink()) throw refuse(path.rel, `passes through the symbolic link ${showPath(parent)}; files are only written at their real path`);
    if (!info.isDirectory()) throw refuse(path.rel, `is below ${showPath(parent)}, which is a file, not a folder`);
  }
}

/** For reads: the path's real location (links resolved) must stay inside the copy; returns the resolved path. */
export async function requireInside(dir: string, path: CopyPath): Promise<Buffer> {
  const root = await realpath(dir);
  const real = await realpath(path.full, { encoding: 'buffer' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new FleetError('PATH_NOT_FOUND', `${showPath(path.rel)} does not exist in the working copy.`, { path: path.rel });
    if (error.code === 'ELOOP') throw refuse(path.rel, 'is a loop of symbolic links');
    throw error;
  });
  const rootBytes = Buffer.from(root);
  const inside = real.equals(rootBytes) || (real.length > rootBytes.length && real.subarray(0, rootBytes.length).equals(rootBytes) && real[rootBytes.length] === 0x2f);
  if (!inside) throw refuse(path.rel, 'leads out of the working copy through a symbolic link');
  return real;
}

/** Makes the missing parent folders of `path` one level at a time (0755 like a checkout's, never through a link). */
export async function makeParents(dir: string, path: CopyPath): Promise<void> {
  await requireRealParents(dir, path);
  for (let i = 1; i < path.parts.length; i++) {
    const folder = fsPath(dir, path.parts.slice(0, i).join('/'));
    await mkdir(folder, 0o755).catch(async (error: NodeJS.ErrnoException) => {
      const info = error.code === 'EEXIST' ? await lstat(folder) : null;
      if (!info?.isDirectory()) throw error;
    });
  }
}

/** Writes `content` at `path` without following a link: a symlink there is refused, an existing file keeps its mode. */
export async function writeNoFollow(dir: string, path: CopyPath, content: Buffer | string, mode = 0o644): Promise<'created' | 'replaced'> {
  await makeParents(dir, path);
  const before = await lstatOrNull(path.full);
  if (before?.isSymbolicLink()) throw refuse(path.rel, 'is a symbolic link; delete it first to put a file in its place');
  if (before?.isDirectory()) throw refuse(path.rel, 'is a folder');
  await writeFile(path.full, content, { flag: WRITE_FLAGS, mode });
  return before ? 'replaced' : 'created';
}

/** lstat of a judged path, or null when nothing is there. */
export function entryAt(path: CopyPath) {
  return lstatOrNull(path.full);
}
