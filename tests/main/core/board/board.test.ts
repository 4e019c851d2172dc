import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { BoardLoader } from '../../../../src/main/core/board/board';
import { generateDemoRepository } from '../../../../src/main/core/demo/demo-repo';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

let dir: string;

beforeAll(async () => {
  dir = join(makeTempDir(), 'demo');
  await generateDemoRepository(dir);
  await initWorkspace((await Workspace.open(dir)).repo);
});

async function board() {
  return new BoardLoader(await Workspace.open(dir)).load();
}

describe('the board', () => {
  it('shows 32 modules in 6 categories, each one commit ahead with five templates', async () => {
    const state = await board();
    expect(state.categories).toHaveLength(6);
    expect(state.modules).toHaveLength(32);
    for (const card of state.modules) {
      expect(card.branchExists).toBe(true);
      expect(card.ahead).toBe(1);
      expect(card.behind).toBe(0);
      expect(card.docs.map((d) => d.state)).toEqual(['template', 'template', 'template', 'template', 'template']);
      expect(card.phase).toBe('analysis');
      expect(card.tip).toBe(git(dir, 'rev-parse', card.branch));
    }
  });

  it('shows a healthy demo: one module matches no file, the deliberate gap its README explains', async () => {
    const state = await board();
    const empty = state.modules.filter((m) => m.matchedFiles === 0).map((m) => m.id).sort();
    expect(empty).toEqual(['break-glass']);
    expect(git(dir, 'show', 'main:README.md')).toMatch(/## Not built yet: break-glass access[\s\S]*Break Glass module therefore matches no file/);
    const fleet = state.modules.find((m) => m.id === 'fleet-hub')!;
    const byGit = git(dir, 'ls-tree', '-r', '--name-only', 'module/fleet-hub')
      .split('\n')
      .filter((f) => !f.startsWith('enhancements/') && /fleet|vehicle/i.test(f));
    // The images and the truck model are assets: counted apart from the code.
    const assets = byGit.filter((f) => /\.(png|glb)$/.test(f));
    expect(assets).toHaveLength(3);
    expect([fleet.matchedFiles, fleet.matchedAssets]).toEqual([byGit.length - 3, 3]);
  });

  it('follows commits made with the git CLI: written, approved, behind, phase', async () => {
    const wt = join(makeTempDir(), 'wt-drivers');
    git(dir, 'worktree', 'add', '-q', wt, 'module/drivers-hub');
    commitFiles(wt, { 'enhancements/drivers-hub/AS_IS_ANALYSIS.md': '# Drivers\n\nThe drivers page lists drivers.\n' }, 'as-is');
    commitFiles(
      wt,
      { 'enhancements/drivers-hub/TO_BE_DESIGN.md': '---\nmodule: drivers-hub\napproved: 2026-11-23 by Maya\n---\n# Design\n\nDrivers get a licence expiry warning.\n' },
      'to-be approved',
    );
    commitFiles(dir, { 'api/src/routes/new.routes.ts': 'export {}\n' }, 'base moves on');

    const card = (await board()).modules.find((m) => m.id === 'drivers-hub')!;
    expect(card.docs.find((d) => d.kind === 'as-is')!.state).toBe('written');
    expect(card.docs.find((d) => d.kind === 'to-be')!.state).toBe('approved');
    expect(card.ahead).toBe(3);
    expect(card.behind).toBe(1);
    expect(card.phase).toBe('implementation');
    expect(git(dir, 'rev-list', '--left-right', '--count', 'module/drivers-hub...main')).toBe('3\t1');
  });

  it('shows a module merged into the base as merged', async () => {
    git(dir, 'merge', '-q', '--no-edit', 'module/fuel-management');
    const card = (await board()).modules.find((m) => m.id === 'fuel-management')!;
    expect(card.ahead).toBe(0);
    expect(card.phase).toBe('merged');
  });

  it('lists a module page with per-pattern counts and its matched files', async () => {
    const loader = new BoardLoader(await Workspace.open(dir));
    const detail = await loader.module('fuel-management');
    expect(detail.files.length).toBe(detail.card.matchedFiles);
    expect(detail.files).toContain('api/src/services/fuel.service.ts');
    expect(detail.patternMatches.find((p) => p.pattern === '**/*fuel*')!.count).toBeGreaterThan(3);
    await expect(loader.module('no-such-module')).rejects.toMatchObject({ code: 'MODULE_NOT_FOUND' });
  });
});
