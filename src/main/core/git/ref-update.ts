// Moves a ref by compare-and-swap with git's own lock protocol (<ref>.lock, O_EXCL, rename), plus its reflog line.

import { mkdir, open, readdir, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { RepositoryLayout } from './layout';
import { ZERO_OID, isOid, requireOid } from './oid';
import { assertValidRefName, isPerWorktreeRef } from './ref-name';
import { readLooseRef, readPackedRefs, refFilePath } from './refs';
import { appendReflog, formatReflogLine, reflogIdentity, type ReflogIdentity } from './reflog';

export interface RefUpdateOptions {
  /** How long to wait for another process's lock before LOCKED (git's own default is about 1 s; ours 2 s). */
  lockTimeoutMs?: number;
  /** Who the reflog line names; read from the environment and git config when absent. */
  identity?: ReflogIdentity;
  now?: Date;
}

const LOCK_RETRY_MS = 25;
const DEFAULT_LOCK_TIMEOUT_MS = 2000;

function refConflict(ref: string, existing: string): FleetError {
  const inside = existing.length < ref.length;
  const message = inside
    ? `Cannot create ${ref}: ${existing} already exists, and git cannot keep a ref inside another ref's name. Choose a name that does not start with "${existing}/".`
    : `Cannot create ${ref}: refs named "${existing}" exist below it, and git cannot keep a ref that is also a folder of refs. Choose another name.`;
  return new FleetError('INVALID_INPUT', message, { ref, conflictsWith: existing });
}

/** Refuses names that clash with existing refs as file/folder (refs/heads/a vs refs/heads/a/b), loose or packed. */
async function checkNameConflicts(layout: RepositoryLayout, ref: string, refPath: string): Promise<void> {
  for (const name of (await readPackedRefs(layout)).keys()) {
    if (ref.startsWith(`${name}/`) || name.startsWith(`${ref}/`)) throw refConflict(ref, name);
  }
  const parts = ref.split('/');
  for (let i = 2; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const info = await stat(refFilePath(layout, prefix)).catch(() => null);
    if (info?.isFile()) throw refConflict(ref, prefix);
  }
  const own = await stat(refPath).catch(() => null);
  if (own?.isDirectory()) {
    // Empty folders left behind by deleted refs are removed, as git does; folders holding refs are a conflict.
    if (!(await removeEmptyFolders(refPath))) throw refConflict(ref, `${ref}/...`);
  }
}

async function removeEmptyFolders(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory() || !(await removeEmptyFolders(join(folder, entry.name)))) return false;
  }
  await rmdir(folder);
  return true;
}

async function acquireLock(lockPath: string, ref: string, timeoutMs: number): Promise<FileHandle> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await open(lockPath, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() >= deadline) {
        throw new FleetError(
          'LOCKED',
          `Another git process is updating ${ref}: the lock file ${lockPath} exists. Wait for it to finish; if no git command is running, delete that file and try again.`,
          { ref, lockFile: lockPath },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

/** The ref's current oid, read under the lock (loose file, then packed-refs); null when it does not exist. */
async function currentValue(layout: RepositoryLayout, ref: string): Promise<string | null> {
  const raw = (await readLooseRef(layout, ref)) ?? (await readPackedRefs(layout)).get(ref) ?? null;
  if (raw === null || isOid(raw)) return raw;
  if (raw.startsWith('ref:')) throw new FleetError('INVALID_INPUT', `${ref} is a symbolic ref (${raw}); update the ref it points to instead.`, { ref });
  throw new FleetError('GIT_CORRUPT', `The ref file of ${ref} holds "${raw.slice(0, 60)}", not an object id. Run "git fsck".`, { ref });
}

function movedError(ref: string, expected: string | null, actual: string | null): FleetError {
  const short = (oid: string) => oid.slice(0, 7);
  const message =
    expected === null
      ? `${ref} already exists (at ${short(actual!)}); it was expected not to exist yet.`
      : actual === null
        ? `${ref} no longer exists; it was expected at ${short(expected)}.`
        : `${ref} moved: it now points to ${short(actual)}, not ${short(expected)} as expected. Reload and try again.`;
  return new FleetError('BRANCH_MOVED', message, { ref, expected, actual });
}

/** Moves `ref` to `newOid` only if it still holds `expectedOld` (null: must not exist); appends the reflog line. */
export async function compareAndSwapRef(
  layout: RepositoryLayout,
  ref: string,
  newOid: string,
  expectedOld: string | null,
  reflogMessage: string,
  options: RefUpdateOptions = {},
): Promise<void> {
  assertValidRefName(ref);
  requireOid(newOid, 'new value');
  if (expectedOld !== null) requireOid(expectedOld, 'expected value');
  const refPath = refFilePath(layout, ref);
  // An update of an existing ref cannot clash with other names (and fails the comparison if the ref is gone).
  if (expectedOld === null) await checkNameConflicts(layout, ref, refPath);
  await mkdir(dirname(refPath), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR' || error.code === 'EEXIST') throw refConflict(ref, dirname(ref));
    throw error;
  });
  const lockPath = `${refPath}.lock`;
  const lock = await acquireLock(lockPath, ref, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  let committed = false;
  try {
    const actual = await currentValue(layout, ref);
    if (actual !== expectedOld) throw movedError(ref, expectedOld, actual);
    await lock.writeFile(`${newOid}\n`, 'utf8');
    await lock.sync();
    await lock.close();
    await writeReflogs(layout, ref, actual ?? ZERO_OID, newOid, reflogMessage, options).catch(() => undefined);
    await rename(lockPath, refPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EISDIR' || error.code === 'ENOTEMPTY' || error.code === 'EEXIST') throw refConflict(ref, `${ref}/...`);
      throw error;
    });
    committed = true;
  } finally {
    if (!committed) {
      await lock.close().catch(() => undefined);
      await unlink(lockPath).catch(() => undefined);
    }
  }
}

/** The ref's own reflog, and HEAD's when this work tree's HEAD points at the ref (as git does). */
async function writeReflogs(layout: RepositoryLayout, ref: string, oldOid: string, newOid: string, message: string, options: RefUpdateOptions): Promise<void> {
  const who = options.identity ?? (await reflogIdentity(layout.commondir));
  const line = formatReflogLine(oldOid, newOid, who, options.now ?? new Date(), message);
  await appendReflog(join(isPerWorktreeRef(ref) ? layout.gitdir : layout.commondir, 'logs', ref), line);
  if ((await readLooseRef(layout, 'HEAD')) === `ref: ${ref}`) await appendReflog(join(layout.gitdir, 'logs', 'HEAD'), line);
}
