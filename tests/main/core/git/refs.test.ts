// Refs: reading HEAD and branches, and the compare-and-swap update that keeps users' work safe next to the git CLI.

import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { refNameProblem } from '../../../../src/main/core/git/ref-name';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const WHO = { name: 'Maya Reviewer', email: 'maya@example.com' };

/** A repository with two commits on main and a branch `module/a` at the first. */
function repoWithHistory(): { dir: string; first: string; second: string } {
  const dir = initRepo();
  const first = commitFiles(dir, { 'a.txt': 'one\n' }, 'first');
  const second = commitFiles(dir, { 'a.txt': 'two\n' }, 'second');
  git(dir, 'branch', 'module/a', first);
  return { dir, first, second };
}

function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string; data?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: { code: string; message: string; data?: Record<string, unknown> }) => error,
  );
}

describe('reading refs', () => {
  it('reads HEAD, full and short names, packed and loose branches, and sees CLI changes after invalidateRefs', async () => {
    const { dir, first, second } = repoWithHistory();
    git(dir, 'tag', 'v1', first);
    git(dir, 'pack-refs', '--all');
    git(dir, 'branch', 'loose-one', second);
    git(dir, 'update-ref', 'refs/heads/module/a', second);
    const repo = await GitRepository.open(dir);
    expect(await repo.readHead()).toEqual({ branch: 'main', oid: second, detached: false });
    expect(await repo.resolveRef('HEAD')).toBe(second);
    expect(await repo.resolveRef('refs/heads/main')).toBe(second);
    expect(await repo.resolveRef('module/a')).toBe(second);
    expect(await repo.resolveRef('v1')).toBe(first);
    expect(await repo.resolveRef('no-such-branch')).toBeNull();
    expect(Object.fromEntries(await repo.listBranches())).toEqual({ 'loose-one': second, main: second, 'module/a': second });

    git(dir, 'update-ref', 'refs/heads/main', first);
    git(dir, 'checkout', '-q', '--detach', second);
    repo.invalidateRefs();
    expect(await repo.resolveRef('main')).toBe(first);
    expect(await repo.readHead()).toEqual({ branch: null, oid: second, detached: true });
  });

  it('gives an unborn branch name and no commit in a repository without commits', async () => {
    const dir = initRepo({ branch: 'trunk' });
    const repo = await GitRepository.open(dir);
    expect(await repo.readHead()).toEqual({ branch: 'trunk', oid: null, detached: false });
    expect(await repo.resolveRef('HEAD')).toBeNull();
    expect((await repo.listBranches()).size).toBe(0);
  });
});

describe('updateRef', () => {
  it('creates and moves a branch that git then reads, with reflog lines git reflog shows, and fsck stays clean', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    await repo.updateRef('refs/heads/module/b', first, null, 'fleet-control: create b', { identity: WHO });
    await repo.updateRef('refs/heads/module/b', second, first, 'fleet-control: edit\nsecond line', { identity: WHO });
    expect(git(dir, 'rev-parse', 'module/b')).toBe(second);
    expect(await repo.resolveRef('module/b')).toBe(second);
    expect(git(dir, 'reflog', 'show', '--format=%H %gn <%ge> %gs', 'module/b').split('\n')).toEqual([
      `${second} Maya Reviewer <maya@example.com> fleet-control: edit second line`,
      `${first} Maya Reviewer <maya@example.com> fleet-control: create b`,
    ]);
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'module', 'b.lock'))).toBe(false);
  });

  it('also writes HEAD\'s reflog when it moves the checked-out branch of a repository it made, as git does; otherwise refuses it', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    await expect(repo.updateRef('refs/heads/main', first, second, 'x', { identity: WHO })).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT' });
    expect(git(dir, 'rev-parse', 'main')).toBe(second);
    // Only a maker of the repository (the demo generator) may move the branch its own HEAD names.
    await repo.updateRef('refs/heads/main', first, second, 'fleet-control: step back', { identity: WHO, ownsWorkingTrees: true });
    expect(git(dir, 'reflog', 'show', '-n1', '--format=%H %gs', 'HEAD')).toBe(`${first} fleet-control: step back`);
  });

  it('refuses with BRANCH_MOVED when the branch moved since the edit began, and leaves the other commit in place', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    expect(await repo.resolveRef('module/a')).toBe(first);
    git(dir, 'update-ref', 'refs/heads/module/a', second);
    const error = await errorOf(repo.updateRef('refs/heads/module/a', first, first, 'stale edit'));
    expect(error.code).toBe('BRANCH_MOVED');
    expect(error.data).toEqual({ ref: 'refs/heads/module/a', expected: first, actual: second });
    expect(error.message).toContain('moved');
    expect(git(dir, 'rev-parse', 'module/a')).toBe(second);
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'module', 'a.lock'))).toBe(false);
    expect(await repo.resolveRef('module/a')).toBe(second);

    expect((await errorOf(repo.updateRef('refs/heads/module/a', first, null, 'create'))).code).toBe('BRANCH_MOVED');
    git(dir, 'update-ref', '-d', 'refs/heads/module/a');
    const gone = await errorOf(repo.updateRef('refs/heads/module/a', first, second, 'edit'));
    expect(gone).toMatchObject({ code: 'BRANCH_MOVED', data: { actual: null } });
    expect(gone.message).toContain('no longer exists');
  });

  it('lets exactly one of many simultaneous updates from the same starting point win', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => repo.updateRef('refs/heads/module/a', second, first, `racer ${i}`, { lockTimeoutMs: 3000 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('BRANCH_MOVED');
    expect(git(dir, 'reflog', 'show', '--format=%gs', 'module/a').split('\n')).toHaveLength(2);
  });

  it('waits for a lock held by another git process and proceeds when it is released in time', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    const lock = join(dir, '.git', 'refs', 'heads', 'module', 'a.lock');
    writeFileSync(lock, '');
    setTimeout(() => rmSync(lock), 400);
    await repo.updateRef('refs/heads/module/a', second, first, 'after the lock');
    expect(git(dir, 'rev-parse', 'module/a')).toBe(second);
  });

  it('gives up with LOCKED naming the lock file when the lock stays held, and changes nothing', async () => {
    const { dir, first, second } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    const lock = join(dir, '.git', 'refs', 'heads', 'module', 'a.lock');
    writeFileSync(lock, '');
    const started = Date.now();
    const error = await errorOf(repo.updateRef('refs/heads/module/a', second, first, 'blocked'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(error.code).toBe('LOCKED');
    expect(error.message).toContain(lock);
    expect(existsSync(lock)).toBe(true);
    expect(git(dir, 'rev-parse', 'module/a')).toBe(first);
  });

  it('works on packed refs: compares with the packed value and writes a loose ref git prefers', async () => {
    const { dir, first, second } = repoWithHistory();
    git(dir, 'pack-refs', '--all');
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'module', 'a'))).toBe(false);
    const repo = await GitRepository.open(dir);
    expect((await errorOf(repo.updateRef('refs/heads/module/a', second, second, 'wrong expectation'))).code).toBe('BRANCH_MOVED');
    await repo.updateRef('refs/heads/module/a', second, first, 'packed to loose');
    expect(git(dir, 'rev-parse', 'module/a')).toBe(second);
    git(dir, 'pack-refs', '--all');
    expect(git(dir, 'rev-parse', 'module/a')).toBe(second);
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
  });

  it('explains a file/folder name clash (team vs team/x) instead of failing with ENOTDIR, loose or packed', async () => {
    const { dir, first } = repoWithHistory();
    git(dir, 'branch', 'team', first);
    const repo = await GitRepository.open(dir);
    const clash = await errorOf(repo.updateRef('refs/heads/team/x', first, null, 'clash'));
    expect(clash.code).toBe('INVALID_INPUT');
    expect(clash.message).toContain('refs/heads/team already exists');
    git(dir, 'pack-refs', '--all');
    expect((await errorOf(repo.updateRef('refs/heads/team/x', first, null, 'clash'))).message).toContain('refs/heads/team already exists');
    const above = await errorOf(repo.updateRef('refs/heads/module', first, null, 'clash'));
    expect(above.code).toBe('INVALID_INPUT');
    expect(above.message).toContain('refs/heads/module/a');
    git(dir, 'branch', 'loose/one', first);
    const aboveLoose = await errorOf(repo.updateRef('refs/heads/loose', first, null, 'clash'));
    expect(aboveLoose.code).toBe('INVALID_INPUT');
    expect(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads/').split('\n').sort()).toEqual([
      'refs/heads/loose/one',
      'refs/heads/main',
      'refs/heads/module/a',
      'refs/heads/team',
    ]);
  });

  it('rejects ref names git would reject, before touching the disk', async () => {
    const { dir, first } = repoWithHistory();
    const repo = await GitRepository.open(dir);
    const names = ['refs/heads/ok/name', 'refs/heads/has space', 'refs/heads/a..b', 'refs/heads/.hidden', 'refs/heads/x.lock', 'refs/heads/end.', 'refs/heads/a@{b', 'refs/heads/tilde~1', 'refs/heads/co:lon', 'refs/heads/q?', 'refs/heads/star*', 'refs/heads/br[acket', 'refs/heads/back\\slash', 'refs/heads//double', 'refs/heads/trailing/', 'refs/heads/dash-ok_1.2', 'refs/heads/ünïcode'];
    for (const name of names) {
      let gitAccepts = true;
      try {
        git(dir, 'check-ref-format', name);
      } catch {
        gitAccepts = false;
      }
      expect(refNameProblem(name) === null, name).toBe(gitAccepts);
    }
    const error = await errorOf(repo.updateRef('refs/heads/has space', first, null, 'bad'));
    expect(error.code).toBe('INVALID_INPUT');
    expect((await errorOf(repo.updateRef('main', first, null, 'bad'))).code).toBe('INVALID_INPUT');
    expect((await errorOf(repo.updateRef('refs/heads/new', 'not-an-oid', null, 'bad'))).code).toBe('INVALID_INPUT');
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'has space'))).toBe(false);
  });

  it('keeps branch refs in the shared folder when opened from a linked worktree', async () => {
    const { dir, first, second } = repoWithHistory();
    const worktree = join(makeTempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', worktree, 'module/a');
    const repo = await GitRepository.open(worktree);
    expect(await repo.readHead()).toEqual({ branch: 'module/a', oid: first, detached: false });
    await repo.updateRef('refs/heads/side', second, null, 'from the worktree');
    expect(git(dir, 'rev-parse', 'side')).toBe(second);
    expect(existsSync(join(dir, '.git', 'refs', 'heads', 'side'))).toBe(true);
    expect(git(dir, 'reflog', 'show', '--format=%gs', 'side')).toBe('from the worktree');
  });

  it('removes empty folders left where a new ref goes, as git does', async () => {
    const { dir, first } = repoWithHistory();
    mkdirSync(join(dir, '.git', 'refs', 'heads', 'empty', 'deeper'), { recursive: true });
    const repo = await GitRepository.open(dir);
    await repo.updateRef('refs/heads/empty', first, null, 'over an empty folder');
    expect(git(dir, 'rev-parse', 'empty')).toBe(first);
  });
});
