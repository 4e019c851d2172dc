import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeModules } from '../../../../src/main/core/merge/merge-modules';
import { forecastMerges } from '../../../../src/main/core/merge/forecast';
import { listMergeTargets } from '../../../../src/main/core/merge/targets';
import { updateManifest } from '../../../../src/main/core/workspace/manifest-update';
import { cleanupTempDirs, git, makeTempDir, writeFiles } from '../../../helpers/git';
import { gitMergeTree, mergeFixture } from './merge-fixture';

afterAll(cleanupTempDirs);

const indexHash = (dir: string) => createHash('sha1').update(readFileSync(join(dir, '.git/index'))).digest('hex');
const isAncestor = (dir: string, a: string, b: string) => {
  try {
    git(dir, 'merge-base', '--is-ancestor', a, b);
    return true;
  } catch {
    return false;
  }
};

describe('mergeModules', () => {
  it('creates the integration branch from the base tip and merges clean modules in order, each a merge commit git agrees with', async () => {
    const { dir, workspace } = await mergeFixture();
    writeFiles(dir, { 'README.md': '# fleet\nlocal, uncommitted edit\n' });
    const status = git(dir, 'status', '--porcelain');
    const index = indexHash(dir);
    const mainTip = git(dir, 'rev-parse', 'main');
    const modules = ['drivers-hub', 'maintenance-hub', 'telematics', 'dispatch-system', 'ai-insights', 'assets-hub', 'communication-hub'];

    const report = await mergeModules(workspace, { target: 'integration', modules, expectedTargetTip: null });

    expect(report.stopped).toBe(false);
    expect(report.results.map((r) => [r.moduleId, r.outcome])).toEqual(modules.map((m) => [m, 'merged']));
    const tip = git(dir, 'rev-parse', 'fleet/integration');
    expect(report.target).toEqual({ kind: 'integration', branch: 'fleet/integration', tip });
    // One merge commit per module on the first-parent line, starting at the base tip.
    const firstParents = git(dir, 'rev-list', '--first-parent', `${mainTip}..fleet/integration`).split('\n').reverse();
    expect(firstParents).toEqual(report.results.map((r) => r.commit));
    expect(git(dir, 'rev-parse', `${firstParents[0]}^1`)).toBe(mainTip);
    for (const [i, moduleId] of modules.entries()) {
      const commit = firstParents[i]!;
      expect(git(dir, 'rev-parse', `${commit}^2`)).toBe(git(dir, 'rev-parse', `module/${moduleId}`));
      expect(git(dir, 'log', '-1', '--format=%s', commit)).toBe(`Merge module ${moduleId} (module/${moduleId}) into fleet/integration`);
      expect(isAncestor(dir, `module/${moduleId}`, 'fleet/integration')).toBe(true);
      // The merged tree is the tree git itself makes of the same two parents.
      expect(git(dir, 'rev-parse', `${commit}^{tree}`)).toBe(gitMergeTree(dir, `${commit}^1`, `${commit}^2`).tree);
    }
    expect(git(dir, 'rev-list', '--merges', '--count', `${mainTip}..fleet/integration`)).toBe(String(modules.length));
    const graph = git(dir, 'log', '--graph', '--format=%s', 'fleet/integration');
    for (const moduleId of modules) expect(graph).toMatch(new RegExp(`^\\*[ |\\\\]*Merge module ${moduleId} `, 'm'));
    expect(git(dir, 'show', 'fleet/integration:src/a.ts')).toContain('main line 5');
    expect(git(dir, 'ls-tree', 'fleet/integration', 'src/a.ts')).toMatch(/^100755 /);
    expect(git(dir, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
    // The base branch, HEAD, the index and the work tree are untouched.
    expect(git(dir, 'rev-parse', 'main')).toBe(mainTip);
    expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(indexHash(dir)).toBe(index);
  });

  it('stops at a conflicting module before writing anything for it: merged ones stay, the rest are skipped', async () => {
    const { dir, workspace } = await mergeFixture();
    const objectsBefore = () => git(dir, 'count-objects', '-v').split('\n').find((l) => l.startsWith('count:'));
    await mergeModules(workspace, { target: 'integration', modules: ['maintenance-hub'] });
    const afterFirst = git(dir, 'rev-parse', 'fleet/integration');
    const objects = objectsBefore();

    const report = await mergeModules(workspace, { target: 'integration', modules: ['drivers-hub', 'fleet-hub', 'inventory'], expectedTargetTip: afterFirst });

    expect(report.stopped).toBe(true);
    expect(report.results.map((r) => [r.moduleId, r.outcome])).toEqual([
      ['drivers-hub', 'merged'],
      ['fleet-hub', 'conflicts'],
      ['inventory', 'skipped'],
    ]);
    expect(report.results[1]!.conflicts).toEqual([{ path: 'shared/config.ts', kind: 'content' }]);
    expect(report.results[1]!.message).toContain('shared/config.ts');
    const tip = git(dir, 'rev-parse', 'fleet/integration');
    expect(tip).toBe(report.results[0]!.commit);
    expect(isAncestor(dir, 'module/fleet-hub', 'fleet/integration')).toBe(false);
    expect(isAncestor(dir, 'module/inventory', 'fleet/integration')).toBe(false);
    // Only drivers-hub's merge wrote objects (its merged config file, its trees and its commit).
    const written = Number(objectsBefore()!.split(' ')[1]) - Number(objects!.split(' ')[1]);
    expect(written).toBeLessThanOrEqual(5);
    expect(git(dir, 'fsck', '--strict', '--no-dangling', '--no-progress')).toBe('');
  });

  it('a module that conflicts only after another one is merged stops the run where the forecast said it would', async () => {
    const { dir, workspace } = await mergeFixture();
    const forecast = await forecastMerges(workspace, 'integration');
    const group = forecast.order.find((g) => g.modules.includes('procurement-hub'))!;
    const report = await mergeModules(workspace, { target: 'integration', modules: group.modules, expectedTargetTip: forecast.target.tip });
    expect(report.results.map((r) => r.outcome)).toEqual(['merged', 'conflicts']);
    expect(report.results[1]!.conflicts).toEqual(group.laterConflicts![0]!.conflicts);
    expect(isAncestor(dir, 'module/procurement-hub', 'fleet/integration')).toBe(true);
  });

  it('reports an already merged module as up to date and writes nothing for it', async () => {
    const { dir, workspace } = await mergeFixture();
    await mergeModules(workspace, { target: 'integration', modules: ['inventory'] });
    const tip = git(dir, 'rev-parse', 'fleet/integration');
    const report = await mergeModules(workspace, { target: 'integration', modules: ['inventory', 'user-management'], expectedTargetTip: tip });
    expect(report.results.map((r) => r.outcome)).toEqual(['up-to-date', 'up-to-date']);
    expect(git(dir, 'rev-parse', 'fleet/integration')).toBe(tip);
  });

  it('reports a module branch deleted outside the app as failed and merges the others', async () => {
    const { dir, workspace } = await mergeFixture();
    const report = await mergeModules(workspace, { target: 'integration', modules: ['cost-analytics', 'inventory'] });
    expect(report.results[0]).toMatchObject({ moduleId: 'cost-analytics', outcome: 'failed', message: expect.stringContaining('module/cost-analytics does not exist') });
    expect(report.results[1]!.outcome).toBe('merged');
    expect(isAncestor(dir, 'module/inventory', 'fleet/integration')).toBe(true);
  });

  it('refuses to merge into the base branch while it is checked out, offering the integration branch', async () => {
    const { dir, workspace } = await mergeFixture();
    const mainTip = git(dir, 'rev-parse', 'main');
    await expect(mergeModules(workspace, { target: 'base', modules: ['inventory'] })).rejects.toMatchObject({
      code: 'BRANCH_CHECKED_OUT',
      message: expect.stringContaining('fleet/integration'),
    });
    expect(git(dir, 'rev-parse', 'main')).toBe(mainTip);
  });

  it('refuses to merge into a branch checked out in a linked working tree', async () => {
    const { dir, workspace } = await mergeFixture();
    await mergeModules(workspace, { target: 'integration', modules: ['inventory'] });
    const tip = git(dir, 'rev-parse', 'fleet/integration');
    git(dir, 'worktree', 'add', '-q', join(makeTempDir('fleet-linked-'), 'wt'), 'fleet/integration');
    await expect(mergeModules(workspace, { target: 'integration', modules: ['drivers-hub'] })).rejects.toMatchObject({
      code: 'BRANCH_CHECKED_OUT',
      message: expect.stringContaining('fleet/integration is checked out'),
    });
    expect(git(dir, 'rev-parse', 'fleet/integration')).toBe(tip);
  });

  it('merges into the base branch only when the user chose it and it is not checked out', async () => {
    const { dir, workspace } = await mergeFixture();
    git(dir, 'checkout', '-q', '--detach');
    const mainTip = git(dir, 'rev-parse', 'main');
    const report = await mergeModules(workspace, { target: 'base', modules: ['drivers-hub'], expectedTargetTip: mainTip });
    expect(report.results[0]!.outcome).toBe('merged');
    expect(git(dir, 'rev-parse', 'main^1')).toBe(mainTip);
    expect(git(dir, 'rev-parse', 'main^2')).toBe(git(dir, 'rev-parse', 'module/drivers-hub'));
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
  });

  it('refuses with BRANCH_MOVED when the target moved since the forecast, and changes nothing', async () => {
    const { dir, workspace } = await mergeFixture();
    const forecast = await forecastMerges(workspace, 'integration', { modules: ['inventory'] });
    git(dir, 'branch', 'fleet/integration', 'main~1'); // someone created it meanwhile
    await expect(mergeModules(workspace, { target: 'integration', modules: ['inventory'], expectedTargetTip: forecast.target.tip })).rejects.toMatchObject({
      code: 'BRANCH_MOVED',
      message: expect.stringContaining('Run the forecast again'),
    });
    expect(git(dir, 'rev-parse', 'fleet/integration')).toBe(git(dir, 'rev-parse', 'main~1'));
  });

  it('refuses unknown and repeated modules by name before merging anything', async () => {
    const { dir, workspace } = await mergeFixture();
    await expect(mergeModules(workspace, { target: 'integration', modules: ['inventory', 'nope'] })).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND', message: expect.stringContaining('"nope"') });
    await expect(mergeModules(workspace, { target: 'integration', modules: ['inventory', 'inventory'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('twice') });
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
  });

  it('follows the manifest: its integration branch name and its default target', async () => {
    const { dir, workspace } = await mergeFixture();
    await updateManifest(workspace, { change: (m) => ({ ...m, integrationBranch: 'release/next', mergeTarget: 'base' }), message: 'Merge settings' });
    const targets = await listMergeTargets(workspace);
    // The fixture's own working tree has main checked out: the target says so (merging into it is refused).
    expect(targets.default).toEqual({ kind: 'base', branch: 'main', tip: git(dir, 'rev-parse', 'main'), heldBy: { state: 'checked-out', worktree: dir } });
    expect(targets.targets[1]).toEqual({ kind: 'integration', branch: 'release/next', tip: null, heldBy: null });
    const report = await mergeModules(workspace, { target: 'integration', modules: ['inventory'] });
    expect(report.target.branch).toBe('release/next');
    expect(isAncestor(dir, 'module/inventory', 'release/next')).toBe(true);
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
    await expect(updateManifest(workspace, { change: (m) => ({ ...m, integrationBranch: 'main' }), message: 'bad' })).rejects.toMatchObject({
      message: expect.stringContaining('integrationBranch: must differ from the base and workspace branches'),
    });
  });

  it('cancelled: the forecast stops with CANCELLED, a merge skips the modules it had not reached', async () => {
    const { dir, workspace } = await mergeFixture();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(forecastMerges(workspace, 'integration', { signal: cancelled.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    const report = await mergeModules(workspace, { target: 'integration', modules: ['inventory', 'drivers-hub'], signal: cancelled.signal });
    expect(report.results.map((r) => [r.moduleId, r.outcome])).toEqual([
      ['inventory', 'skipped'],
      ['drivers-hub', 'skipped'],
    ]);
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
  });
});
