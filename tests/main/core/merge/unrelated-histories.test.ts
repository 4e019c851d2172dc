import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { forecastMerges } from '../../../../src/main/core/merge/forecast';
import { mergeModules } from '../../../../src/main/core/merge/merge-modules';
import { FleetError } from '../../../../src/shared/errors';
import { GIT_ENV, cleanupTempDirs, git } from '../../../helpers/git';
import { gitMergeTree, mergeFixture } from './merge-fixture';

afterAll(cleanupTempDirs);

/** Points `branch` at a new history with a root of its own (one file), as `git checkout --orphan` would. */
function orphanHistory(dir: string, branch: string): string {
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env: GIT_ENV, input: 'foreign\n', encoding: 'utf8' }).trim();
  const tree = execFileSync('git', ['mktree'], { cwd: dir, env: GIT_ENV, input: `100644 blob ${blob}\tforeign.txt\n`, encoding: 'utf8' }).trim();
  const root = git(dir, 'commit-tree', tree, '-m', 'a history of its own');
  git(dir, 'update-ref', `refs/heads/${branch}`, root);
  return root;
}

/** git's own answer for merging `theirs` into `ours`: its refusal message, or null when it would merge. */
function gitRefusal(dir: string, ours: string, theirs: string): string | null {
  try {
    execFileSync('git', ['merge-tree', '--write-tree', ours, theirs], { cwd: dir, env: GIT_ENV, stdio: 'pipe' });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr);
  }
}

describe('unrelated histories', () => {
  it('forecasts a module branch with its own root as unrelated and refuses to merge it, naming the module, as git refuses', async () => {
    const { dir, workspace } = await mergeFixture();
    orphanHistory(dir, 'module/telematics');
    expect(gitRefusal(dir, 'main', 'module/telematics')).toMatch(/refusing to merge unrelated histories/);

    const forecast = await forecastMerges(workspace, 'integration');
    const telematics = forecast.modules.find((m) => m.moduleId === 'telematics')!;
    expect(telematics).toMatchObject({ outcome: 'unrelated', mergeBase: null, conflicts: [] });
    expect(forecast.order).toContainEqual({ kind: 'unrelated', modules: ['telematics'] });
    expect(forecast.order.filter((g) => g.kind !== 'unrelated').flatMap((g) => g.modules)).not.toContain('telematics');

    const refused = mergeModules(workspace, { target: 'integration', modules: ['drivers-hub', 'telematics'], expectedTargetTip: null });
    await expect(refused).rejects.toBeInstanceOf(FleetError);
    await expect(refused).rejects.toMatchObject({ code: 'UNRELATED_HISTORIES', data: { moduleId: 'telematics', branch: 'module/telematics' } });
    await expect(refused).rejects.toThrow(/Refusing to merge unrelated histories: module\/telematics \(module telematics\)/);
    // Refused before anything was written: not even drivers-hub, merged first in the request, went in.
    expect(() => git(dir, 'rev-parse', '--verify', '-q', 'refs/heads/fleet/integration')).toThrow();
  });

  it('merges a module whose root another module of the same run brings in first, as git merging them in turn does', async () => {
    const { dir, workspace } = await mergeFixture();
    const root = orphanHistory(dir, 'module/telematics');
    const next = git(dir, 'commit-tree', `${root}^{tree}`, '-p', root, '-m', 'telematics goes on');
    git(dir, 'update-ref', 'refs/heads/module/telematics', next);
    // inventory joins the foreign root into its own history, so once it is merged telematics is related too.
    const inventory = git(dir, 'rev-parse', 'module/inventory');
    const joined = git(dir, 'commit-tree', `${inventory}^{tree}`, '-p', inventory, '-p', root, '-m', 'inventory takes the foreign history in');
    git(dir, 'update-ref', 'refs/heads/module/inventory', joined);
    expect(gitRefusal(dir, 'main', 'module/telematics')).not.toBeNull();
    expect(gitRefusal(dir, 'module/inventory', 'module/telematics')).toBeNull();

    const report = await mergeModules(workspace, { target: 'integration', modules: ['inventory', 'telematics'], expectedTargetTip: null });
    expect(report.results.map((r) => [r.moduleId, r.outcome])).toEqual([
      ['inventory', 'merged'],
      ['telematics', 'merged'],
    ]);
    // The same tree git makes of the same two parents.
    expect(git(dir, 'rev-parse', 'fleet/integration^{tree}')).toBe(gitMergeTree(dir, 'fleet/integration^1', 'fleet/integration^2').tree);
    expect(git(dir, 'merge-base', '--is-ancestor', next, 'fleet/integration')).toBe('');
  });
});
