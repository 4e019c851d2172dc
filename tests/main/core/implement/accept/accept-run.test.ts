import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptRunChanges } from '../../../../../src/main/core/implement/accept/accept-run';
import { FleetError } from '../../../../../src/shared/errors';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../../helpers/git';
import { rawTree } from '../../../../helpers/raw-names';
import { BRANCH, MODULE, TRAILERS, acceptFixture, changed, commitOnBranch, lines, looseObjects, workingCopy } from './accept-fixture';

afterAll(cleanupTempDirs);

/** The tree of `rev` with the paths in `skip` left out, raw names -> "mode oid". */
const treeWithout = (dir: string, rev: string, skip: string[]) => {
  const tree = rawTree(dir, rev, []);
  for (const path of skip) tree.delete(path);
  return tree;
};

/** A teammate commits `files` on the module branch meanwhile (the branch moves). */
const moveBranch = (dir: string, files: Record<string, string>) => commitOnBranch(dir, BRANCH, files, 'a teammate commits meanwhile');

async function refusal(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}

describe('acceptRunChanges', () => {
  it('commits only the changed paths onto the start tip, with trailers, leaving every other entry and the work tree as they were', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    writeFileSync(join(dir, 'README.md'), '# fleet\nuncommitted edit\n');
    const status = git(dir, 'status', '--porcelain');
    const wc = await workingCopy(workspace, startTip);
    writeFileSync(join(wc, 'src/app.ts'), lines('app', 10, { 3: 'the run changed line 3' }));
    writeFileSync(join(wc, 'src/new.ts'), 'export const added = true;\n');
    rmSync(join(wc, 'src/util.ts'));
    const files = [changed('src/app.ts', 'modified'), changed('src/new.ts', 'added', { oldMode: null }), changed('src/util.ts', 'deleted', { newMode: null })];

    const result = await acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files, message: 'fleet-hub: add the new export', trailers: TRAILERS });

    expect(result).toEqual({ commit: git(dir, 'rev-parse', BRANCH), tip: startTip, merged: false });
    expect(git(dir, 'rev-list', '--parents', '-n', '1', result.commit)).toBe(`${result.commit} ${startTip}`);
    expect(git(dir, 'diff', '--name-status', startTip, result.commit)).toBe('M\tsrc/app.ts\nA\tsrc/new.ts\nD\tsrc/util.ts');
    expect(git(dir, 'show', '--stat', '--format=%s', result.commit)).toMatch(/^fleet-hub: add the new export\n\n src\/app.ts +\| 2 \+-\n src\/new.ts +\| 1 \+\n src\/util.ts \| 4 ----\n 3 files changed/);
    expect(git(dir, 'show', `${result.commit}:src/app.ts`)).toContain('the run changed line 3');
    const trailers = git(dir, 'log', '-1', '--format=%(trailers:only,unfold)', result.commit);
    expect(trailers).toBe(Object.entries(TRAILERS).map(([k, v]) => `${k}: ${v}`).join('\n'));
    expect(git(dir, 'log', '-1', '--format=%an <%ae>', result.commit)).toBe(git(dir, 'log', '-1', '--format=%an <%ae>', startTip));
    // The Latin-1 name, the executable, the symbolic link and the submodule keep their ids and modes.
    const untouched = treeWithout(dir, result.commit, ['src/app.ts', 'src/new.ts']);
    expect(untouched).toEqual(treeWithout(dir, startTip, ['src/app.ts', 'src/util.ts']));
    expect(untouched.get('docs/caf\xe9.txt')).toMatch(/^100644 /);
    expect(untouched.get('bin/run.sh')).toMatch(/^100755 /);
    expect(untouched.get('app-link')).toMatch(/^120000 /);
    expect(untouched.get('vendor/lib')).toMatch(/^160000 /);
    expect(git(dir, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
  });

  it('records renames, modes and link changes as the working copy holds them, and a file replacing a folder the run emptied', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    const wc = await workingCopy(workspace, startTip);
    rmSync(join(wc, 'src/util.ts'));
    mkdirSync(join(wc, 'lib'));
    writeFileSync(join(wc, 'lib/util.ts'), lines('util', 4));
    chmodSync(join(wc, 'src/app.ts'), 0o755);
    rmSync(join(wc, 'app-link'));
    symlinkSync('README.md', join(wc, 'app-link'));
    rmSync(join(wc, 'bin'), { recursive: true });
    writeFileSync(join(wc, 'bin'), 'bin is a file now\n');
    const files = [
      changed('lib/util.ts', 'renamed', { oldPath: 'src/util.ts' }),
      changed('src/app.ts', 'mode-changed', { newMode: '100755' }),
      changed('app-link', 'modified', { oldMode: '120000', newMode: '120000' }),
      changed('bin/run.sh', 'deleted', { oldMode: '100755', newMode: null }),
      changed('bin', 'added', { oldMode: null }),
    ];

    const { commit } = await acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files, message: 'reshape', trailers: {} });

    expect(git(dir, 'diff', '--name-status', '-M', startTip, commit).split('\n').sort()).toEqual(
      ['R100\tsrc/util.ts\tlib/util.ts', 'M\tsrc/app.ts', 'M\tapp-link', 'D\tbin/run.sh', 'A\tbin'].sort(),
    );
    expect(git(dir, 'ls-tree', commit, 'src/app.ts')).toMatch(/^100755 /);
    expect(git(dir, 'ls-tree', commit, 'app-link')).toMatch(/^120000 /);
    expect(git(dir, 'cat-file', '-p', `${commit}:app-link`)).toBe('README.md');
    expect(git(dir, 'ls-tree', commit, 'bin')).toMatch(/^100644 blob /);
    expect(git(dir, 'ls-tree', commit, 'vendor/lib')).toBe(git(dir, 'ls-tree', startTip, 'vendor/lib'));
    expect(git(dir, 'log', '-1', '--format=%B', commit)).toBe('reshape');
    expect(git(dir, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
  });

  it('merges the change three ways onto a tip that moved during review', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    const wc = await workingCopy(workspace, startTip);
    writeFileSync(join(wc, 'src/app.ts'), lines('app', 10, { 2: 'run line 2' }));
    const moved = moveBranch(dir, { 'src/app.ts': lines('app', 10, { 9: 'teammate line 9' }), 'src/other.ts': 'other\n' });

    const result = await acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files: [changed('src/app.ts', 'modified')], message: 'run', trailers: TRAILERS });

    expect(result).toEqual({ commit: git(dir, 'rev-parse', BRANCH), tip: moved, merged: true });
    expect(git(dir, 'rev-list', '--parents', '-n', '1', result.commit)).toBe(`${result.commit} ${moved}`);
    expect(git(dir, 'diff', '--name-status', moved, result.commit)).toBe('M\tsrc/app.ts');
    const app = git(dir, 'show', `${result.commit}:src/app.ts`);
    expect(app).toContain('run line 2');
    expect(app).toContain('teammate line 9');
    expect(git(dir, 'show', `${result.commit}:src/other.ts`)).toBe('other');
    // The same tree git's own merge makes of the teammate's tip and the run's change on the start tip.
    const alone = join(makeTempDir(), 'alone');
    git(dir, 'worktree', 'add', '-q', '--detach', alone, startTip);
    const runAlone = commitFiles(alone, { 'src/app.ts': lines('app', 10, { 2: 'run line 2' }) }, 'the run alone');
    git(dir, 'worktree', 'remove', alone);
    expect(git(dir, 'merge-tree', '--write-tree', moved, runAlone)).toBe(git(dir, 'rev-parse', `${result.commit}^{tree}`));
    expect(git(dir, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
  });

  it('refuses with MERGE_CONFLICT naming the paths when the moved tip changed the same lines, writing nothing', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    const wc = await workingCopy(workspace, startTip);
    writeFileSync(join(wc, 'src/app.ts'), lines('app', 10, { 5: 'run line 5' }));
    writeFileSync(join(wc, 'src/new.ts'), 'new\n');
    const moved = moveBranch(dir, { 'src/app.ts': lines('app', 10, { 5: 'teammate line 5' }) });
    const loose = looseObjects(dir);

    const error = await refusal(
      acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files: [changed('src/app.ts', 'modified'), changed('src/new.ts', 'added')], message: 'run', trailers: {} }),
    );

    expect(error.code).toBe('MERGE_CONFLICT');
    expect(error.data).toMatchObject({ branch: BRANCH, startTip, tip: moved, paths: ['src/app.ts'], conflicts: [{ path: 'src/app.ts', kind: 'content' }] });
    expect(error.message).toContain('src/app.ts');
    expect(git(dir, 'rev-parse', BRANCH)).toBe(moved);
    expect(looseObjects(dir)).toBe(loose);
  });

  it('refuses a branch checked out in a working tree, naming it, before writing anything', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    const wc = await workingCopy(workspace, startTip);
    writeFileSync(join(wc, 'src/new.ts'), 'new\n');
    const wt = join(makeTempDir(), 'checked-out');
    git(dir, 'worktree', 'add', '-q', wt, BRANCH);
    const loose = looseObjects(dir);

    const error = await refusal(acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files: [changed('src/new.ts', 'added')], message: 'run', trailers: {} }));

    expect(error.code).toBe('BRANCH_CHECKED_OUT');
    expect(error.data).toMatchObject({ branch: BRANCH, worktree: wt, state: 'checked-out' });
    expect(error.message).toContain(wt);
    expect(git(dir, 'rev-parse', BRANCH)).toBe(startTip);
    expect(looseObjects(dir)).toBe(loose);
  });

  it('refuses an empty change, a change that leaves the tree as it was, and a path through a link in the working copy', async () => {
    const { dir, workspace, startTip } = await acceptFixture();
    const wc = await workingCopy(workspace, startTip);
    const accept = (files: ReturnType<typeof changed>[]) => refusal(acceptRunChanges({ workspace, moduleId: MODULE, startTip, dir: wc, files, message: 'run', trailers: {} }));

    const empty = await accept([]);
    expect([empty.code, empty.message]).toEqual(['INVALID_INPUT', 'There is nothing to accept: the run changed no file of fleet-hub.']);
    const same = await accept([changed('src/app.ts', 'modified')]);
    expect(same.message).toMatch(/the run's files are the same as on module\/fleet-hub/);
    // A folder swapped for a link that leads out of the working copy: its files are never read.
    const outside = makeTempDir();
    writeFileSync(join(outside, 'secret.ts'), 'outside\n');
    rmSync(join(wc, 'src'), { recursive: true });
    symlinkSync(outside, join(wc, 'src'));
    const escape = await accept([changed('src/secret.ts', 'added')]);
    expect(escape.message).toContain('"src" is not a folder');
    expect(git(dir, 'rev-parse', BRANCH)).toBe(startTip);
  });
});
