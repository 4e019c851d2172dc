// Opening repositories: clear errors for what is not one, and the right folders for work trees, bare and linked ones.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

async function failure(path: string): Promise<{ code: string; message: string }> {
  return GitRepository.open(path).then(
    () => ({ code: 'OPENED', message: '' }),
    (error: { code: string; message: string }) => error,
  );
}

describe('GitRepository.open', () => {
  it('opens a work tree with its .git folder', async () => {
    const dir = initRepo();
    const tip = commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const repo = await GitRepository.open(dir);
    expect(repo).toMatchObject({ workdir: dir, gitdir: join(dir, '.git'), commondir: join(dir, '.git'), bare: false });
    expect(await repo.resolveRef('HEAD')).toBe(tip);
  });

  it('says PATH_NOT_FOUND for a missing path', async () => {
    const error = await failure(join(makeTempDir(), 'nowhere'));
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.message).toContain('does not exist');
  });

  it('says NOT_A_REPO for a plain folder and for a file', async () => {
    const plain = makeTempDir();
    const error = await failure(plain);
    expect(error.code).toBe('NOT_A_REPO');
    expect(error.message).toContain('not a git repository');
    writeFileSync(join(plain, 'file.txt'), 'x');
    expect((await failure(join(plain, 'file.txt'))).code).toBe('NOT_A_REPO');
  });

  it('names the enclosing repository when given one of its subfolders, or its .git folder', async () => {
    const dir = initRepo();
    mkdirSync(join(dir, 'web', 'src'), { recursive: true });
    const inside = await failure(join(dir, 'web', 'src'));
    expect(inside.code).toBe('NOT_A_REPO');
    expect(inside.message).toContain(`inside the repository at ${dir}; open ${dir}`);
    const dotGit = await failure(join(dir, '.git'));
    expect(dotGit.code).toBe('NOT_A_REPO');
    expect(dotGit.message).toContain(`open ${dir}`);
    expect((await failure(join(dir, '.git', 'refs'))).message).toContain(`inside the repository at ${dir}`);
  });

  it('opens a bare repository with bare=true and no work tree', async () => {
    const source = initRepo();
    const tip = commitFiles(source, { 'a.txt': 'a\n' }, 'first');
    const bare = join(makeTempDir(), 'project.git');
    git(source, 'clone', '-q', '--bare', source, bare);
    const repo = await GitRepository.open(bare);
    expect(repo).toMatchObject({ workdir: null, gitdir: bare, commondir: bare, bare: true });
    expect(await repo.resolveRef('main')).toBe(tip);
  });

  it('opens a linked worktree: its own git folder for HEAD, the shared folder for refs and objects', async () => {
    const dir = initRepo();
    const tip = commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    git(dir, 'branch', 'feature');
    const worktree = join(makeTempDir(), 'feature-wt');
    git(dir, 'worktree', 'add', '-q', worktree, 'feature');
    const repo = await GitRepository.open(worktree);
    expect(repo.bare).toBe(false);
    expect(repo.workdir).toBe(worktree);
    expect(realpathSync(repo.gitdir)).toBe(realpathSync(join(dir, '.git', 'worktrees', 'feature-wt')));
    expect(realpathSync(repo.commondir)).toBe(realpathSync(join(dir, '.git')));
    expect(await repo.readHead()).toEqual({ branch: 'feature', oid: tip, detached: false });
    expect((await repo.readCommit(tip)).message).toBe('first\n');
    expect(Object.fromEntries(await repo.listBranches())).toEqual({ feature: tip, main: tip });
  });

  it('opens an empty repository: no HEAD commit, the unborn branch named', async () => {
    const dir = initRepo({ branch: 'develop' });
    const repo = await GitRepository.open(dir);
    expect(await repo.resolveRef('HEAD')).toBeNull();
    expect(await repo.readHead()).toEqual({ branch: 'develop', oid: null, detached: false });
  });

  it('refuses a .git file that points nowhere, with advice', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, '.git'), 'gitdir: /no/such/place\n');
    const error = await failure(dir);
    expect(error.code).toBe('NOT_A_REPO');
    expect(error.message).toContain('git worktree prune');
  });
});
