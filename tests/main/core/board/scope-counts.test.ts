import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { BoardLoader } from '../../../../src/main/core/board/board';
import { ScopeCountStore } from '../../../../src/main/core/board/scope-counts';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('matched-file counts kept between processes', () => {
  it('a new loader reads the counts from disk and gives the same board; a code change gives new counts', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'web/src/pages/FleetPage.tsx': 'x\n', 'api/src/routes/drivers.routes.ts': 'x\n' }, 'first');
    await initWorkspace((await Workspace.open(dir)).repo);
    const file = join(makeTempDir(), 'scope-counts.json');

    const first = await new BoardLoader(await Workspace.open(dir), async () => [], file).load();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { counts: Record<string, [number, number]> };
    expect(Object.keys(stored.counts)).toHaveLength(32);

    const second = await new BoardLoader(await Workspace.open(dir), async () => [], file).load();
    expect(second.modules.map((m) => m.matchedFiles)).toEqual(first.modules.map((m) => m.matchedFiles));
    expect(first.modules.find((m) => m.id === 'fleet-hub')!.matchedFiles).toBe(1);

    commitFiles(dir, { 'web/src/components/fleet/Map.tsx': 'x\n' }, 'more fleet code');
    const third = await new BoardLoader(await Workspace.open(dir), async () => [], file).load();
    const fleet = third.modules.find((m) => m.id === 'fleet-hub')!;
    expect(fleet.matchedFiles).toBe(1); // the module branch has not merged the new commit
    expect(third.modules.find((m) => m.id === 'drivers-hub')!.matchedFiles).toBe(1);
  });

  it('ignores a corrupt or tampered file', async () => {
    const file = join(makeTempDir(), 'scope-counts.json');
    writeFileSync(file, '{"counts": {"not-a-key": 3, "' + 'a'.repeat(40) + '": -1');
    const store = new ScopeCountStore(file);
    expect(await store.get('a'.repeat(40))).toBeUndefined();
    await store.set('b'.repeat(40), { code: 7, assets: 2 });
    await store.flush();
    expect(await new ScopeCountStore(file).get('b'.repeat(40))).toEqual({ code: 7, assets: 2 });
  });

  it('does not reuse counts written before assets were counted apart', async () => {
    const file = join(makeTempDir(), 'scope-counts.json');
    writeFileSync(file, JSON.stringify({ counts: { ['c'.repeat(40)]: 5 } }));
    expect(await new ScopeCountStore(file).get('c'.repeat(40))).toBeUndefined();
  });
});
