// Moves a ref by compare-and-swap with git's own lock protocol (<ref>.lock, O_EXCL, rename), plus its reflog line.

import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RepositoryLayout } from './layout';
import { ZERO_OID, requireOid } from './oid';
import { assertValidRefName, isPerWorktreeRef } from './ref-name';
import { readLooseRef, refFilePath } from './refs';
import { acquireLock, checkNameConflicts, currentValue, DEFAULT_LOCK_TIMEOUT_MS, movedError, refConflict } from './ref-lock';
import { appendReflog, formatReflogLine, reflogIdentity, type ReflogIdentity } from './reflog';

export interface RefUpdateOptions {
  /** How long to wait for another process's lock before LOCKED (git's own default is about 1 s; ours 2 s). */
  lockTimeoutMs?: number;
  /** Who the reflog line names; read from the environment and git config when absent. */
  identity?: ReflogIdentity;
  now?: Date;
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
  if (expectedOld === null) await checkNameConflicts(layout, ref);
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
