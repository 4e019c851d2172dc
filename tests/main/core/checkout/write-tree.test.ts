import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCommitToFolder, writeTreeToFolder } from '../../../../src/main/core/checkout/write-tree';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { FleetError } from '../../../../src/shared/errors';
import { GIT_ENV, cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';
import { commitTree, writeBlob, writeNestedTrees, writeRawTree } from './crafted-trees';

afterAll(cleanupTempDirs);

/** Every path below `dir` with its kind, executable bit and content hash or link target, sorted. */
function snapshot(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    const rel = prefix + name;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return [`${rel} -> ${readlinkSync(path)}`];
    if (stat.isDirectory()) return [`${rel}/`, ...snapshot(path, `${rel}/`)];
    const exec = stat.mode & 0o100 ? 'x' : '-';
    return [`${rel} ${exec} ${createHash('sha1').update(readFileSync(path)).digest('hex')}`];
  });
}

describe('writeCommitToFolder on a normal tree', () => {
  it('writes exactly what git archive writes and returns what git ls-tree -r lists: executable bits, symlinks, submodules as empty folders', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'src/a/deep.ts': 'export const deep = 1;\n', 'run.sh': '#!/bin/sh\necho hi\n', 'data.txt': 'data\n', 'docs/é.md': '# accents\n' }, 'files');
    git(dir, 'update-index', '--chmod=+x', 'run.sh');
    git(dir, 'update-index', '--add', '--cacheinfo', `120000,${writeBlob(dir, 'data.txt')},link-to-data`);
    git(dir, 'update-index', '--add', '--cacheinfo', `120000,${writeBlob(dir, '../src')},docs/up-link`);
    // A gitlink whose commit is not in this repository, as a submodule's is.
    git(dir, 'update-index', '--add', '--cacheinfo', '160000,1234567890123456789012345678901234567890,vendor/sub');
    const commit = git(dir, 'commit-tree', git(dir, 'write-tree'), '-p', 'HEAD', '-m', 'modes');

    const out = makeTempDir('fleet-checkout-');
    const repo = await GitRepository.open(dir);
    const progress: number[] = [];
    const written = await writeCommitToFolder(repo, commit, out, { onProgress: ({ written, total }) => progress.push(written / total) });

    const archived = makeTempDir('fleet-archive-');
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${archived}"`], { cwd: dir, env: GIT_ENV });
    expect(snapshot(out)).toEqual(snapshot(archived));
    expect(readFileSync(join(out, 'link-to-data'), 'utf8')).toBe('data\n');
    expect(readdirSync(join(out, 'vendor/sub'))).toEqual([]);
    expect(statSync(join(out, 'src')).mode & 0o777).toBe(0o700);

    const listed = git(dir, 'ls-tree', '-r', '-z', commit).split('\0').filter(Boolean).map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, , oid] = meta!.split(' ');
      return { path, mode, oid };
    });
    const byPath = (a: { path?: string }, b: { path?: string }) => (a.path! < b.path! ? -1 : 1);
    expect([...written.entries].sort(byPath)).toEqual(listed.sort(byPath));
    expect(written).toMatchObject({ files: 4, symlinks: 2, submodules: 1, symlinksAsFiles: 0, folders: 4 });
    expect(progress).toHaveLength(6);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('writes names that are not UTF-8 byte for byte, and sees two Latin-1 names as two files', async () => {
    const dir = initRepo();
    const names = [Buffer.from('caf\xe8.txt', 'latin1'), Buffer.from('caf\xe9.txt', 'latin1')];
    const tree = writeRawTree(dir, names.map((name, i) => ({ mode: '100644', name, oid: writeBlob(dir, `latin-1 ${i}\n`) })));
    const out = makeTempDir('fleet-checkout-');
    const written = await writeTreeToFolder(await GitRepository.open(dir), tree, out);
    expect(written.files).toBe(2);
    expect(readdirSync(out, { encoding: 'buffer' }).sort(Buffer.compare)).toEqual(names);
    expect(readFileSync(Buffer.concat([Buffer.from(`${out}/`), names[1]!]), 'utf8')).toBe('latin-1 1\n');
  });

  it('writes a tree nested 200 folders deep', async () => {
    const dir = initRepo();
    const temp = makeTempDir('fleet-nested-');
    const tree = writeNestedTrees(dir, 200, writeBlob(dir, 'at the bottom\n'), temp, writeFileSync);
    const out = makeTempDir('fleet-checkout-');
    const written = await writeTreeToFolder(await GitRepository.open(dir), tree, out);
    const deepest = `${'d/'.repeat(200)}leaf.txt`;
    expect(written.entries).toEqual([{ path: deepest, mode: '100644', oid: expect.any(String) }]);
    expect(readFileSync(join(out, deepest), 'utf8')).toBe('at the bottom\n');
  });

  it('refuses a tree nested deeper than git allows before writing anything', async () => {
    const dir = initRepo();
    const temp = makeTempDir('fleet-nested-');
    const tree = writeNestedTrees(dir, 2049, writeBlob(dir, 'x\n'), temp, writeFileSync);
    const out = makeTempDir('fleet-checkout-');
    const refused = await writeTreeToFolder(await GitRepository.open(dir), tree, out).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FleetError);
    expect(refused).toMatchObject({ code: 'UNSAFE_TREE', message: expect.stringContaining('nests deeper than 2048 folders') });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a folder that is not empty and leaves what is there', async () => {
    const dir = initRepo();
    const commit = commitFiles(dir, { 'a.txt': 'a\n' }, 'one');
    const out = makeTempDir('fleet-checkout-');
    writeFileSync(join(out, 'mine.txt'), 'keep me');
    await expect(writeCommitToFolder(await GitRepository.open(dir), commit, out)).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    expect(readdirSync(out)).toEqual(['mine.txt']);
  });
});

describe('writeTreeToFolder stopped midway', () => {
  let dir: string;
  let tree: string;
  beforeAll(() => {
    dir = initRepo();
    const blobs = Array.from({ length: 60 }, (_, i) => ({ mode: '100644', name: `file-${String(i).padStart(2, '0')}.txt`, oid: writeBlob(dir, `file ${i}\n`) }));
    const sub = writeRawTree(dir, blobs.slice(0, 30));
    // The last entry's blob is missing from the repository: planning succeeds, the write fails near the end.
    tree = writeRawTree(dir, [...blobs.slice(30), { mode: '40000', name: 'sub', oid: sub }, { mode: '100644', name: 'zz-missing.txt', oid: 'ab'.repeat(20) }]);
    commitTree(dir, tree, 'midway');
  });

  it('empties the folder again when a write fails after others succeeded', async () => {
    const out = makeTempDir('fleet-checkout-');
    let progressed = 0;
    await expect(writeTreeToFolder(await GitRepository.open(dir), tree, out, { onProgress: ({ written }) => (progressed = written) })).rejects.toThrow(/zz-missing\.txt/u);
    expect(progressed).toBeGreaterThan(0);
    expect(readdirSync(out)).toEqual([]);
  });

  it('stops on cancel, answers CANCELLED and leaves the folder empty', async () => {
    const out = makeTempDir('fleet-checkout-');
    const controller = new AbortController();
    const onProgress = ({ written }: { written: number }) => written === 5 && controller.abort();
    await expect(writeTreeToFolder(await GitRepository.open(dir), tree, out, { signal: controller.signal, onProgress })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(out)).toEqual([]);
  });
});
