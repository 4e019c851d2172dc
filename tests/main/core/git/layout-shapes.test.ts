// Repository layouts opened as git opens them: core.worktree, --separate-git-dir, linked worktrees (also of a bare
// repository), bare ones; each compared with `git rev-parse` run in the same folder. Bare is refused with that word.

import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspaceRepository } from '../../../../src/main/core/workspace/open-repository';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { GIT_ENV, cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

interface GitAnswer {
  bare: boolean;
  toplevel: string | null;
  gitDir: string;
}

/** What git says about the repository when run in `cwd`. */
function gitSays(cwd: string): GitAnswer {
  const ask = (arg: string): string | null => {
    try {
      return execFileSync('git', ['rev-parse', arg], { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  return { bare: ask('--is-bare-repository') === 'true', toplevel: ask('--show-toplevel'), gitDir: ask('--absolute-git-dir')! };
}

/** Opens `path` as a workspace repository and checks the outcome against git's own answer. */
async function expectOpensAsGitDoes(path: string): Promise<GitAnswer> {
  const answer = gitSays(path);
  const result = await openWorkspaceRepository(path).then(
    (repo) => ({ ok: true as const, repo }),
    (error: { code: string; message: string }) => ({ ok: false as const, error }),
  );
  if (answer.bare) {
    expect(result.ok ? 'opened' : result.error.code, path).toBe('BARE_REPO');
    if (!result.ok) expect(result.error.message).toMatch(/\bbare\b/);
  } else if (answer.toplevel) {
    expect(result.ok, result.ok ? path : result.error.message).toBe(true);
    if (result.ok) {
      expect(realpathSync(result.repo.workdir!)).toBe(realpathSync(answer.toplevel));
      expect(realpathSync(result.repo.gitdir)).toBe(realpathSync(answer.gitDir));
      expect(result.repo.bare).toBe(false);
    }
  } else {
    // git calls it non-bare but has no work tree for it: refused, and never as bare.
    expect(result.ok ? 'opened' : result.error.code, path).toBe('NOT_A_REPO');
    if (!result.ok) expect(result.error.message).not.toMatch(/\bbare repository\b/);
  }
  return answer;
}

/** A repository with one commit, made in `dir` with extra `git init` arguments. */
function repoIn(dir: string, ...initArgs: string[]): void {
  git(makeTempDir(), 'init', '-q', '--initial-branch=main', ...initArgs, dir);
}

describe('opening repository layouts as git does', () => {
  it('a normal repository, its .git folder and a linked worktree', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    git(dir, 'branch', 'feature');
    const linked = join(makeTempDir(), 'linked');
    git(dir, 'worktree', 'add', '-q', linked, 'feature');
    expect((await expectOpensAsGitDoes(dir)).toplevel).not.toBeNull();
    expect((await expectOpensAsGitDoes(linked)).toplevel).not.toBeNull();
    await expectOpensAsGitDoes(join(dir, '.git'));
    await expectOpensAsGitDoes(join(dir, '.git', 'worktrees', 'linked'));
  });

  it('--separate-git-dir: the work tree opens; the git folder alone has no work tree for git either', async () => {
    const root = makeTempDir();
    const work = join(root, 'work');
    const gitDir = join(root, 'store.git');
    repoIn(work, `--separate-git-dir=${gitDir}`);
    commitFiles(work, { 'a.txt': 'a\n' }, 'first');
    expect((await expectOpensAsGitDoes(work)).gitDir).toBe(gitDir);
    expect(gitSays(gitDir)).toMatchObject({ bare: false, toplevel: null });
    await expectOpensAsGitDoes(gitDir);
  });

  it('a git folder whose config sets core.worktree opens on that work tree, and init works there', async () => {
    const root = makeTempDir();
    const work = join(root, 'checkout');
    const gitDir = join(root, 'meta.git');
    mkdirSync(work);
    git(root, `--git-dir=${gitDir}`, `--work-tree=${work}`, 'init', '-q', '--initial-branch=main');
    expect(git(gitDir, 'config', 'core.worktree')).toBe(work);
    execFileSync('sh', ['-c', 'echo hello > a.txt && git add a.txt && git commit -q -m first'], { cwd: work, env: { ...GIT_ENV, GIT_DIR: gitDir } });
    const answer = await expectOpensAsGitDoes(gitDir);
    expect(answer).toMatchObject({ bare: false, toplevel: work });
    // The same answer git gives with GIT_DIR pointing there.
    expect(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, env: { ...GIT_ENV, GIT_DIR: gitDir }, encoding: 'utf8' }).trim()).toBe(work);
    const repo = await openWorkspaceRepository(gitDir);
    await initWorkspace(repo);
    expect(git(gitDir, 'rev-parse', 'fleet/workspace^')).toBe(git(gitDir, 'rev-parse', 'main'));
    // main is checked out in that work tree: a write to it is refused naming the work tree's folder.
    const main = git(gitDir, 'rev-parse', 'main');
    await expect(repo.updateRef('refs/heads/main', git(gitDir, 'rev-parse', 'fleet/workspace'), main, 'test')).rejects.toMatchObject({
      code: 'BRANCH_CHECKED_OUT',
      data: { worktree: work },
    });
    // A relative core.worktree is relative to the git folder, as git reads it.
    git(gitDir, 'config', 'core.worktree', '../checkout');
    await expectOpensAsGitDoes(gitDir);
  });

  it('bare repositories are refused with the word bare: plain, with core.worktree too, and a work tree whose config says bare', async () => {
    const source = initRepo();
    commitFiles(source, { 'a.txt': 'a\n' }, 'first');
    const bare = join(makeTempDir(), 'bare.git');
    git(source, 'clone', '-q', '--bare', source, bare);
    expect((await expectOpensAsGitDoes(bare)).bare).toBe(true);
    git(bare, 'config', 'core.worktree', source);
    expect((await expectOpensAsGitDoes(bare)).bare).toBe(true);
    const saysBare = initRepo();
    commitFiles(saysBare, { 'a.txt': 'a\n' }, 'first');
    git(saysBare, 'config', 'core.bare', 'true');
    expect((await expectOpensAsGitDoes(saysBare)).bare).toBe(true);
  });

  it('a linked worktree of a bare repository is not bare', async () => {
    const source = initRepo();
    commitFiles(source, { 'a.txt': 'a\n' }, 'first');
    const bare = join(makeTempDir(), 'bare.git');
    git(source, 'clone', '-q', '--bare', source, bare);
    const linked = join(makeTempDir(), 'linked');
    git(bare, 'worktree', 'add', '-q', linked, 'main');
    expect(await expectOpensAsGitDoes(linked)).toMatchObject({ bare: false });
  });
});

describe('a SHA-256 repository', () => {
  it('is refused by name at open, and nothing is written into it', async () => {
    const dir = makeTempDir();
    repoIn(dir, '--object-format=sha256');
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const before = git(dir, 'for-each-ref', '--format=%(refname) %(objectname)') + execFileSync('find', ['.git', '-newer', '.git/HEAD'], { cwd: dir, encoding: 'utf8' });
    const listing = () => execFileSync('sh', ['-c', 'find .git -type f | sort | xargs sha1sum'], { cwd: dir, encoding: 'utf8' });
    const files = listing();
    const error = await openWorkspaceRepository(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNSUPPORTED', data: { objectFormat: 'sha256' } });
    expect((error as Error).message).toMatch(/SHA-256 object format, which is not supported/);
    expect(listing()).toBe(files);
    expect(git(dir, 'for-each-ref', '--format=%(refname) %(objectname)') + execFileSync('find', ['.git', '-newer', '.git/HEAD'], { cwd: dir, encoding: 'utf8' })).toBe(before);
  });
});
