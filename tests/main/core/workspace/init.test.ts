import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { renderTemplate } from '../../../../src/main/core/docs/templates';
import { DEFAULT_MODULES } from '../../../../src/shared/catalog';
import { DOC_FILE_NAMES } from '../../../../src/shared/documents';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

afterAll(cleanupTempDirs);

function sampleRepo(): string {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# app\n', 'web/src/pages/FleetPage.tsx': 'export {}\n', 'api/src/routes/drivers.routes.ts': 'export {}\n' }, 'first');
  commitFiles(dir, { 'api/src/services/fuel.service.ts': 'export {}\n' }, 'second');
  return dir;
}

function refsSnapshot(dir: string): string {
  return git(dir, 'for-each-ref', '--format=%(refname) %(objectname)');
}

function workTreeSnapshot(dir: string) {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    symbolic: git(dir, 'symbolic-ref', '-q', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    index: createHash('sha1').update(readFileSync(join(dir, '.git', 'index'))).digest('hex'),
  };
}

describe('initWorkspace', () => {
  it('creates the workspace branch with the manifest and one module branch per module, each base + 5 templates', async () => {
    const dir = sampleRepo();
    const baseTip = git(dir, 'rev-parse', 'main');
    const workspace = await Workspace.open(dir);
    const result = await initWorkspace(workspace.repo);

    expect(result.manifestCommitted).toBe(true);
    expect(result.createdBranches).toHaveLength(32);
    expect(git(dir, 'rev-parse', 'fleet/workspace^')).toBe(baseTip);
    const manifest = JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json'));
    expect(manifest.baseBranch).toBe('main');
    expect(manifest.modules).toHaveLength(32);
    expect(git(dir, 'diff', '--name-only', 'main', 'fleet/workspace')).toBe('.fleet/manifest.json');

    for (const module of DEFAULT_MODULES) {
      const branch = `module/${module.id}`;
      expect(git(dir, 'rev-parse', `${branch}^`)).toBe(baseTip);
      const added = git(dir, 'diff', '--name-status', 'main', branch).split('\n').sort();
      expect(added).toEqual(Object.values(DOC_FILE_NAMES).map((f) => `A\tenhancements/${module.id}/${f}`).sort());
      expect(git(dir, 'show', `${branch}:enhancements/${module.id}/AS_IS_ANALYSIS.md`)).toBe(renderTemplate(module, 'as-is').trimEnd());
    }
    expect(git(dir, 'fsck', '--strict', '--no-progress')).toBe('');
    expect(git(dir, 'rev-parse', 'main')).toBe(baseTip);
  });

  it('leaves HEAD, the index and a dirty working tree exactly as they were, even on a detached HEAD', async () => {
    const dir = sampleRepo();
    writeFiles(dir, { 'README.md': '# app\nuncommitted edit\n', 'scratch.txt': 'untracked\n' });
    git(dir, 'add', 'scratch.txt');
    const before = workTreeSnapshot(dir);
    await initWorkspace((await Workspace.open(dir)).repo);
    expect(workTreeSnapshot(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('uncommitted edit');

    const detached = sampleRepo();
    git(detached, 'checkout', '-q', '--detach', 'HEAD~1');
    const head = git(detached, 'rev-parse', 'HEAD');
    await initWorkspace((await Workspace.open(detached)).repo);
    expect(git(detached, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(detached, 'rev-parse', 'module/fleet-hub^')).toBe(git(detached, 'rev-parse', 'main'));
  });

  it('changes nothing when run again, and never overwrites a written document', async () => {
    const dir = sampleRepo();
    await initWorkspace((await Workspace.open(dir)).repo);
    const wt = join(makeTempDir(), 'wt-fleet');
    git(dir, 'worktree', 'add', '-q', wt, 'module/fleet-hub');
    commitFiles(wt, { 'enhancements/fleet-hub/AS_IS_ANALYSIS.md': '# Fleet hub\n\nReal analysis.\n' }, 'write as-is');
    const before = refsSnapshot(dir);

    const again = await initWorkspace((await Workspace.open(dir)).repo);
    expect(again.createdBranches).toEqual([]);
    expect(again.existingBranches).toHaveLength(32);
    expect(again.manifestCommitted).toBe(false);
    expect(refsSnapshot(dir)).toBe(before);
    expect(git(dir, 'show', 'module/fleet-hub:enhancements/fleet-hub/AS_IS_ANALYSIS.md')).toContain('Real analysis.');
  });

  it('creates the branch of a module added to the manifest later', async () => {
    const dir = sampleRepo();
    await initWorkspace((await Workspace.open(dir)).repo);
    const wt = join(makeTempDir(), 'wt-workspace');
    git(dir, 'worktree', 'add', '-q', wt, 'fleet/workspace');
    const manifest = JSON.parse(readFileSync(join(wt, '.fleet/manifest.json'), 'utf8'));
    manifest.modules.push({ id: 'route-planning', title: 'Route Planning', category: 'operational', patterns: ['**/*route*'] });
    commitFiles(wt, { '.fleet/manifest.json': JSON.stringify(manifest, null, 2) }, 'add route planning');
    git(dir, 'worktree', 'remove', wt);

    const result = await initWorkspace((await Workspace.open(dir)).repo);
    expect(result.createdBranches).toEqual(['module/route-planning']);
    expect(git(dir, 'ls-tree', '--name-only', 'module/route-planning', 'enhancements/route-planning/').split('\n')).toHaveLength(5);
  });

  it('refuses a base branch that does not exist and writes nothing', async () => {
    const dir = sampleRepo();
    const before = refsSnapshot(dir);
    await expect(initWorkspace((await Workspace.open(dir)).repo, { baseBranch: 'develop' })).rejects.toMatchObject({
      code: 'BASE_BRANCH_MISSING',
      message: expect.stringContaining('"develop" does not exist'),
    });
    expect(refsSnapshot(dir)).toBe(before);
  });

  it('uses master when there is no main', async () => {
    const dir = initRepo({ branch: 'master' });
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const result = await initWorkspace((await Workspace.open(dir)).repo);
    expect(result.createdBranches).toHaveLength(32);
    expect(JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json')).baseBranch).toBe('master');
  });
});
