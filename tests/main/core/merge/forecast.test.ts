import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastMerges } from '../../../../src/main/core/merge/forecast';
import { mergeTrees } from '../../../../src/main/core/merge/tree-merge';
import { MemoryObjects } from '../../../../src/main/core/merge/merge-objects';
import { mergeContext } from '../../../../src/main/core/merge/merge-context';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { MergeForecast } from '../../../../src/shared/types-merge';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { EXPECTED, gitMergeTree, mergeFixture, type FixtureModule } from './merge-fixture';

let dir: string;
let workspace: Workspace;
let forecast: MergeForecast;

beforeAll(async () => {
  ({ dir, workspace } = await mergeFixture());
  forecast = await forecastMerges(workspace, 'base');
});
afterAll(cleanupTempDirs);

const moduleForecast = (id: string) => forecast.modules.find((m) => m.moduleId === id)!;

describe('forecastMerges', () => {
  it('gives each module the outcome and conflicting paths the fixture was built for', () => {
    for (const [id, expected] of Object.entries(EXPECTED)) {
      const found = moduleForecast(id);
      expect({ id, outcome: found.outcome, conflicts: found.conflicts }).toEqual({ id, outcome: expected.outcome, conflicts: expected.conflicts });
    }
    expect(forecast.target).toEqual({ kind: 'base', branch: 'main', tip: git(dir, 'rev-parse', 'main') });
    expect(forecast.computedAt).toBe(git(dir, 'rev-parse', 'main'));
  });

  it('says which branches change code against the base (as git diff main...branch lists them) and which hold documents only', () => {
    for (const module of forecast.modules) {
      if (module.outcome === 'missing') {
        expect(module.codeChanged, module.moduleId).toBeNull();
        continue;
      }
      // user-management points at an old base commit (merged, no own commit): it brought nothing.
      const code = module.moduleId === 'user-management' ? [] : git(dir, 'diff', '--name-only', `main...${module.branch}`).split('\n').filter((p) => p && !p.startsWith('enhancements/') && !p.startsWith('.fleet/'));
      expect(module.codeChanged, module.moduleId).toBe(code.length > 0);
    }
    expect(forecast.modules.filter((m) => m.codeChanged === true).length).toBe(14);
  });

  it('agrees with git merge-tree on every module branch: clean or not, and which paths conflict', () => {
    const compared: string[] = [];
    for (const module of forecast.modules) {
      if (module.outcome === 'missing' || module.outcome === 'up-to-date') continue;
      const reference = gitMergeTree(dir, 'main', module.branch);
      const ours = module.conflicts.map((c) => c.path);
      // git names a file/directory conflict's file by where it moved it (docs/guide~module/...): compare the folder.
      const gitPaths = reference.conflicted.map((p) => p.replace(/~.*$/, ''));
      expect({ module: module.moduleId, clean: module.outcome === 'clean', paths: ours }).toEqual({
        module: module.moduleId,
        clean: reference.clean,
        paths: [...new Set(gitPaths)].sort(),
      });
      compared.push(module.moduleId);
    }
    expect(compared.length).toBe(forecast.modules.filter((m) => m.outcome === 'clean' || m.outcome === 'conflicts').length);
    expect(compared.length).toBeGreaterThan(25);
  });

  it('builds, for every clean module, exactly the tree git merge-tree builds', async () => {
    const { repo } = workspace;
    const mainTip = git(dir, 'rev-parse', 'main');
    for (const module of forecast.modules.filter((m) => m.outcome === 'clean')) {
      const base = await mergeContext(repo).bases.bestMergeBase(mainTip, module.tip!);
      expect(base).toBe(git(dir, 'merge-base', 'main', module.branch));
      const tree = async (oid: string) => (await repo.readCommit(oid)).tree;
      const merged = await mergeTrees(new MemoryObjects(repo), await tree(base!), await tree(mainTip), await tree(module.tip!), { ours: 'main', theirs: module.branch });
      expect({ module: module.moduleId, tree: merged.tree }).toEqual({ module: module.moduleId, tree: gitMergeTree(dir, 'main', module.branch).tree });
    }
  });

  it('lists what each module changed since it forked, as git diff does', () => {
    for (const module of forecast.modules.filter((m) => m.outcome === 'clean' || m.outcome === 'conflicts')) {
      const reference = git(dir, 'diff', '--name-only', '--no-renames', `${module.mergeBase}`, module.branch).split('\n').filter(Boolean).sort();
      expect({ module: module.moduleId, paths: module.changedPaths }).toEqual({ module: module.moduleId, paths: reference });
    }
  });

  it('reports modules that changed the same paths, and never the per-module documents', () => {
    const pairs = forecast.overlaps.map((o) => `${o.a}+${o.b}:${o.paths.join(',')}`);
    expect(pairs).toContain('fleet-hub+drivers-hub:shared/config.ts');
    expect(pairs).toContain('procurement-hub+compliance-hub:src/b.ts');
    expect(pairs).toContain('assets-hub+communication-hub:src/c.ts');
    expect(forecast.overlaps.every((o) => o.paths.every((p) => !p.startsWith('enhancements/')))).toBe(true);
    expect(forecast.overlaps.some((o) => o.a === 'maintenance-hub' || o.b === 'maintenance-hub')).toBe(false);
  });

  it('orders conflicting modules first, then independent ones, then overlapping groups with the later conflict found', () => {
    const [conflicts, independent, ...groups] = forecast.order;
    expect(conflicts).toEqual({ kind: 'conflicts', modules: ['fleet-hub', 'safety-hub', 'analytics-hub', 'operations-hub', 'fuel-management'] });
    expect(independent!.kind).toBe('independent');
    expect(independent!.modules).toEqual(expect.arrayContaining(['drivers-hub', 'maintenance-hub', 'telematics', 'inventory']));
    expect(independent!.modules).not.toContain('procurement-hub');
    const procurement = groups.find((g) => g.modules.includes('procurement-hub'))!;
    expect(procurement.kind).toBe('overlapping');
    expect(procurement.modules).toEqual(['procurement-hub', 'compliance-hub']);
    expect(procurement.laterConflicts).toEqual([{ moduleId: 'compliance-hub', after: ['procurement-hub'], conflicts: [{ path: 'src/b.ts', kind: 'content' }] }]);
    const assets = groups.find((g) => g.modules.includes('assets-hub'))!;
    expect(assets).toEqual({ kind: 'overlapping', modules: ['assets-hub', 'communication-hub'] });
    const listed = forecast.order.flatMap((g) => g.modules);
    expect(listed).not.toContain('cost-analytics');
    expect(listed).not.toContain('user-management');
  });

  it('forecasts against the integration branch as the base tip while that branch does not exist, writing nothing', async () => {
    const refsBefore = git(dir, 'for-each-ref');
    const objectsBefore = git(dir, 'count-objects');
    const integration = await forecastMerges(workspace, undefined, { modules: ['fleet-hub', 'drivers-hub'] as FixtureModule[] });
    expect(integration.target).toEqual({ kind: 'integration', branch: 'fleet/integration', tip: null });
    expect(integration.computedAt).toBe(git(dir, 'rev-parse', 'main'));
    expect(integration.modules.map((m) => [m.moduleId, m.outcome])).toEqual([
      ['fleet-hub', 'conflicts'],
      ['drivers-hub', 'clean'],
    ]);
    expect(git(dir, 'for-each-ref')).toBe(refsBefore);
    expect(git(dir, 'count-objects')).toBe(objectsBefore);
  });

  it('refuses an unknown module by name', async () => {
    await expect(forecastMerges(workspace, 'base', { modules: ['no-such-module'] })).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND', message: expect.stringContaining('no-such-module') });
  });
});
