import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { MergeBaseFinder } from '../../../../src/main/core/merge/merge-base';
import { mergeLines } from '../../../../src/main/core/merge/line-merge';
import { readConflict } from '../../../../src/main/core/merge/read-conflict';
import { MemoryObjects } from '../../../../src/main/core/merge/merge-objects';
import { mergeTrees } from '../../../../src/main/core/merge/tree-merge';
import { mergeBaseTree } from '../../../../src/main/core/merge/virtual-base';
import { GIT_ENV, cleanupTempDirs, git, importCommits, initRepo, makeTempDir } from '../../../helpers/git';
import { CONFIG, gitMergeTree, mergeFixture } from './merge-fixture';

afterAll(cleanupTempDirs);

/** `git merge-file -p` with git's labels: the reference for the line merge and its markers. */
function gitMergeFile(base: string, ours: string, theirs: string): { conflict: boolean; text: string } {
  const dir = makeTempDir('fleet-merge-file-');
  const files = { ours: join(dir, 'ours'), base: join(dir, 'base'), theirs: join(dir, 'theirs') };
  writeFileSync(files.ours, ours);
  writeFileSync(files.base, base);
  writeFileSync(files.theirs, theirs);
  const args = ['merge-file', '-p', '-L', 'target', '-L', 'base', '-L', 'module', files.ours, files.base, files.theirs];
  try {
    return { conflict: false, text: execFileSync('git', args, { env: GIT_ENV, encoding: 'utf8' }) };
  } catch (error) {
    return { conflict: true, text: String((error as { stdout?: string }).stdout) };
  }
}

const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('mergeLines', () => {
  const base = text('a', 'b', 'c', 'd', 'e', 'f', 'g');
  const cases: Record<string, [string, string]> = {
    'the same line changed differently conflicts': [text('a', 'OURS', 'c', 'd', 'e', 'f', 'g'), text('a', 'THEIRS', 'c', 'd', 'e', 'f', 'g')],
    'different lines far apart merge cleanly': [text('a', 'OURS', 'c', 'd', 'e', 'f', 'g'), text('a', 'b', 'c', 'd', 'e', 'THEIRS', 'g')],
    'adjacent lines conflict, as in git': [text('a', 'OURS', 'c', 'd', 'e', 'f', 'g'), text('a', 'b', 'THEIRS', 'd', 'e', 'f', 'g')],
    'the same change on both sides is clean': [text('a', 'SAME', 'c', 'd', 'e', 'f', 'g'), text('a', 'SAME', 'c', 'd', 'e', 'f', 'g')],
    'insertions at the same place conflict': [text('a', 'b', 'NEW1', 'c', 'd', 'e', 'f', 'g'), text('a', 'b', 'NEW2', 'c', 'd', 'e', 'f', 'g')],
    'a deletion and a far edit merge': [text('b', 'c', 'd', 'e', 'f', 'g'), text('a', 'b', 'c', 'd', 'e', 'f', 'G')],
    'a missing final newline survives': ['a\nb\nc\nd\ne\nf\ng', text('a', 'B', 'c', 'd', 'e', 'f', 'g')],
    'common lines at the edges stay out of the markers': [text('a', 'X', 'same', 'Y', 'e', 'f', 'g'), text('a', 'Z', 'same', 'W', 'e', 'f', 'g')],
  };
  for (const [name, [ours, theirs]] of Object.entries(cases)) {
    it(`${name} (same result as git merge-file)`, () => {
      const ourResult = mergeLines(base, ours, theirs, { ours: 'target', theirs: 'module' });
      const reference = gitMergeFile(base, ours, theirs);
      expect(ourResult.conflict).toBe(reference.conflict);
      expect(ourResult.text).toBe(reference.text);
    });
  }
});

describe('MergeBaseFinder', () => {
  it('finds the same merge bases as git merge-base --all, criss-cross and clock skew included', async () => {
    const dir = initRepo();
    const t = 1_700_000_000;
    // 0-1-2 on main; 3,4 on side; criss-cross merges 5 (2+4) and 6 (4+2); 7 has a clock-skewed date.
    const oids = importCommits(dir, [
      { branch: 'main', parents: [], time: t, files: { f: '0' } },
      { branch: 'main', parents: [0], time: t + 10, files: { f: '1' } },
      { branch: 'main', parents: [1], time: t + 20, files: { f: '2' } },
      { branch: 'side', parents: [0], time: t + 15, files: { g: '3' } },
      { branch: 'side', parents: [3], time: t + 25, files: { g: '4' } },
      { branch: 'x', parents: [2, 4], time: t + 30, files: { h: 'x' } },
      { branch: 'y', parents: [4, 2], time: t + 31, files: { h: 'y' } },
      { branch: 'skew', parents: [1], time: t - 5000, files: { s: 'skewed' } },
      { branch: 'skew', parents: [7], time: t + 40, files: { s: 'after' } },
    ]);
    const repo = await GitRepository.open(dir);
    const finder = new MergeBaseFinder(repo);
    const pairs: Array<[string, string]> = [
      ['main', 'side'],
      ['x', 'y'],
      ['skew', 'main'],
      ['skew', 'side'],
      ['x', 'main'],
      ['main', 'main'],
    ];
    for (const [a, b] of pairs) {
      const expected = git(dir, 'merge-base', '--all', a, b).split('\n').sort();
      const found = await finder.mergeBases(git(dir, 'rev-parse', a), git(dir, 'rev-parse', b));
      expect({ pair: `${a} ${b}`, bases: [...found].sort() }).toEqual({ pair: `${a} ${b}`, bases: expected });
    }
    expect((await finder.mergeBases(oids[5]!, oids[6]!)).length).toBe(2);
  });

  it('agrees with git when the commit-graph gives generation numbers', async () => {
    const dir = initRepo();
    const commits = Array.from({ length: 60 }, (_, i) => ({ branch: i % 3 === 0 ? 'a' : 'b', parents: i === 0 ? [] : [Math.max(0, i - 3)], time: 1_700_000_000 + i, files: { [`f${i}`]: String(i) } }));
    importCommits(dir, commits);
    git(dir, 'commit-graph', 'write', '--reachable');
    const finder = new MergeBaseFinder(await GitRepository.open(dir));
    const found = await finder.mergeBases(git(dir, 'rev-parse', 'a'), git(dir, 'rev-parse', 'b'));
    expect(found.sort()).toEqual(git(dir, 'merge-base', '--all', 'a', 'b').split('\n').sort());
  });
});

describe('criss-cross merges', () => {
  const ten = (change: Record<number, string> = {}) => Array.from({ length: 10 }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

  /** Two branches that merged each other; `resolve` gives each side's version of line 2 after its merge. */
  async function crissCross(a1: string, b1: string, a2: string, b2: string, extra: { a?: Record<number, string>; b?: Record<number, string> } = {}) {
    const dir = initRepo();
    const t = 1_700_000_000;
    importCommits(dir, [
      { branch: 'main', parents: [], time: t, files: { 'f.txt': ten(), 'bin.dat': '\0one' } },
      { branch: 'a', parents: [0], time: t + 10, files: { 'f.txt': ten({ 2: a1 }) } },
      { branch: 'b', parents: [0], time: t + 20, files: { 'f.txt': ten({ 2: b1 }), 'bin.dat': '\0two' } },
      { branch: 'a', parents: [1, 2], time: t + 30, files: { 'f.txt': ten({ 2: a2, ...extra.a }), 'bin.dat': '\0two' } },
      { branch: 'b', parents: [2, 1], time: t + 40, files: { 'f.txt': ten({ 2: b2, ...extra.b }) } },
    ]);
    const repo = await GitRepository.open(dir);
    const finder = new MergeBaseFinder(repo);
    const [a, b] = [git(dir, 'rev-parse', 'a'), git(dir, 'rev-parse', 'b')];
    const bases = await finder.mergeBases(a, b);
    const objects = new MemoryObjects(repo);
    const base = await mergeBaseTree(repo, finder, objects, bases);
    const tree = async (oid: string) => (await repo.readCommit(oid)).tree;
    const merged = await mergeTrees(objects, base, await tree(a), await tree(b), { ours: 'a', theirs: 'b' });
    return { dir, bases, merged, reference: gitMergeTree(dir, 'a', 'b') };
  }

  it('conflicts like git when the two merges resolved the same line differently (one base alone would call it clean)', async () => {
    const { bases, merged, reference } = await crissCross('A', 'B', 'A', 'B');
    expect(bases).toHaveLength(2);
    expect(reference).toMatchObject({ clean: false, conflicted: ['f.txt'] });
    expect(merged.conflicts).toEqual([{ path: 'f.txt', kind: 'content' }]);
  });

  it('merges cleanly to the same tree as git when both sides agree on what the bases disagreed about', async () => {
    const { merged, reference } = await crissCross('A', 'B', 'AB', 'AB', { a: { 5: 'a five' }, b: { 9: 'b nine' } });
    expect(reference.clean).toBe(true);
    expect(merged.conflicts).toEqual([]);
    expect(merged.tree).toBe(reference.tree);
  });
});

describe('readConflict', () => {
  it('gives the base, target and module text and the merge with git-style markers', async () => {
    const { dir, workspace } = await mergeFixture();
    const file = await readConflict(workspace, 'base', 'fleet-hub', CONFIG);
    expect(file.binary).toBe(false);
    expect(file.base).toBe(git(dir, 'show', `${git(dir, 'merge-base', 'main', 'module/fleet-hub')}:${CONFIG}`) + '\n');
    expect(file.ours).toContain('main changed line 2');
    expect(file.theirs).toContain('fleet changed line 2');
    expect(file.merged).toBe(gitMergeFile(file.base!, file.ours!, file.theirs!).text.replace('<<<<<<< target', '<<<<<<< main').replace('>>>>>>> module', '>>>>>>> module/fleet-hub'));
    expect(file.merged).toContain('<<<<<<< main\nmain changed line 2\n=======\nfleet changed line 2\n>>>>>>> module/fleet-hub\n');
  });

  it('marks binary files and gives no text for them', async () => {
    const { workspace } = await mergeFixture();
    expect(await readConflict(workspace, 'base', 'operations-hub', 'assets/logo.bin')).toEqual({ path: 'assets/logo.bin', base: null, ours: null, theirs: null, binary: true, merged: null });
  });

  it('shows the deleted side of a modify/delete conflict as absent', async () => {
    const { workspace } = await mergeFixture();
    const file = await readConflict(workspace, 'base', 'analytics-hub', 'src/remove-me.ts');
    expect(file.ours).toBeNull();
    expect(file.theirs).toContain('analytics kept this');
    expect(file.merged).toBeNull();
  });

  it('names a path that is a file on no side', async () => {
    const { workspace } = await mergeFixture();
    await expect(readConflict(workspace, 'base', 'fleet-hub', 'no/such/file.ts')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('no/such/file.ts') });
  });
});
