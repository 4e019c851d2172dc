// Version-1 pack indexes (git pack-objects --index-version=1) are read like version 2: every object equals
// `git cat-file`, and init and the board work on such a repository. A damaged index is named when an object is missing.

import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp } from '../../../../src/main/core/app';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { PackIndex } from '../../../../src/main/core/git/pack-index';
import { catAllObjects, cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** A repository with some history, repacked into one pack whose index is version 1, nothing loose. */
function v1Repo(): { dir: string; idx: string } {
  const dir = initRepo();
  for (let i = 0; i < 6; i++) {
    commitFiles(dir, { [`src/file-${i % 3}.ts`]: `export const value = ${i};\n`.repeat(20 + i), 'README.md': `# app ${i}\n` }, `commit ${i}`);
  }
  git(dir, '-c', 'pack.indexVersion=1', 'repack', '-adq');
  git(dir, 'prune-packed');
  const packDir = join(dir, '.git', 'objects', 'pack');
  const idx = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.idx'))!);
  return { dir, idx };
}

describe('version-1 pack indexes', () => {
  it('reads every object exactly as git cat-file does', async () => {
    const { dir, idx } = v1Repo();
    expect(readFileSync(idx).readUInt32BE(0)).not.toBe(0xff744f63);
    expect(PackIndex.parse(readFileSync(idx), idx).version).toBe(1);
    expect(git(dir, 'count-objects', '-v')).toMatch(/^count: 0$/m);
    const repo = await GitRepository.open(dir);
    const objects = catAllObjects(dir);
    expect(objects.size).toBeGreaterThan(20);
    for (const [oid, expected] of objects) {
      const object = await repo.readObject(oid);
      expect({ oid, type: object.type }).toEqual({ oid, type: expected.type });
      expect(object.content.equals(expected.content), oid).toBe(true);
    }
    expect(await repo.hasObject('0'.repeat(40))).toBe(false);
  });

  it('initialises and shows the board on such a repository', async () => {
    const { dir } = v1Repo();
    const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
    try {
      await app.openWorkspace(dir);
      const result = await app.initWorkspace({});
      expect(result.createdBranches.length).toBeGreaterThan(0);
      const board = await app.getBoard();
      expect(board.workspace.initialised).toBe(true);
      expect(board.modules[0]).toMatchObject({ branchExists: true, ahead: 1, behind: 0 });
      expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
    } finally {
      await app.dispose();
    }
  });

  it('a damaged index is named when an object in its pack cannot be found', async () => {
    const { dir, idx } = v1Repo();
    const tip = git(dir, 'rev-parse', 'HEAD');
    const bytes = readFileSync(idx);
    writeFileSync(idx, bytes.subarray(0, bytes.length - 30));
    const repo = await GitRepository.open(dir);
    await expect(repo.readCommit(tip)).rejects.toMatchObject({ code: 'GIT_CORRUPT', message: expect.stringContaining(`The pack index ${idx} cannot be read`) });
  });
});
