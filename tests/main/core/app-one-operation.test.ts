// An app made for one command-line command (FleetAppOptions.oneOperation): in a file of its own, since the operation
// it names is the whole process's.

import { afterAll, describe, expect, it } from 'vitest';
import { createFleetApp } from '../../../src/main/core/app';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../helpers/git';

afterAll(cleanupTempDirs);

describe('an app for one command-line command', () => {
  it('opens a workspace without adding it to the recent list, which stays the desktop openings', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const appDataDir = makeTempDir('fleet-appdata-');
    const desktop = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false });
    const other = initRepo();
    commitFiles(other, { 'b.txt': 'b\n' }, 'first');
    await desktop.openWorkspace(other);
    await desktop.dispose();

    const command = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false, oneOperation: 'fleet-control status' });
    try {
      expect((await command.openWorkspace(dir)).path).toBe(dir);
      expect((await command.handlers.listRecentWorkspaces({})).map((w) => w.path)).toEqual([other]);
    } finally {
      await command.dispose();
    }
  });
});
