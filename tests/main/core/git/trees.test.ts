// Writing: blobs, trees and commits through isomorphic-git, and updateTree's nested adds, replaces and deletes.

import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const PERSON = { name: 'Fleet Tester', email: 'tester@example.com', timestamp: 1_700_000_000, timezoneOffset: -60 };

function lsTree(dir: string, rev: string): string[] {
  return git(dir, 'ls-tree', '-r', '-z', rev).split('\0').filter(Boolean);
}

/** A repository with nested folders, an executable script and files that share folders. */
function projectRepo(): { dir: string; tip: string } {
  const dir = initRepo();
  commitFiles(dir, {
    'README.md': '# Project\n',
    'web/src/pages/fleet.tsx': 'fleet page\n',
    'web/src/pages/drivers.tsx': 'drivers page\n',
    'api/src/routes/fleet.ts': 'fleet routes\n',
    'enhancements/fleet-hub/AS_IS_ANALYSIS.md': 'as is\n',
    'scripts/deploy.sh': '#!/bin/sh\n',
  }, 'initial');
  chmodSync(join(dir, 'scripts/deploy.sh'), 0o755);
  const tip = commitFiles(dir, {}, 'make deploy executable');
  return { dir, tip };
}

describe('updateTree', () => {
  it('adds, replaces and deletes nested files; git sees exactly the expected tree, modes kept, empty folders gone', async () => {
    const { dir, tip } = projectRepo();
    const repo = await GitRepository.open(dir);
    const base = await repo.readCommit(tip);
    const changes = {
      'enhancements/fleet-hub/TO_BE_DESIGN.md': await repo.writeBlob('# To be\n'),
      'enhancements/drivers-hub/AS_IS_ANALYSIS.md': await repo.writeBlob(Buffer.from('# Drivers\n')),
      'README.md': await repo.writeBlob('# Project, edited\n'),
      'scripts/deploy.sh': await repo.writeBlob('#!/bin/sh\necho deploy\n'),
      'api/src/routes/fleet.ts': null,
      'web/src/pages/not-there.tsx': null,
    };
    const tree = await repo.updateTree(base.tree, changes);
    const commit = await repo.writeCommit({ tree, parents: [tip], author: PERSON, message: 'Update documents\n' });
    // As a commit in that working tree would (the tree's shape is the point here, not who may move main).
    await repo.updateRef('refs/heads/main', commit, tip, 'commit: update documents', { ownsWorkingTrees: true });

    const blob = (path: string) => git(dir, 'rev-parse', `HEAD:${path}`);
    expect(lsTree(dir, 'HEAD')).toEqual([
      `100644 blob ${blob('README.md')}\tREADME.md`,
      `100644 blob ${changes['enhancements/drivers-hub/AS_IS_ANALYSIS.md']}\tenhancements/drivers-hub/AS_IS_ANALYSIS.md`,
      `100644 blob ${blob('enhancements/fleet-hub/AS_IS_ANALYSIS.md')}\tenhancements/fleet-hub/AS_IS_ANALYSIS.md`,
      `100644 blob ${changes['enhancements/fleet-hub/TO_BE_DESIGN.md']}\tenhancements/fleet-hub/TO_BE_DESIGN.md`,
      `100755 blob ${changes['scripts/deploy.sh']}\tscripts/deploy.sh`,
      `100644 blob ${blob('web/src/pages/drivers.tsx')}\tweb/src/pages/drivers.tsx`,
      `100644 blob ${blob('web/src/pages/fleet.tsx')}\tweb/src/pages/fleet.tsx`,
    ]);
    expect(git(dir, 'show', 'HEAD:README.md')).toBe('# Project, edited');
    expect(git(dir, 'log', '-1', '--format=%an <%ae> %at %ai%n%B')).toBe('Fleet Tester <tester@example.com> 1700000000 2023-11-14 23:13:20 +0100\nUpdate documents');
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
    // Objects appear whole and read-only, as git writes them, with no temp files left behind.
    const blobFile = join(dir, '.git', 'objects', changes['README.md'].slice(0, 2), changes['README.md'].slice(2));
    expect(statSync(blobFile).mode & 0o777).toBe(0o444);
    expect(readdirSync(join(dir, '.git', 'objects'), { recursive: true }).filter((name) => String(name).includes('tmp_obj_'))).toEqual([]);
    expect(await repo.listFiles(tree)).toEqual(git(dir, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean));
  });

  it('writes only the trees on changed paths and shares every untouched subtree with the base', async () => {
    const { dir, tip } = projectRepo();
    const repo = await GitRepository.open(dir);
    const base = await repo.readCommit(tip);
    const tree = await repo.updateTree(base.tree, { 'enhancements/fleet-hub/AS_IS_ANALYSIS.md': await repo.writeBlob('new\n') });
    for (const folder of ['web', 'web/src/pages', 'api', 'scripts']) {
      expect((await repo.entryAtPath(tree, folder))!.oid, folder).toBe((await repo.entryAtPath(base.tree, folder))!.oid);
    }
    expect((await repo.entryAtPath(tree, 'enhancements'))!.oid).not.toBe((await repo.entryAtPath(base.tree, 'enhancements'))!.oid);
    expect(await repo.updateTree(base.tree, { 'README.md': (await repo.entryAtPath(base.tree, 'README.md'))!.oid })).toBe(base.tree);
    expect(await repo.updateTree(base.tree, { 'no/such/file.md': null })).toBe(base.tree);
  });

  it('replaces a file by a folder only once the file is deleted (never silently), and deleting everything gives the empty tree', async () => {
    const { dir, tip } = projectRepo();
    const repo = await GitRepository.open(dir);
    const base = await repo.readCommit(tip);
    const blob = await repo.writeBlob('x\n');
    await expect(repo.updateTree(base.tree, { 'README.md/inside.md': blob })).rejects.toMatchObject({ code: 'PATH_OCCUPIED', data: { existingPath: 'README.md' } });
    await expect(repo.updateTree(base.tree, { api: blob })).rejects.toMatchObject({ code: 'PATH_OCCUPIED', data: { existingPath: 'api' } });
    const withoutReadme = await repo.updateTree(base.tree, { 'README.md': null });
    const swapped = await repo.updateTree(withoutReadme, { 'README.md/inside.md': blob });
    expect(await repo.entryAtPath(swapped, 'README.md')).toMatchObject({ type: 'tree' });
    const everything = Object.fromEntries((await repo.listFiles(base.tree)).map((path) => [path, null]));
    expect(await repo.updateTree(base.tree, everything)).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
    expect(git(dir, 'cat-file', '-t', '4b825dc642cb6eb9a060e54bf8d69288fbee4904')).toBe('tree');
  });

  it('refuses paths that cannot be stored: .git, dot parts, empty parts, and a path used as file and folder at once', async () => {
    const { dir, tip } = projectRepo();
    const repo = await GitRepository.open(dir);
    const base = await repo.readCommit(tip);
    const blob = await repo.writeBlob('x\n');
    for (const path of ['.git/config', 'a/../b', 'a//b', '/abs', 'docs/.GIT/x', './x']) {
      await expect(repo.updateTree(base.tree, { [path]: blob }), path).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(repo.updateTree(base.tree, { docs: blob, 'docs/a.md': blob })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(repo.updateTree(base.tree, { 'a.md': 'not-an-oid' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(repo.writeCommit({ tree: base.tree, parents: [], author: { ...PERSON, name: 'Evil <x>' }, message: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('writes from a linked worktree into the shared object folder', async () => {
    const { dir, tip } = projectRepo();
    const worktree = join(makeTempDir(), 'wt-trees');
    git(dir, 'worktree', 'add', '-q', '--detach', worktree);
    const repo = await GitRepository.open(worktree);
    const blob = await repo.writeBlob('from the worktree\n');
    const tree = await repo.updateTree((await repo.readCommit(tip)).tree, { 'wt.md': blob });
    const commit = await repo.writeCommit({ tree, parents: [tip], author: PERSON, message: 'wt\n' });
    await repo.updateRef('refs/heads/from-wt', commit, null, 'worktree commit');
    expect(git(dir, 'show', 'from-wt:wt.md')).toBe('from the worktree');
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
  });
});
