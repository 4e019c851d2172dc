// Branches held by working trees, compared with `git worktree list`: whichever working tree the repository is opened
// through, every working tree's HEAD counts, and so does a branch being rebased or bisected (as git's branch.c).

import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { heldBranches } from '../../../../src/main/core/git/worktrees';
import { commitDocuments } from '../../../../src/main/core/docs/commit-docs';
import { mergeModules } from '../../../../src/main/core/merge/merge-modules';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { GIT_ENV, cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** `git worktree list --porcelain` as {worktree, branch} pairs (detached and bare trees hold no branch). */
function gitWorktreeBranches(dir: string): Array<{ worktree: string; branch: string }> {
  return git(dir, 'worktree', 'list', '--porcelain')
    .split('\n\n')
    .flatMap((block) => {
      const path = /^worktree (.+)$/m.exec(block)![1]!;
      const branch = /^branch refs\/heads\/(.+)$/m.exec(block)?.[1];
      return branch ? [{ worktree: realpathSync(path), branch }] : [];
    });
}

/** A repository with main checked out in its main working tree and linked trees on `left` and `right` (and one detached). */
function threeWorktrees() {
  const dir = initRepo();
  commitFiles(dir, { 'a.txt': 'one\n' }, 'first');
  for (const branch of ['left', 'right', 'free']) git(dir, 'branch', branch);
  const left = join(makeTempDir('fleet-linked-'), 'left');
  const right = join(makeTempDir('fleet-linked-'), 'right');
  const detached = join(makeTempDir('fleet-linked-'), 'detached');
  git(dir, 'worktree', 'add', '-q', left, 'left');
  git(dir, 'worktree', 'add', '-q', right, 'right');
  git(dir, 'worktree', 'add', '-q', '--detach', detached, 'main');
  return { dir: realpathSync(dir), left: realpathSync(left), right: realpathSync(right), detached: realpathSync(detached) };
}

const tipOf = (dir: string, branch: string) => git(dir, 'rev-parse', `refs/heads/${branch}`);
const docChange = (branch: string, expectedTip: string) => ({ branch, expectedTip, changes: [{ path: 'notes.md', content: 'note\n' }], message: 'note' });

/** Runs git where a non-zero exit is expected (a rebase stopping at a conflict). */
function gitMayFail(cwd: string, ...args: string[]): void {
  try {
    execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'pipe' });
  } catch {
    // The stop is the point.
  }
}

describe('branches held by working trees', () => {
  it('are the branches git worktree list shows, whichever working tree the repository is opened through', async () => {
    const { dir, left, right, detached } = threeWorktrees();
    const expected = gitWorktreeBranches(dir).sort((a, b) => a.branch.localeCompare(b.branch));
    expect(expected.map((e) => e.branch)).toEqual(['left', 'main', 'right']);
    for (const opened of [dir, left, right, detached]) {
      const repo = await GitRepository.open(opened);
      const held = heldBranches(repo.commondir).map(({ branch, worktree, kind }) => ({ branch, worktree: realpathSync(worktree), kind }));
      expect(held.sort((a, b) => a.branch.localeCompare(b.branch)), opened).toEqual(expected.map((e) => ({ ...e, kind: 'checked-out' })));
    }
  });

  it('refuse a document commit through a linked working tree onto the branch of the main or another working tree, naming its folder', async () => {
    const { dir, left, right, detached } = threeWorktrees();
    const repo = await GitRepository.open(left);
    const before = Object.fromEntries(['main', 'left', 'right'].map((b) => [b, tipOf(dir, b)]));
    for (const [branch, worktree] of [['main', dir], ['right', right], ['left', left]] as const) {
      const refused = commitDocuments(repo, docChange(branch, before[branch]!));
      await expect(refused).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT', data: { branch, worktree, state: 'checked-out' } });
      await expect(refused).rejects.toThrow(`${branch} is checked out in a working tree (${worktree})`);
    }
    // Every ref write of a local branch is guarded, transactions included.
    await expect(repo.updateRefs([{ ref: 'refs/heads/main', newOid: before.left!, expectedOld: before.main! }], 'x')).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT' });
    for (const [branch, tip] of Object.entries(before)) expect(tipOf(dir, branch)).toBe(tip);
    for (const tree of [dir, left, right, detached]) expect(git(tree, 'status', '--porcelain'), tree).toBe('');
    // A branch no working tree holds is written as before.
    const free = await commitDocuments(repo, docChange('free', tipOf(dir, 'free')));
    expect(tipOf(dir, 'free')).toBe(free.commit);
  });

  it('refuse a merge into the base branch checked out in the main working tree when the workspace is opened through a linked one', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
    await initWorkspace(await GitRepository.open(dir));
    const linked = join(makeTempDir('fleet-linked-'), 'wt');
    git(dir, 'worktree', 'add', '-q', linked, 'module/fleet-hub');
    commitFiles(linked, { 'web/src/pages/FleetPage.tsx': 'export const page = 1;\n' }, 'fleet: page');
    const mainTip = tipOf(dir, 'main');
    const workspace = await Workspace.open(linked);
    await expect(mergeModules(workspace, { target: 'base', modules: ['fleet-hub'] })).rejects.toMatchObject({
      code: 'BRANCH_CHECKED_OUT',
      data: { branch: 'main', worktree: realpathSync(dir) },
      message: expect.stringContaining('fleet/integration instead'),
    });
    expect(tipOf(dir, 'main')).toBe(mainTip);
    for (const tree of [dir, linked]) expect(git(tree, 'status', '--porcelain')).toBe('');
  });

  it('refuse an init through a linked working tree that would write the workspace branch checked out in the main one, before writing anything', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
    git(dir, 'checkout', '-q', '-b', 'fleet/workspace');
    const linked = join(makeTempDir('fleet-linked-'), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'dev', linked, 'main');
    const repo = await GitRepository.open(linked);
    await expect(initWorkspace(repo, { baseBranch: 'main' })).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT', data: { branch: 'fleet/workspace', worktree: realpathSync(dir) } });
    expect(git(dir, 'for-each-ref', 'refs/heads/module/')).toBe('');
    expect(tipOf(dir, 'fleet/workspace')).toBe(tipOf(dir, 'main'));
  });

  it('include a branch being rebased (rebase-merge and rebase-apply), and the rebase then finishes as git would', async () => {
    for (const backend of ['--merge', '--apply']) {
      const { dir, left } = threeWorktrees();
      commitFiles(left, { 'a.txt': 'left\n' }, 'left edit');
      commitFiles(dir, { 'a.txt': 'main\n' }, 'main edit');
      gitMayFail(left, 'rebase', backend, 'main');
      expect(git(left, 'status'), backend).toMatch(/rebase in progress/);
      const leftTip = tipOf(dir, 'left');
      const repo = await GitRepository.open(dir);
      const refused = commitDocuments(repo, docChange('left', leftTip));
      await expect(refused).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT', data: { branch: 'left', worktree: left, state: 'rebasing' } });
      await expect(refused).rejects.toThrow(/left is being rebased in the working tree .*git rebase --continue/);
      expect(tipOf(dir, 'left')).toBe(leftTip);
      git(left, 'rebase', '--abort');
      expect(git(left, 'symbolic-ref', 'HEAD')).toBe('refs/heads/left');
      expect(tipOf(dir, 'left')).toBe(leftTip);
    }
  });

  it('include a branch being bisected, and git bisect reset then returns to it', async () => {
    const { dir, right } = threeWorktrees();
    for (const n of [1, 2, 3]) commitFiles(right, { 'a.txt': `right ${n}\n` }, `right ${n}`);
    git(right, 'bisect', 'start', 'right', 'right~3');
    expect(() => git(right, 'symbolic-ref', '-q', 'HEAD')).toThrow();
    const tip = tipOf(dir, 'right');
    const repo = await GitRepository.open(dir);
    const refused = commitDocuments(repo, docChange('right', tip));
    await expect(refused).rejects.toMatchObject({ code: 'BRANCH_CHECKED_OUT', data: { branch: 'right', worktree: right, state: 'bisecting' } });
    await expect(refused).rejects.toThrow(/right is being bisected in the working tree .*git bisect reset/);
    git(right, 'bisect', 'reset');
    expect(git(right, 'symbolic-ref', 'HEAD')).toBe('refs/heads/right');
    expect(tipOf(dir, 'right')).toBe(tip);
  });
});
