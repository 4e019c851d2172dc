// updateManifest against a real repository: the commit lands on the workspace branch (checked with the git CLI),
// HEAD, the index and the working tree stay as they were, and a moved branch or an invalid manifest writes nothing.

import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { updateManifest } from '../../../../src/main/core/workspace/manifest-update';
import { FleetError } from '../../../../src/shared/errors';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

afterAll(cleanupTempDirs);

async function initialisedRepo(): Promise<{ dir: string; workspace: Workspace }> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# app\n', 'src/pages/drivers/DriverList.tsx': 'export {}\n' }, 'first');
  await initWorkspace((await Workspace.open(dir)).repo);
  // An uncommitted edit and a staged file: the user keeps coding in this clone while the manifest changes.
  writeFiles(dir, { 'staged.md': 'staged\n', 'README.md': '# app, edited\n' });
  git(dir, 'add', 'staged.md');
  return { dir, workspace: await Workspace.open(dir) };
}

function workTree(dir: string) {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    index: createHash('sha1').update(readFileSync(join(dir, '.git', 'index'))).digest('hex'),
  };
}

const committedManifest = (dir: string) => JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json'));

async function refusal(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}

describe('updateManifest', () => {
  it('commits the changed manifest on fleet/workspace and leaves HEAD, the index and the working tree alone', async () => {
    const { dir, workspace } = await initialisedRepo();
    const before = workTree(dir);
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    const result = await updateManifest(workspace, {
      expectedTip: tip,
      message: 'Drivers Hub: path patterns + src/pages/drivers/**',
      change: (m) => ({ ...m, modules: m.modules.map((mod) => (mod.id === 'drivers-hub' ? { ...mod, patterns: ['src/pages/drivers/**'] } : mod)) }),
    });

    expect(result.commit).toBe(git(dir, 'rev-parse', 'fleet/workspace'));
    expect(git(dir, 'rev-parse', `${result.commit}^`)).toBe(tip);
    expect(git(dir, 'log', '-1', '--format=%s', 'fleet/workspace')).toBe('Drivers Hub: path patterns + src/pages/drivers/**');
    const manifest = committedManifest(dir);
    expect(manifest.modules.find((m: { id: string }) => m.id === 'drivers-hub').patterns).toEqual(['src/pages/drivers/**']);
    expect(manifest.modules.find((m: { id: string }) => m.id === 'fleet-hub').patterns).toEqual(['**/*fleet*/**', '**/*fleet*', '**/*vehicle*/**', '**/*vehicle*']);
    expect(git(dir, 'diff', '--name-only', tip, result.commit!)).toBe('.fleet/manifest.json');
    expect(workTree(dir)).toEqual(before);
    expect(git(dir, 'fsck', '--no-progress')).toBe('');
    expect(workspace.manifestCommit).toBe(result.commit);
  });

  it('refuses with BRANCH_MOVED when the workspace branch moved since the edit began, and writes nothing', async () => {
    const { dir, workspace } = await initialisedRepo();
    const startedAt = git(dir, 'rev-parse', 'fleet/workspace');
    // Someone else commits to the workspace branch from a terminal meanwhile.
    const wt = join(makeTempDir(), 'wt');
    git(dir, 'worktree', 'add', '-q', wt, 'fleet/workspace');
    commitFiles(wt, { 'FLEET_ENHANCEMENT_SUMMARY.md': '# Summary\n' }, 'summary from a terminal');
    const moved = git(dir, 'rev-parse', 'fleet/workspace');

    const error = await refusal(updateManifest(workspace, { expectedTip: startedAt, message: 'x', change: (m) => ({ ...m, baseBranch: 'main' }) }));
    expect(error.code).toBe('BRANCH_MOVED');
    expect(error.message).toMatch(/fleet\/workspace moved since this edit began/);
    expect(error.data).toMatchObject({ expected: startedAt, actual: moved });
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(moved);
  });

  it('refuses an invalid manifest with MANIFEST_INVALID naming the field, and leaves the branch unchanged', async () => {
    const { dir, workspace } = await initialisedRepo();
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    const error = await refusal(
      updateManifest(workspace, {
        expectedTip: tip,
        message: 'bad',
        change: (m) => ({ ...m, modules: m.modules.map((mod, i) => (i === 1 ? { ...mod, category: 'no-such-category' } : mod)) }),
      }),
    );
    expect(error.code).toBe('MANIFEST_INVALID');
    expect(error.message).toContain('modules[1].category: unknown category "no-such-category"');
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(tip);
    expect(committedManifest(dir).modules[1].category).toBe('core');
  });

  it('makes no commit when the change leaves the manifest as it is', async () => {
    const { dir, workspace } = await initialisedRepo();
    const tip = git(dir, 'rev-parse', 'fleet/workspace');
    const result = await updateManifest(workspace, { message: 'nothing', change: (m) => m });
    expect(result.commit).toBeNull();
    expect(git(dir, 'rev-parse', 'fleet/workspace')).toBe(tip);
  });

  it('refuses to edit the manifest of a workspace that is not initialised', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'README.md': '# app\n' }, 'first');
    const error = await refusal(updateManifest(await Workspace.open(dir), { message: 'x', change: (m) => m }));
    expect(error.code).toBe('NOT_INITIALISED');
    expect(git(dir, 'branch', '--list', 'fleet/workspace')).toBe('');
  });
});
