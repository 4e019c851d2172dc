// The pieces of git's ref lock protocol that single updates and transactions share: taking <ref>.lock with
// O_EXCL (waiting a while for another process), reading a ref's value under its lock, and the errors for a
// moved ref or a name that clashes with existing refs as file and folder.

import { openSync, statSync, type Stats } from 'node:fs';
import { open, readdir, rmdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { RepositoryLayout } from './layout';
import { isOid } from './oid';
import { readLooseRef, readPackedRefs, refFilePath } from './refs';

const LOCK_RETRY_MS = 25;
export const DEFAULT_LOCK_TIMEOUT_MS = 2000;

/** The clear error for refs/heads/a next to refs/heads/a/b (git keeps refs as files, so both cannot exist). */
export function refConflict(ref: string, existing: string): FleetError {
  const inside = existing.length < ref.length;
  const message = inside
    ? `Cannot create ${ref}: ${existing} already exists, and git cannot keep a ref inside another ref's name. Choose a name that does not start with "${existing}/".`
    : `Cannot create ${ref}: refs named "${existing}" exist below it, and git cannot keep a ref that is also a folder of refs. Choose another name.`;
  return new FleetError('INVALID_INPUT', message, { ref, conflictsWith: existing });
}

async function removeEmptyFolders(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory() || !(await removeEmptyFolders(join(folder, entry.name)))) return false;
  }
  await rmdir(folder);
  return true;
}

/**
 * A stat that says null for a path that is missing (or cannot be one: a file in the way); `cache` shares the answers
 * within one transaction. Synchronous: a transaction of 33 remote-tracking refs made 40 trips through the thread pool.
 */
function statOrNull(path: string, cache?: Map<string, Stats | null>): Stats | null {
  if (cache?.has(path)) return cache.get(path)!;
  let found: Stats | null;
  try {
    found = statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    found = null;
  }
  cache?.set(path, found);
  return found;
}

/**
 * Refuses names that clash with existing refs as file/folder (refs/heads/a vs refs/heads/a/b), loose or packed.
 * `packed` and `statCache` let a transaction read packed-refs and each folder once.
 */
export async function checkNameConflicts(
  layout: RepositoryLayout,
  ref: string,
  packed?: Map<string, string>,
  statCache?: Map<string, Stats | null>,
): Promise<void> {
  for (const name of (packed ?? (await readPackedRefs(layout))).keys()) {
    if (ref.startsWith(`${name}/`) || name.startsWith(`${ref}/`)) throw refConflict(ref, name);
  }
  const parts = ref.split('/');
  for (let i = 2; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const info = statOrNull(refFilePath(layout, prefix), statCache);
    if (info?.isFile()) throw refConflict(ref, prefix);
  }
  const refPath = refFilePath(layout, ref);
  const own = statOrNull(refPath);
  if (own?.isDirectory()) {
    // Empty folders left behind by deleted refs are removed, as git does; folders holding refs are a conflict.
    if (!(await removeEmptyFolders(refPath))) throw refConflict(ref, `${ref}/...`);
  }
}

/** Takes `lockPath` with `take` (an O_EXCL open), retrying until `timeoutMs` while another process holds it; LOCKED after that. */
async function retryLock<T>(lockPath: string, ref: string, timeoutMs: number, take: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await take();
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

/** Takes `lockPath` with O_EXCL, retrying until `timeoutMs` while another process holds it; LOCKED after that. */
export function acquireLock(lockPath: string, ref: string, timeoutMs: number): Promise<FileHandle> {
  return retryLock(lockPath, ref, timeoutMs, () => open(lockPath, 'wx', 0o644));
}

/** acquireLock, as a plain file descriptor opened synchronously (for transactions that write many locks in turn). */
export function acquireLockFd(lockPath: string, ref: string, timeoutMs: number): Promise<number> {
  return retryLock(lockPath, ref, timeoutMs, () => openSync(lockPath, 'wx', 0o644));
}

/** The ref's current oid, read under its lock (loose file, then packed-refs); null when it does not exist. */
export async function currentValue(layout: RepositoryLayout, ref: string, packed?: Map<string, string>): Promise<string | null> {
  const raw = (await readLooseRef(layout, ref)) ?? (packed ?? (await readPackedRefs(layout))).get(ref) ?? null;
  if (raw === null || isOid(raw)) return raw;
  if (raw.startsWith('ref:')) throw new FleetError('INVALID_INPUT', `${ref} is a symbolic ref (${raw}); update the ref it points to instead.`, { ref });
  throw new FleetError('GIT_CORRUPT', `The ref file of ${ref} holds "${raw.slice(0, 60)}", not an object id. Run "git fsck".`, { ref });
}

/** BRANCH_MOVED naming what the ref holds now against what the caller expected. */
export function movedError(ref: string, expected: string | null, actual: string | null): FleetError {
  const short = (oid: string) => oid.slice(0, 7);
  const message =
    expected === null
      ? `${ref} already exists (at ${short(actual!)}); it was expected not to exist yet.`
      : actual === null
        ? `${ref} no longer exists; it was expected at ${short(expected)}.`
        : `${ref} moved: it now points to ${short(actual)}, not ${short(expected)} as expected. Reload and try again.`;
  return new FleetError('BRANCH_MOVED', message, { ref, expected, actual });
}
