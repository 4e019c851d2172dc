// A base branch that has the documents folder or .fleet as a file, a symbolic link or a submodule: init refuses by
// name before any ref is created or moved, another documents folder works, and later writes refuse the same.

import { afterAll, describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../../../src/main/api';
import { createFleetApp } from '../../../../src/main/core/app';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { commitDocuments } from '../../../../src/main/core/docs/commit-docs';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { defaultManifest } from '../../../../src/shared/catalog';
import type { JobFinished } from '../../../../src/shared/types';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

type Shape = 'file' | 'symlink' | 'submodule';

/** A repository whose main holds `path` as the given kind of entry. */
function repoWith(path: string, shape: Shape): string {
  const dir = initRepo();
  const first = commitFiles(dir, { 'README.md': '# app\n', 'src/app.ts': 'export {}\n' }, 'first');
  if (shape === 'file') commitFiles(dir, { [path]: 'notes the team keeps\n' }, `add ${path}`);
  if (shape === 'symlink') {
    symlinkSync('README.md', join(dir, path));
    commitFiles(dir, {}, `add ${path}`);
  }
  if (shape === 'submodule') addGitlink(dir, path, first);
  return dir;
}

/** Commits a submodule entry (a gitlink) at `path` without a work tree folder (so not through `git add -A`). */
function addGitlink(dir: string, path: string, commit: string): void {
  git(dir, 'update-index', '--add', '--cacheinfo', `160000,${commit},${path}`);
  git(dir, 'commit', '-q', '-m', `add submodule ${path}`);
}

const refs = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)');
const smallManifest = () => ({ ...defaultManifest('main'), modules: defaultManifest('main').modules.slice(0, 3) });

describe('initWorkspace on a base with the documents folder or .fleet taken', () => {
  for (const shape of ['file', 'symlink', 'submodule'] as const) {
    for (const path of ['enhancements', '.fleet']) {
      it(`refuses when main has ${path} as a ${shape}, naming it, and creates or moves no ref`, async () => {
        const dir = repoWith(path, shape);
        const before = refs(dir);
        const error = await initWorkspace(await GitRepository.open(dir), { manifest: smallManifest() }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'PATH_OCCUPIED', data: { path, kind: shape === 'symlink' ? 'symbolic link' : shape, branch: 'main' } });
        const message = (error as Error).message;
        expect(message).toContain(`"${path}" as a ${shape === 'symlink' ? 'symbolic link' : shape}`);
        if (path === 'enhancements') expect(message).toMatch(/--docs-folder <folder>/);
        else expect(message).toMatch(/Rename or remove "\.fleet" on main/);
        expect(refs(dir)).toBe(before);
        expect(git(dir, 'ls-tree', 'main', path)).toContain(shape === 'submodule' ? '160000 commit' : shape === 'symlink' ? '120000 blob' : '100644 blob');
      });
    }
  }

  it('works with another documents folder, and every branch keeps the file the base has', async () => {
    const dir = repoWith('enhancements', 'file');
    const result = await initWorkspace(await GitRepository.open(dir), { manifest: smallManifest(), docsFolder: 'docs/fleet' });
    expect(result.createdBranches).toHaveLength(3);
    const blob = git(dir, 'rev-parse', 'main:enhancements');
    for (const branch of ['fleet/workspace', ...result.createdBranches]) expect(git(dir, 'rev-parse', `${branch}:enhancements`)).toBe(blob);
    expect(JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json')).docsFolder).toBe('docs/fleet');
    expect(git(dir, 'ls-tree', '--name-only', result.createdBranches[0]!, 'docs/fleet/')).toBe(`docs/fleet/${smallManifest().modules[0]!.id}`);
    expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
  });

  it('refuses a folder above the documents folder that is a file, and a module folder that is one', async () => {
    const above = repoWith('docs', 'symlink');
    await expect(initWorkspace(await GitRepository.open(above), { manifest: smallManifest(), docsFolder: 'docs/fleet' })).rejects.toMatchObject({
      code: 'PATH_OCCUPIED',
      data: { path: 'docs', kind: 'symbolic link', docsFolder: 'docs/fleet' },
    });
    const moduleId = smallManifest().modules[2]!.id;
    const dir = repoWith(`enhancements/${moduleId}`, 'file');
    const before = refs(dir);
    await expect(initWorkspace(await GitRepository.open(dir), { manifest: smallManifest() })).rejects.toMatchObject({
      code: 'PATH_OCCUPIED',
      data: { path: `enhancements/${moduleId}`, kind: 'file', moduleId },
    });
    expect(refs(dir)).toBe(before);
  });
});

describe('initWorkspace through the contract', () => {
  it('answers the call itself with PATH_OCCUPIED (no job), and initialises with the documents folder the user chose', async () => {
    const dir = repoWith('enhancements', 'submodule');
    const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
    try {
      const dispatcher = createDispatcher(app.handlers, () => undefined);
      await app.openWorkspace(dir);
      const before = refs(dir);
      expect(await dispatcher.call('initWorkspace', {})).toMatchObject({ ok: false, error: { code: 'PATH_OCCUPIED', data: { path: 'enhancements', kind: 'submodule' } } });
      expect(await dispatcher.call('initWorkspace', { docsFolder: '../up' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(refs(dir)).toBe(before);
      const finished = new Promise<JobFinished>((resolve) => app.onEvent((name, payload) => name === 'jobFinished' && resolve(payload as JobFinished)));
      expect(await dispatcher.call('initWorkspace', { docsFolder: 'fleet-docs' })).toMatchObject({ ok: true });
      expect(await finished).toMatchObject({ ok: true });
      expect(git(dir, 'ls-tree', 'module/fleet-hub', 'enhancements')).toMatch(/^160000 commit /);
      expect(git(dir, 'ls-tree', '--name-only', 'module/fleet-hub', 'fleet-docs/')).toBe('fleet-docs/fleet-hub');
    } finally {
      await app.dispose();
    }
  });
});

describe('later writes', () => {
  it('a document commit refuses when its folder became a submodule on the branch, and moves nothing', async () => {
    const dir = initRepo();
    const first = commitFiles(dir, { 'README.md': '# app\n' }, 'first');
    const repo = await GitRepository.open(dir);
    const { createdBranches } = await initWorkspace(repo, { manifest: smallManifest() });
    const branch = createdBranches[0]!;
    const moduleId = smallManifest().modules[0]!.id;
    git(dir, 'checkout', '-q', branch);
    git(dir, 'rm', '-r', '-q', 'enhancements');
    addGitlink(dir, 'enhancements', first);
    git(dir, 'checkout', '-q', 'main');
    repo.invalidateRefs();
    const tip = git(dir, 'rev-parse', branch);
    await expect(
      commitDocuments(repo, { branch, expectedTip: tip, changes: [{ path: `enhancements/${moduleId}/AS_IS_ANALYSIS.md`, content: '# As is\n' }], message: 'As is' }),
    ).rejects.toMatchObject({ code: 'PATH_OCCUPIED', data: { existingPath: 'enhancements', existingKind: 'a submodule' } });
    expect(git(dir, 'rev-parse', branch)).toBe(tip);
  });

  it('updateTree never replaces a folder, a symbolic link or a submodule with a file, nor deletes a folder as a file', async () => {
    const dir = repoWith('linked', 'symlink');
    addGitlink(dir, 'vendor/lib', git(dir, 'rev-parse', 'HEAD'));
    const repo = await GitRepository.open(dir);
    const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
    const blob = await repo.writeBlob('text\n');
    for (const [path, value, existing] of [
      ['src', blob, 'src'],
      ['linked', blob, 'linked'],
      ['vendor/lib', blob, 'vendor/lib'],
      ['vendor/lib/x.md', blob, 'vendor/lib'],
      ['README.md/x.md', blob, 'README.md'],
      ['src', null, 'src'],
    ] as const) {
      await expect(repo.updateTree(tree, { [path]: value }), path).rejects.toMatchObject({ code: 'PATH_OCCUPIED', data: { existingPath: existing } });
    }
    // Deleting the link or the submodule itself is a file-level change git makes too.
    const without = await repo.updateTree(tree, { linked: null, 'vendor/lib': null, 'README.md/x.md': null });
    expect(git(dir, 'ls-tree', '-r', '--name-only', without).split('\n')).toEqual(['README.md', 'src/app.ts']);
  });
});
