// A pack far larger than the memory reading from it may take: small objects are read without loading the pack.

import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { GIT_ENV, cleanupTempDirs, commitFiles, git, initRepo } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const BIG_BYTES = 100 * 1024 * 1024;

describe('a repository with a pack of over 100 MB', () => {
  it('reads a small packed commit, tree and file while its memory grows by a small fraction of the pack', async () => {
    const dir = initRepo();
    // The random bytes are made by a child process, so this process's memory stays out of it.
    execFileSync('sh', ['-c', `head -c ${BIG_BYTES} /dev/urandom > big.bin`], { cwd: dir });
    const fast = ['-c', 'core.compression=0', '-c', 'pack.compression=0'];
    execFileSync('git', [...fast, 'add', 'big.bin'], { cwd: dir, env: GIT_ENV });
    commitFiles(dir, { 'docs/readme.md': '# Large\n' }, 'add a large asset');
    const tip = commitFiles(dir, { 'docs/notes.md': 'notes\n', 'src/app.ts': 'export {};\n' }, 'small change after it');
    execFileSync('git', [...fast, 'repack', '-adq'], { cwd: dir, env: GIT_ENV });
    const packDir = join(dir, '.git', 'objects', 'pack');
    const pack = readdirSync(packDir).find((name) => name.endsWith('.pack'))!;
    const packBytes = statSync(join(packDir, pack)).size;
    expect(packBytes).toBeGreaterThan(BIG_BYTES);

    const before = process.memoryUsage().rss;
    const repo = await GitRepository.open(dir);
    const commit = await repo.readCommit(tip);
    expect(await repo.listFiles(commit.tree)).toEqual(['big.bin', 'docs/notes.md', 'docs/readme.md', 'src/app.ts']);
    const notes = await repo.entryAtPath(commit.tree, 'docs/notes.md');
    expect((await repo.readBlob(notes!.oid)).toString()).toBe('notes\n');
    expect(await repo.aheadBehind(tip, commit.parents[0]!)).toEqual({ ahead: 1, behind: 0 });
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(packBytes / 10);

    // The large blob itself still reads back whole and correct.
    const bigEntry = await repo.entryAtPath(commit.tree, 'big.bin');
    const big = await repo.readBlob(bigEntry!.oid);
    expect(big.length).toBe(BIG_BYTES);
    const oid = createHash('sha1').update(`blob ${big.length}\0`).update(big).digest('hex');
    expect(oid).toBe(bigEntry!.oid);
    expect(git(dir, 'count-objects', '-v')).toContain('count: 0');
    await repo.close();
  }, 60_000);
});
