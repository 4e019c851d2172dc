import { afterAll, describe, expect, it } from 'vitest';
import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeCheckout } from '../../../../src/main/core/checks/checkout';
import { BoundedLog } from '../../../../src/main/core/checks/bounded-log';
import { PendingOutput } from '../../../../src/main/core/checks/output-stream';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, commitFiles, git, gitBuffer, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

describe('writeCheckout', () => {
  it('writes a commit exactly as git checks it out: nested files, executable bits, symlinks, submodules as empty folders', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'src/a/deep.ts': 'export const deep = 1;\n', 'run.sh': '#!/bin/sh\necho hi\n', 'data.txt': 'data\n' }, 'files');
    git(dir, 'update-index', '--chmod=+x', 'run.sh');
    const linkTarget = gitBuffer(dir, ['hash-object', '-w', '--stdin'], 'data.txt').toString().trim();
    git(dir, 'update-index', '--add', '--cacheinfo', `120000,${linkTarget},link-to-data`);
    // A gitlink whose commit is not in this repository, as a submodule's is.
    git(dir, 'update-index', '--add', '--cacheinfo', '160000,1234567890123456789012345678901234567890,vendor/sub');
    const commit = git(dir, 'commit-tree', git(dir, 'write-tree'), '-p', 'HEAD', '-m', 'modes');

    const out = makeTempDir('fleet-checkout-');
    const repo = await GitRepository.open(dir);
    const count = await writeCheckout(repo, commit, out);
    expect(count).toBe(4);
    expect(readFileSync(join(out, 'src/a/deep.ts'), 'utf8')).toBe('export const deep = 1;\n');
    expect(statSync(join(out, 'run.sh')).mode & 0o111).not.toBe(0);
    expect(statSync(join(out, 'data.txt')).mode & 0o111).toBe(0);
    expect(lstatSync(join(out, 'link-to-data')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(out, 'vendor/sub'))).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['data.txt', 'link-to-data', 'run.sh', 'src', 'vendor']);
    expect(readlinkSync(join(out, 'link-to-data'))).toBe('data.txt');
    expect(readFileSync(join(out, 'link-to-data'), 'utf8')).toBe('data\n');
  });
});

describe('BoundedLog', () => {
  it('keeps short output whole and long output as head, a count of what was left out, and tail', () => {
    const short = new BoundedLog(8, 8);
    short.append(Buffer.from('hello '));
    short.append(Buffer.from('world'));
    expect(short.text()).toBe('hello world');

    const long = new BoundedLog(4, 6);
    for (const part of ['HEAD', 'middle-part-', 'more-', 'TAIL!!']) long.append(Buffer.from(part));
    expect(long.totalBytes).toBe(27);
    expect(long.text()).toBe('HEAD\n… 17 bytes omitted …\nTAIL!!');
  });

  it('stays within its limits however much is written', () => {
    const log = new BoundedLog(1024, 4096);
    const chunk = Buffer.alloc(65536, 'y');
    for (let i = 0; i < 200; i++) log.append(chunk);
    expect(log.totalBytes).toBe(200 * 65536);
    expect(log.text().length).toBeLessThan(1024 + 4096 + 64);
  });
});

describe('PendingOutput', () => {
  it('keeps a character split across two writes whole', () => {
    const pending = new PendingOutput();
    const euro = Buffer.from('€');
    pending.append(euro.subarray(0, 1));
    const first = pending.flush();
    pending.append(euro.subarray(1));
    expect(first + pending.flush()).toBe('€');
  });
});
