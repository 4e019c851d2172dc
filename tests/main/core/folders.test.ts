import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp } from '../../../src/main/core/app';
import { makeFolders } from '../../../src/main/core/folders';
import { cleanupTempDirs, commitFiles, initRepo, makeTempDir } from '../../helpers/git';

afterAll(cleanupTempDirs);

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('folders', () => {
  it('makes every missing level private (0700) and says which one was the top', async () => {
    const parent = makeTempDir();
    expect(await makeFolders(join(parent, 'a', 'b', 'c'))).toBe(join(parent, 'a'));
    for (const level of ['a', 'a/b', 'a/b/c']) expect(modeOf(join(parent, level)), level).toBe(0o700);
    expect(await makeFolders(join(parent, 'a', 'b'))).toBeNull();
  });

  it.runIf(process.platform === 'linux')('fails on procfs at once where mkdir({ recursive }) spins forever', async () => {
    await expect(makeFolders('/proc/self/fleet/a/b')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates the app-data folder and the per-workspace folders 0700 when a workspace keeps drafts there', async () => {
    const appDataDir = join(makeTempDir('fleet-appdata-'), 'fleet-control');
    const repo = initRepo();
    commitFiles(repo, { 'README.md': '# x\n' }, 'first');
    const app = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false, log: () => undefined });
    try {
      await app.openWorkspace(repo);
      await app.handlers.saveWorkspaceDraft({ name: 'USER_GUIDE.md', content: '# draft\n', baseBlobId: null, baseTip: null });
    } finally {
      await app.dispose();
    }
    const workspaces = join(appDataDir, 'workspaces');
    expect(modeOf(appDataDir)).toBe(0o700);
    expect(modeOf(workspaces)).toBe(0o700);
    const [workspace] = readdirSync(workspaces);
    expect(modeOf(join(workspaces, workspace!))).toBe(0o700);
    expect(modeOf(join(workspaces, workspace!, 'drafts'))).toBe(0o700);
  });
});
