// Many ref changes in one transaction with git's lock protocol, as `git update-ref --stdin` does: every
// <ref>.lock is taken (O_EXCL) and every ref compared under its lock before anything is written, so a held lock or
// a moved ref leaves all of them as they were. Then the new values are written, fsynced in at most one pass (all at
// once), reflogged and renamed into place; deletions also leave packed-refs (under packed-refs.lock).
// The lock files, ref writes, reflog lines and renames are synchronous calls in turn: they all change the same few
// folders, which the file system updates one at a time anyway, and going through the thread pool cost several
// times the calls themselves (32 remote-tracking refs after a push: 35-55 ms async, a few ms in turn).

import { closeSync, fsync, openSync, renameSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { mkdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { FleetError } from '../../../shared/errors';
import type { RepositoryLayout } from './layout';
import { ZERO_OID, requireOid } from './oid';
import { assertValidRefName, isPerWorktreeRef } from './ref-name';
import { readLooseRef, readPackedRefs, refFilePath, withoutPackedRefs } from './refs';
import { acquireLock, acquireLockFd, checkNameConflicts, currentValue, DEFAULT_LOCK_TIMEOUT_MS, movedError, refConflict } from './ref-lock';
import type { RefUpdateOptions } from './ref-update';
import { appendReflogSync, formatReflogLine, reflogIdentity } from './reflog';

const fsyncFd = promisify(fsync);

export interface RefChange {
  ref: string;
  /** The new value; null deletes the ref. */
  newOid: string | null;
  /** What the ref must hold now (null: must not exist); left out, whatever it holds (as git's tracking refs). */
  expectedOld?: string | null;
}

export interface AppliedRefChange {
  ref: string;
  oldOid: string | null;
  newOid: string | null;
}

export interface RefTransactionOptions extends RefUpdateOptions {
  /**
   * fsync the new ref files (one pass, all at once) before they replace the old ones. Off for refs that can be
   * rebuilt from elsewhere, such as remote-tracking refs: git itself does not fsync loose refs by default.
   */
  durable?: boolean;
}

interface Locked {
  change: RefChange;
  refPath: string;
  lockPath: string;
  /** The open lock file, until it is written and closed. */
  fd: number | null;
  oldOid: string | null;
}

/** Names valid, each once, values well-formed, and no ref both a file and a folder of another in the batch. */
function checkChanges(changes: RefChange[]): void {
  const names = new Set<string>();
  for (const { ref, newOid, expectedOld } of changes) {
    assertValidRefName(ref);
    if (newOid !== null) requireOid(newOid, 'new value');
    if (expectedOld) requireOid(expectedOld, 'expected value');
    if (names.has(ref)) throw new FleetError('INVALID_INPUT', `${ref} is changed twice in one update; name each ref once.`, { ref });
    names.add(ref);
  }
  for (const { ref, newOid } of changes) {
    if (newOid === null) continue;
    for (let at = ref.indexOf('/', 5); at > 0; at = ref.indexOf('/', at + 1)) {
      const prefix = ref.slice(0, at);
      const other = changes.find((c) => c.ref === prefix && c.newOid !== null);
      if (other) throw refConflict(ref, prefix);
    }
  }
}

function releaseAll(locked: Locked[]): void {
  for (const entry of locked) {
    if (entry.fd !== null) {
      try {
        closeSync(entry.fd);
      } catch {
        // already unusable: the unlink below is what matters
      }
      entry.fd = null;
    }
    try {
      unlinkSync(entry.lockPath);
    } catch {
      // gone already
    }
  }
}

/**
 * Takes every ref's lock: first all at once without waiting (the usual case: nobody else holds one); when one is
 * held, those taken are let go and all are taken again one after another in name order, each waited for, so two
 * transactions never each hold a lock the other waits for.
 */
async function lockAll(layout: RepositoryLayout, changes: RefChange[], timeoutMs: number, locked: Locked[]): Promise<void> {
  const entries: Locked[] = changes.map((change) => {
    const refPath = refFilePath(layout, change.ref);
    return { change, refPath, lockPath: `${refPath}.lock`, fd: null, oldOid: null };
  });
  // A deleted ref whose folder does not exist has no loose file, but its lock still goes beside it.
  const folders = new Map(entries.map((entry) => [dirname(entry.refPath), entry.change] as const));
  await Promise.all(
    [...folders].map(([folder, change]) =>
      mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (change.newOid === null) return;
        if (error.code === 'ENOTDIR' || error.code === 'EEXIST') throw refConflict(change.ref, dirname(change.ref));
        throw error;
      }),
    ),
  );
  for (const entry of entries) {
    try {
      locked.push({ ...entry, fd: openSync(entry.lockPath, 'wx', 0o644) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      releaseAll(locked.splice(0));
      for (const waited of entries.sort((a, b) => (a.change.ref < b.change.ref ? -1 : 1))) {
        locked.push({ ...waited, fd: await acquireLockFd(waited.lockPath, waited.change.ref, timeoutMs) });
      }
      return;
    }
  }
}

/** Rewrites packed-refs without `refs` (under packed-refs.lock), when any of them is packed. */
async function dropFromPackedRefs(layout: RepositoryLayout, refs: string[], options: RefTransactionOptions): Promise<void> {
  const path = join(layout.commondir, 'packed-refs');
  const lockPath = `${path}.lock`;
  const lock = await acquireLock(lockPath, 'packed-refs', options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  let done = false;
  try {
    const text = await readFile(path, 'utf8').catch(() => '');
    const kept = withoutPackedRefs(text, new Set(refs));
    if (kept === text) return;
    await lock.writeFile(kept, 'utf8');
    if (options.durable !== false) await lock.sync();
    await lock.close();
    await rename(lockPath, path);
    done = true;
  } finally {
    if (!done) {
      await lock.close().catch(() => undefined);
      await unlink(lockPath).catch(() => undefined);
    }
  }
}

/** Appends each change's reflog line (and HEAD's when it points at a changed ref); deleted refs lose their log. */
async function writeReflogs(layout: RepositoryLayout, applied: AppliedRefChange[], message: string, options: RefTransactionOptions): Promise<void> {
  const who = options.identity ?? (await reflogIdentity(layout.commondir));
  const when = options.now ?? new Date();
  const head = await readLooseRef(layout, 'HEAD');
  const logPathOf = (ref: string) => join(isPerWorktreeRef(ref) ? layout.gitdir : layout.commondir, 'logs', ref);
  // Each log folder made once, not once per ref that goes into it.
  const folders = new Set(applied.filter((change) => change.newOid !== null).map((change) => dirname(logPathOf(change.ref))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  for (const { ref, oldOid, newOid } of applied) {
    const logPath = logPathOf(ref);
    if (newOid === null) {
      await unlink(logPath).catch(() => undefined);
      continue;
    }
    const line = formatReflogLine(oldOid ?? ZERO_OID, newOid, who, when, message);
    appendReflogSync(logPath, line);
    if (head === `ref: ${ref}`) appendReflogSync(join(layout.gitdir, 'logs', 'HEAD'), line);
  }
}

/**
 * Applies every change or none: LOCKED when a lock stays held, BRANCH_MOVED when a ref no longer holds its
 * expected value, INVALID_INPUT for a bad or clashing name; in each case no ref has changed. Returns what moved.
 */
export async function updateRefsTogether(layout: RepositoryLayout, changes: RefChange[], reflogMessage: string, options: RefTransactionOptions = {}): Promise<AppliedRefChange[]> {
  checkChanges(changes);
  if (changes.length === 0) return [];
  const packedBefore = await readPackedRefs(layout);
  const stats = new Map<string, Stats | null>();
  // Refs that may be new must not clash with existing names (an update of an existing ref cannot).
  const mayCreate = changes.filter((c) => c.newOid !== null && typeof c.expectedOld !== 'string');
  await Promise.all(mayCreate.map((c) => checkNameConflicts(layout, c.ref, packedBefore, stats)));

  const locked: Locked[] = [];
  let renamed = false;
  try {
    await lockAll(layout, changes, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, locked);
    // Under the locks: packed-refs read again, in case `git pack-refs` ran meanwhile.
    const packed = await readPackedRefs(layout);
    await Promise.all(locked.map(async (entry) => (entry.oldOid = await currentValue(layout, entry.change.ref, packed))));
    for (const { change, oldOid } of locked) {
      if (change.expectedOld !== undefined && change.expectedOld !== oldOid) throw movedError(change.ref, change.expectedOld, oldOid);
    }
    const updates = locked.filter((entry) => entry.change.newOid !== null);
    for (const entry of updates) writeFileSync(entry.fd!, `${entry.change.newOid}\n`, 'utf8');
    if (options.durable !== false) await Promise.all(updates.map((entry) => fsyncFd(entry.fd!)));
    for (const entry of locked) {
      closeSync(entry.fd!);
      entry.fd = null;
    }
    const deletions = locked.filter((entry) => entry.change.newOid === null && entry.oldOid !== null);
    if (deletions.some((entry) => packed.has(entry.change.ref))) await dropFromPackedRefs(layout, deletions.map((entry) => entry.change.ref), options);

    const applied = locked.filter((e) => e.oldOid !== e.change.newOid).map((e) => ({ ref: e.change.ref, oldOid: e.oldOid, newOid: e.change.newOid }));
    // A reflog that cannot be written does not undo the update (git warns and carries on too).
    await writeReflogs(layout, applied, reflogMessage, options).catch(() => undefined);
    renamed = true;
    // Each rename is tried even when an earlier one failed (a failure leaves only its own lock); the first failure is thrown.
    let failure: unknown = null;
    for (const { change, refPath, lockPath } of locked) {
      if (change.newOid === null) {
        for (const path of [refPath, lockPath]) {
          try {
            unlinkSync(path);
          } catch {
            // not there: nothing to remove
          }
        }
        continue;
      }
      try {
        renameSync(lockPath, refPath);
      } catch (error) {
        try {
          unlinkSync(lockPath);
        } catch {
          // gone already
        }
        const code = (error as NodeJS.ErrnoException).code;
        failure ??= code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST' ? refConflict(change.ref, `${change.ref}/...`) : error;
      }
    }
    if (failure !== null) throw failure;
    return applied;
  } finally {
    // Before the renames nothing has changed: every lock goes. After, a failed rename leaves only its own lock.
    if (!renamed) releaseAll(locked);
  }
}
