// Ref transactions: many refs moved together with git's lock protocol, all or none, checked with the git CLI.

import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, commitFiles, git, initRepo } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const WHO = { name: 'Maya Reviewer', email: 'maya@example.com' };

/** A repository with three commits on main and tracking refs of "origin": a and b loose, c packed. */
function repoWithTrackingRefs(): { dir: string; c1: string; c2: string; c3: string } {
  const dir = initRepo();
  const c1 = commitFiles(dir, { 'a.txt': 'one\n' }, 'first');
  const c2 = commitFiles(dir, { 'a.txt': 'two\n' }, 'second');
  const c3 = commitFiles(dir, { 'a.txt': 'three\n' }, 'third');
  git(dir, 'update-ref', 'refs/remotes/origin/c', c1);
  git(dir, 'pack-refs', '--all');
  git(dir, 'update-ref', 'refs/remotes/origin/a', c1);
  git(dir, 'update-ref', 'refs/remotes/origin/b', c1);
  return { dir, c1, c2, c3 };
}

const refsOf = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/remotes/');

/** Every *.lock file left below .git. */
function lockFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.name.endsWith('.lock')) found.push(join(folder, entry.name));
    }
  };
  walk(join(dir, '.git'));
  return found;
}

function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; data?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: { code: string; message: string; data?: Record<string, unknown> }) => error,
  );
}

describe('updateRefs (one transaction)', () => {
  it('creates, moves and deletes many refs at once, packed ones too, with reflogs git reads and a clean fsck', async () => {
    const { dir, c1, c2, c3 } = repoWithTrackingRefs();
    const repo = await GitRepository.open(dir);
    expect(await repo.resolveRef('refs/remotes/origin/a')).toBe(c1);
    const created = Array.from({ length: 33 }, (_, i) => ({ ref: `refs/remotes/origin/module/m${i}`, newOid: c3, expectedOld: null }));
    const applied = await repo.updateRefs(
      [
        ...created,
        { ref: 'refs/remotes/origin/a', newOid: c2, expectedOld: c1 },
        { ref: 'refs/remotes/origin/b', newOid: null, expectedOld: c1 },
        { ref: 'refs/remotes/origin/c', newOid: null },
      ],
      'fetch',
      { identity: WHO, durable: false },
    );
    expect(applied).toHaveLength(36);
    const refs = refsOf(dir).split('\n');
    expect(refs).toHaveLength(34);
    expect(refs).toContain(`refs/remotes/origin/a ${c2}`);
    expect(refs).toContain(`refs/remotes/origin/module/m32 ${c3}`);
    // The packed ref is gone from packed-refs too, so git does not see its old value again.
    expect(readFileSync(join(dir, '.git', 'packed-refs'), 'utf8')).not.toContain('refs/remotes/origin/c');
    expect(git(dir, 'reflog', 'show', '--format=%H %gs', 'refs/remotes/origin/module/m5')).toBe(`${c3} fetch`);
    expect(git(dir, 'reflog', 'show', '--format=%gn <%ge>', 'refs/remotes/origin/a').split('\n')[0]).toBe('Maya Reviewer <maya@example.com>');
    expect(existsSync(join(dir, '.git', 'logs', 'refs', 'remotes', 'origin', 'b'))).toBe(false);
    expect(lockFiles(dir)).toEqual([]);
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
    // The repository's own reads follow at once.
    expect(await repo.resolveRef('refs/remotes/origin/a')).toBe(c2);
    expect(await repo.resolveRef('refs/remotes/origin/c')).toBeNull();
  });

  it('changes nothing when one ref moved since it was read, naming that ref', async () => {
    const { dir, c1, c2, c3 } = repoWithTrackingRefs();
    const repo = await GitRepository.open(dir);
    git(dir, 'update-ref', 'refs/remotes/origin/b', c3);
    const before = refsOf(dir);
    const reflogBefore = readFileSync(join(dir, '.git', 'logs', 'refs', 'remotes', 'origin', 'a'), 'utf8');
    const error = await errorOf(
      repo.updateRefs(
        [
          { ref: 'refs/remotes/origin/a', newOid: c2, expectedOld: c1 },
          { ref: 'refs/remotes/origin/b', newOid: c2, expectedOld: c1 },
          { ref: 'refs/remotes/origin/new', newOid: c2, expectedOld: null },
        ],
        'fetch',
      ),
    );
    expect(error).toMatchObject({ code: 'BRANCH_MOVED', data: { ref: 'refs/remotes/origin/b', expected: c1, actual: c3 } });
    expect(error.message).toContain('refs/remotes/origin/b moved');
    expect(refsOf(dir)).toBe(before);
    expect(lockFiles(dir)).toEqual([]);
    expect(readFileSync(join(dir, '.git', 'logs', 'refs', 'remotes', 'origin', 'a'), 'utf8')).toBe(reflogBefore);
  });

  it('changes nothing and says LOCKED, naming the lock file, when another process holds one ref', async () => {
    const { dir, c1, c2 } = repoWithTrackingRefs();
    const repo = await GitRepository.open(dir);
    const foreignLock = join(dir, '.git', 'refs', 'remotes', 'origin', 'b.lock');
    writeFileSync(foreignLock, '');
    const before = refsOf(dir);
    const error = await errorOf(
      repo.updateRefs(
        [
          { ref: 'refs/remotes/origin/a', newOid: c2 },
          { ref: 'refs/remotes/origin/b', newOid: c2 },
          { ref: 'refs/remotes/origin/z', newOid: c2 },
        ],
        'update by push',
        { lockTimeoutMs: 100 },
      ),
    );
    expect(error.code).toBe('LOCKED');
    expect(error.message).toContain(foreignLock);
    expect(refsOf(dir)).toBe(before);
    // Only the other process's lock is left; ours are all released.
    expect(lockFiles(dir)).toEqual([foreignLock]);
    expect(await repo.resolveRef('refs/remotes/origin/a')).toBe(c1);
  });

  it('waits for a lock another process holds and moves every ref once it is released in time', async () => {
    const { dir, c2 } = repoWithTrackingRefs();
    const repo = await GitRepository.open(dir);
    const foreignLock = join(dir, '.git', 'refs', 'remotes', 'origin', 'b.lock');
    writeFileSync(foreignLock, '');
    setTimeout(() => rmSync(foreignLock), 300);
    const names = ['refs/remotes/origin/a', 'refs/remotes/origin/b', 'refs/remotes/origin/z'];
    await repo.updateRefs(names.map((ref) => ({ ref, newOid: c2 })), 'update by push');
    expect(refsOf(dir).split('\n').filter((line) => line.endsWith(c2))).toEqual(names.map((ref) => `${ref} ${c2}`));
    expect(lockFiles(dir)).toEqual([]);
  });

  it('refuses bad input before touching the disk: a bad name, a ref named twice, names that clash', async () => {
    const { dir, c1, c2 } = repoWithTrackingRefs();
    const repo = await GitRepository.open(dir);
    const before = refsOf(dir);
    const cases = [
      [{ ref: 'refs/remotes/origin/ok', newOid: c2 }, { ref: 'refs/remotes/origin/bad..name', newOid: c2 }],
      [{ ref: 'refs/remotes/origin/a', newOid: c2 }, { ref: 'refs/remotes/origin/a', newOid: c1 }],
      [{ ref: 'refs/remotes/origin/team', newOid: c2 }, { ref: 'refs/remotes/origin/team/x', newOid: c2 }],
      [{ ref: 'refs/remotes/origin/ok', newOid: c2 }, { ref: 'refs/remotes/origin/a/x', newOid: c2 }],
    ];
    const messages: string[] = [];
    for (const changes of cases) {
      const error = await errorOf(repo.updateRefs(changes, 'fetch'));
      expect(error.code).toBe('INVALID_INPUT');
      messages.push(error.message);
    }
    expect(messages[0]).toContain('not a valid ref name');
    expect(messages[1]).toContain('changed twice');
    expect(messages[2]).toContain('Cannot create refs/remotes/origin/team/x');
    expect(messages[3]).toContain('refs/remotes/origin/a already exists');
    const missing = await errorOf(repo.updateRefs([{ ref: 'refs/remotes/origin/ok', newOid: 'a'.repeat(40) }], 'fetch'));
    expect(missing.code).toBe('GIT_CORRUPT');
    expect(refsOf(dir)).toBe(before);
    expect(lockFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, '.git', 'refs', 'remotes', 'origin', 'ok'))).toBe(false);
  });
});
