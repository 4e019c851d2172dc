// Reading objects: every object of packed (OFS and REF deltas), loose and multi-pack repositories equals git's bytes.

import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, readdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { catAllObjects, cleanupTempDirs, commitFiles, git, importCommits, initRepo, makeTempDir, type ImportedCommit } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** Text that changes a little from one version to the next, so git stores it as deltas. */
function evolvingText(name: string, version: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) lines.push(`${name} line ${i}: ${i % 7 === version % 7 ? `changed in v${version}` : 'steady content here'}`);
  for (let v = 0; v < version; v++) lines.push(`history note ${v} for ${name}`);
  return `${lines.join('\n')}\n`;
}

/** A repository of 60 commits over nested folders whose files evolve (delta chains after a repack). */
function makeEvolvingRepo(): string {
  const dir = initRepo();
  const commits: ImportedCommit[] = [];
  for (let i = 0; i < 60; i++) {
    const files: Record<string, string | null> = {
      [`web/src/pages/page-${i % 5}.tsx`]: evolvingText(`page-${i % 5}`, i),
      'api/src/routes/index.ts': evolvingText('routes', i),
      [`docs/notes/${i % 3}/note.md`]: evolvingText(`note-${i % 3}`, i),
    };
    if (i === 40) files['docs/notes/1/note.md'] = null;
    commits.push({ branch: 'main', parents: i === 0 ? [] : [i - 1], time: 1_700_000_000 + i * 3600, files });
  }
  importCommits(dir, commits);
  git(dir, 'reset', '-q', '--hard', 'main');
  return dir;
}

async function expectAllObjectsMatch(dir: string): Promise<number> {
  const repo = await GitRepository.open(dir);
  const expected = catAllObjects(dir);
  for (const [oid, object] of expected) {
    const read = await repo.readObject(oid);
    expect(read.type, oid).toBe(object.type);
    expect(read.content.equals(object.content), `${oid} (${object.type}) content`).toBe(true);
  }
  await repo.close();
  return expected.size;
}

/** How the packs store deltas: entries by kind (from the type bits at each offset git verify-pack lists), longest chain. */
function deltaStats(dir: string): { ofs: number; ref: number; longestChain: number } {
  const packDir = join(dir, '.git', 'objects', 'pack');
  const stats = { ofs: 0, ref: 0, longestChain: 0 };
  for (const idx of readdirSync(packDir).filter((name) => name.endsWith('.idx'))) {
    const pack = readFileSync(join(packDir, idx.replace(/\.idx$/, '.pack')));
    for (const line of git(dir, 'verify-pack', '-v', join(packDir, idx)).split('\n')) {
      const entry = /^[0-9a-f]{40} \w+\s+\d+ \d+ (\d+) (\d+) [0-9a-f]{40}$/.exec(line);
      if (entry) {
        const kind = (pack[Number(entry[1])]! >> 4) & 7;
        if (kind === 6) stats.ofs++;
        if (kind === 7) stats.ref++;
        stats.longestChain = Math.max(stats.longestChain, Number(entry[2]));
      }
    }
  }
  return stats;
}

function packCount(dir: string): number {
  return readdirSync(join(dir, '.git', 'objects', 'pack')).filter((name) => name.endsWith('.pack')).length;
}

describe('reading objects', () => {
  it('reads every object of an aggressively packed repository (offset deltas) exactly as git cat-file does', async () => {
    const dir = makeEvolvingRepo();
    git(dir, 'gc', '--aggressive', '-q');
    expect(packCount(dir)).toBe(1);
    const stats = deltaStats(dir);
    expect(stats.ofs).toBeGreaterThan(50);
    expect(stats.ref).toBe(0);
    expect(stats.longestChain).toBeGreaterThan(5);
    expect(await expectAllObjectsMatch(dir)).toBeGreaterThan(200);
  });

  it('reads every object of a pack that uses REF_DELTA (no delta base offsets)', async () => {
    const dir = makeEvolvingRepo();
    git(dir, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adf', '-q');
    const stats = deltaStats(dir);
    expect(stats.ref).toBeGreaterThan(50);
    expect(stats.ofs).toBe(0);
    expect(await expectAllObjectsMatch(dir)).toBeGreaterThan(200);
  });

  it('reads objects of 64 KB and more (inflated in the thread pool) whole and as deltas exactly as git cat-file does', async () => {
    const dir = initRepo();
    // Lines no compressor shortens much: whole objects and deltas over the 64 KB threshold, next to small ones.
    const line = (n: number) => `${n} ${createHash('sha1').update(String(n)).digest('hex')}\n`;
    const big = (from: number, count: number) => Array.from({ length: count }, (_, i) => line(from + i)).join('');
    // Two versions sharing most lines, each with 2,500 of its own: one is stored as a delta of over 64 KB.
    commitFiles(dir, { 'assets/big.txt': `${big(0, 6000)}${big(10_000, 2500)}`, 'small.txt': 'small\n' }, 'big file');
    commitFiles(dir, { 'assets/big.txt': `${big(0, 6000)}${big(20_000, 2500)}` }, 'big file, other tail');
    commitFiles(dir, { 'assets/big.txt': `${big(0, 5999)}${big(20_000, 2500)}`, 'assets/other.txt': big(50_000, 2500) }, 'small delta on a big base');
    git(dir, 'repack', '-adf', '-q');
    const sizes = git(dir, 'verify-pack', '-v', ...readdirSync(join(dir, '.git', 'objects', 'pack')).filter((n) => n.endsWith('.idx')).map((n) => join(dir, '.git', 'objects', 'pack', n)));
    const stored = sizes.split('\n').map((l) => /^[0-9a-f]{40} blob\s+(\d+) \d+ \d+(?: (\d+))?/.exec(l)).filter((m) => m !== null);
    expect(stored.some((m) => m![2] === undefined && Number(m![1]) >= 64 * 1024)).toBe(true);
    expect(stored.some((m) => m![2] !== undefined && Number(m![1]) >= 64 * 1024)).toBe(true);
    expect(stored.some((m) => m![2] !== undefined && Number(m![1]) < 64 * 1024)).toBe(true);
    expect(await expectAllObjectsMatch(dir)).toBeGreaterThan(8);
  });

  it('reads a pack whose index keeps offsets in the 64-bit table (as packs over 2 GB do)', async () => {
    const dir = makeEvolvingRepo();
    git(dir, 'repack', '-ad', '-q');
    const packDir = join(dir, '.git', 'objects', 'pack');
    const pack = readdirSync(packDir).find((name) => name.endsWith('.pack'))!;
    const idx = join(packDir, pack.replace(/\.pack$/, '.idx'));
    const rewritten = join(packDir, 'rewritten.tmp');
    // Every object past offset 64 goes to the large-offset table.
    git(dir, 'index-pack', '--index-version=2,64', '-o', rewritten, join(packDir, pack));
    renameSync(rewritten, idx);
    const index = readFileSync(idx);
    const count = index.readUInt32BE(8 + 255 * 4);
    let large = 0;
    for (let i = 0; i < count; i++) if (index.readUInt32BE(8 + 1024 + count * 24 + i * 4) & 0x80000000) large++;
    expect(large).toBeGreaterThan(200);
    expect(await expectAllObjectsMatch(dir)).toBeGreaterThan(200);
  });

  it('reads loose objects and objects spread over two packs', async () => {
    const dir = makeEvolvingRepo();
    git(dir, 'repack', '-ad', '-q');
    commitFiles(dir, { 'api/src/routes/index.ts': evolvingText('routes', 99) }, 'second pack 1');
    commitFiles(dir, { 'web/new.ts': 'export const fresh = 1;\n' }, 'second pack 2');
    git(dir, 'repack', '-d', '-q');
    commitFiles(dir, { 'web/loose.ts': 'export const loose = true;\n' }, 'loose commit');
    expect(packCount(dir)).toBe(2);
    expect(Number(/count: (\d+)/.exec(git(dir, 'count-objects', '-v'))![1])).toBeGreaterThan(0);
    await expectAllObjectsMatch(dir);
  });

  it('finds objects in packs written after it opened, and after git gc removed the old packs', async () => {
    const dir = makeEvolvingRepo();
    git(dir, 'repack', '-ad', '-q');
    const repo = await GitRepository.open(dir);
    const first = await repo.readCommit(git(dir, 'rev-parse', 'HEAD'));
    const added = commitFiles(dir, { 'late.txt': 'written after open\n' }, 'late');
    git(dir, 'repack', '-d', '-q');
    git(dir, 'prune-packed');
    expect((await repo.readCommit(added)).parents).toEqual([first.oid]);
    await repo.close();
    git(dir, 'gc', '-q', '--prune=now');
    const tree = await repo.readTree(first.tree);
    expect(tree.map((e) => e.path)).toEqual(['api', 'docs', 'web']);
    expect(await repo.hasObject(added)).toBe(true);
    expect(await repo.hasObject('1234567890123456789012345678901234567890')).toBe(false);
    await expect(repo.readObject('1234567890123456789012345678901234567890')).rejects.toMatchObject({ code: 'GIT_CORRUPT' });
  });
  it('reads objects borrowed through objects/info/alternates (git clone --shared)', async () => {
    const source = makeEvolvingRepo();
    git(source, 'repack', '-ad', '-q');
    const clone = join(makeTempDir(), 'shared-clone');
    git(source, 'clone', '-q', '--shared', source, clone);
    const own = commitFiles(clone, { 'clone-only.md': 'only here\n' }, 'clone commit');
    const repo = await GitRepository.open(clone);
    expect((await repo.readCommit(own)).parents).toEqual([git(source, 'rev-parse', 'HEAD')]);
    expect(await expectAllObjectsMatch(clone)).toBeGreaterThan(200);
  });

  it('notices a pack rewritten under the same name (other deltas, other offsets) and reads the new one', async () => {
    const dir = makeEvolvingRepo();
    git(dir, 'repack', '-ad', '-q');
    const repo = await GitRepository.open(dir);
    const head = git(dir, 'rev-parse', 'HEAD');
    await repo.listFiles((await repo.readCommit(head)).tree);
    await repo.close();
    // The same history packed without deltas, put in place under the old pack's name.
    const copy = join(makeTempDir(), 'copy');
    git(dir, 'clone', '-q', '--no-local', '--bare', dir, copy);
    git(copy, 'repack', '-adf', '-q', '--window=0');
    const packDir = join(dir, '.git', 'objects', 'pack');
    const name = readdirSync(packDir).find((n) => n.endsWith('.pack'))!.replace(/\.pack$/, '');
    const copyPackDir = join(copy, 'objects', 'pack');
    const copyName = readdirSync(copyPackDir).find((n) => n.endsWith('.pack'))!.replace(/\.pack$/, '');
    for (const ext of ['.pack', '.idx']) {
      const replacement = join(copyPackDir, `${copyName}${ext}`);
      renameSync(replacement, join(packDir, `${name}.tmp`));
      renameSync(join(packDir, `${name}.tmp`), join(packDir, `${name}${ext}`));
    }
    expect(deltaStats(dir).ofs + deltaStats(dir).ref).toBe(0);
    for (const [oid, object] of catAllObjects(dir)) expect((await repo.readObject(oid)).content.equals(object.content), oid).toBe(true);
  });
});

describe('parsed commits and trees', () => {
  const dir = initRepo();
  const base = commitFiles(dir, { 'README.md': '# Fleet\n', 'web/app.tsx': 'app\n', 'web/pages/a b.tsx': 'spaces\n', 'web/pages/été.md': 'unicode\n' }, 'first', '2021-03-04T05:06:07+05:30');
  symlinkSync('README.md', join(dir, 'link.md'));
  commitFiles(dir, { 'tools/run.sh': '#!/bin/sh\necho run\n' }, 'second\n\nwith a body\n', '2021-03-05T10:00:00-07:00');
  chmodSync(join(dir, 'tools/run.sh'), 0o755);
  git(dir, 'add', '-A');
  git(dir, 'update-index', '--add', '--cacheinfo', `160000,${base},vendor/submodule`);
  git(dir, 'commit', '-q', '-m', 'third: exec bit and a submodule');
  git(dir, 'checkout', '-q', '-b', 'side', 'HEAD~1');
  commitFiles(dir, { 'side.txt': 'side\n' }, 'side work');
  git(dir, 'checkout', '-q', 'main');
  git(dir, 'merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  git(dir, 'gc', '-q');

  it('reads every commit with the tree, parents, people, time zones and message git shows', async () => {
    const repo = await GitRepository.open(dir);
    for (const oid of git(dir, 'rev-list', '--all').split('\n')) {
      const commit = await repo.readCommit(oid);
      expect(commit.tree).toBe(git(dir, 'rev-parse', `${oid}^{tree}`));
      expect(commit.parents).toEqual(git(dir, 'rev-list', '--parents', '-n1', oid).split(' ').slice(1));
      expect(`${commit.author.name} <${commit.author.email}> ${commit.author.timestamp}`).toBe(git(dir, 'log', '-1', '--format=%an <%ae> %at', oid));
      expect(`${commit.committer.name} <${commit.committer.email}> ${commit.committer.timestamp}`).toBe(git(dir, 'log', '-1', '--format=%cn <%ce> %ct', oid));
      expect(commit.message).toBe(`${git(dir, 'log', '-1', '--format=%B', oid)}\n`);
    }
    const first = await repo.readCommit(base);
    expect(first.author.timezoneOffset).toBe(-330);
    const second = await repo.readCommit(git(dir, 'log', '--format=%H', '--grep=^second', 'main'));
    expect(second.committer.timezoneOffset).toBe(420);
  });

  it('reads trees entry by entry as git cat-file -p prints them, and lists files like git ls-tree -r', async () => {
    const repo = await GitRepository.open(dir);
    const trees = git(dir, 'rev-list', '--all', '--objects')
      .split('\n')
      .map((line) => line.split(' ')[0]!)
      .filter((oid) => git(dir, 'cat-file', '-t', oid) === 'tree');
    for (const oid of trees) {
      const printed = (await repo.readTree(oid)).map((e) => `${e.mode} ${e.type} ${e.oid}\t${e.path}`).join('\n');
      expect(printed).toBe(git(dir, '-c', 'core.quotePath=false', 'cat-file', '-p', oid));
    }
    const head = (await repo.readCommit(git(dir, 'rev-parse', 'HEAD'))).tree;
    const files = await repo.listFiles(head);
    expect(files).toEqual(git(dir, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean));
    expect(files).toContain('vendor/submodule');
    expect(await repo.entryAtPath(head, 'tools/run.sh')).toMatchObject({ mode: '100755', type: 'blob' });
    expect(await repo.entryAtPath(head, 'link.md')).toMatchObject({ mode: '120000', type: 'blob' });
    expect(await repo.entryAtPath(head, 'vendor/submodule')).toMatchObject({ mode: '160000', type: 'commit', oid: base });
    expect(await repo.entryAtPath(head, 'web/pages')).toMatchObject({ mode: '040000', type: 'tree' });
    expect(await repo.entryAtPath(head, 'web/pages/été.md')).toMatchObject({ oid: git(dir, 'rev-parse', 'HEAD:web/pages/été.md') });
    expect(await repo.entryAtPath(head, 'web/missing.ts')).toBeNull();
    expect(await repo.entryAtPath(head, 'README.md/inside')).toBeNull();
    expect((await repo.readBlob(git(dir, 'rev-parse', 'HEAD:web/pages/a b.tsx'))).toString()).toBe('spaces\n');
    await expect(repo.readBlob(head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(repo.readCommit(head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
