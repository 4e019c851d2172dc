// The board filter's path search through the contract: which modules own files under a path, and which modules one
// file belongs to, on each module's own branch, checked against the patterns matched by the git CLI's file list.

import { afterAll, describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { createFleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import type { FileOwners } from '../../../../src/shared/types-scope';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const CODE = {
  'src/components/drivers/DriverCard.tsx': 'export {}\n',
  'src/components/drivers/DriverFleetBadge.tsx': 'export {}\n',
  'src/components/fleet/VehicleMap.tsx': 'export {}\n',
  'src/components/Button.tsx': 'export {}\n',
  'src/components/fleet/truck.png': '\x89PNG\0',
  'api/routes/fuel.ts': 'export {}\n',
};

async function opened() {
  const dir = initRepo();
  commitFiles(dir, CODE, 'code');
  const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', watch: false, log: () => undefined });
  await app.openWorkspace(dir);
  await app.initWorkspace({});
  const { call } = createDispatcher(app.handlers, () => undefined);
  const owners = async (query: string) => {
    const result = await call('findFileOwners', { query });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    return (result as { value: FileOwners }).value;
  };
  return { dir, app, call, owners };
}

describe('which modules own a file', () => {
  it('lists the modules owning files under a path, with counts and a sample, as their patterns match git\'s file list', async () => {
    const { dir, app, owners } = await opened();
    const result = await owners('src/components/');
    expect(result.modules.map((m) => [m.moduleId, m.files])).toEqual([
      ['fleet-hub', 3],
      ['drivers-hub', 2],
    ]);
    // The same answer from git's own file list and the manifest's patterns.
    const files = git(dir, 'ls-tree', '-r', '--name-only', 'module/fleet-hub').split('\n').filter((f) => f.startsWith('src/components/'));
    const patterns = (await app.getBoard()).modules.find((m) => m.id === 'fleet-hub')!.patterns;
    expect(files.filter((f) => patterns.some((p) => picomatch(p, { nocase: true, dot: true })(f)))).toHaveLength(3);
    expect(result.modules[1]!.sample).toEqual(['src/components/drivers/DriverCard.tsx', 'src/components/drivers/DriverFleetBadge.tsx']);
    expect(result.exact).toBeNull();
    await app.dispose();
  });

  it('names every module one file belongs to, and says when it belongs to none', async () => {
    const { app, owners } = await opened();
    const badge = await owners('./src/components/drivers/DriverFleetBadge.tsx');
    expect(badge.exact).toEqual({ path: 'src/components/drivers/DriverFleetBadge.tsx', moduleIds: ['fleet-hub', 'drivers-hub'] });
    const button = await owners('src/components/Button.tsx');
    expect(button.exact).toEqual({ path: 'src/components/Button.tsx', moduleIds: [] });
    expect(button.modules).toEqual([]);
    const image = await owners('src/components/fleet/truck.png');
    expect(image.exact).toEqual({ path: 'src/components/fleet/truck.png', moduleIds: ['fleet-hub'] });
    await app.dispose();
  });

  it('takes a glob, ignores case, and refuses an empty query with a clear error', async () => {
    const { app, call, owners } = await opened();
    expect((await owners('**/*.TSX')).modules.map((m) => [m.moduleId, m.files])).toEqual([
      ['fleet-hub', 2],
      ['drivers-hub', 2],
    ]);
    expect(await call('findFileOwners', { query: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('query: must not be empty') } });
    await app.dispose();
  });
});
