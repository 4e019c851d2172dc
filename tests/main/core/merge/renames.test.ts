import { afterAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { MergeBaseFinder } from '../../../../src/main/core/merge/merge-base';
import { MemoryObjects } from '../../../../src/main/core/merge/merge-objects';
import { mergeTrees } from '../../../../src/main/core/merge/tree-merge';
import { mergeBaseTree } from '../../../../src/main/core/merge/virtual-base';
import { fingerprint, similarity } from '../../../../src/main/core/merge/similarity';
import type { ConflictFile } from '../../../../src/shared/types-merge';
import { cleanupTempDirs, git, importCommits, initRepo } from '../../../helpers/git';
import { gitMergeTree } from './merge-fixture';

afterAll(cleanupTempDirs);

type Files = Record<string, string | null>;
const lines = (prefix: string, count: number, change: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, i) => change[i + 1] ?? `${prefix} line ${i + 1} of a file long enough to compare`).join('\n') + '\n';
const T = 1_700_000_000;

/** base -> ours and base -> theirs as two branches; our merge of theirs into ours next to git merge-tree's. */
async function mergeBoth(base: Files, ours: Files, theirs: Files): Promise<{ conflicts: ConflictFile[]; tree: string; git: ReturnType<typeof gitMergeTree> }> {
  const dir = initRepo();
  importCommits(dir, [
    { branch: 'base', parents: [], time: T, files: base },
    { branch: 'ours', parents: [0], time: T + 10, files: ours },
    { branch: 'theirs', parents: [0], time: T + 20, files: theirs },
  ]);
  const repo = await GitRepository.open(dir);
  const finder = new MergeBaseFinder(repo);
  const [a, b] = [git(dir, 'rev-parse', 'ours'), git(dir, 'rev-parse', 'theirs')];
  const objects = new MemoryObjects(repo);
  const baseTree = await mergeBaseTree(repo, finder, objects, await finder.mergeBases(a, b));
  const treeOf = async (oid: string) => (await repo.readCommit(oid)).tree;
  const merged = await mergeTrees(objects, baseTree, await treeOf(a), await treeOf(b), { ours: 'ours', theirs: 'theirs' });
  return { ...merged, git: gitMergeTree(dir, 'ours', 'theirs') };
}

/** The merge agrees with git: clean or not, the same conflicting paths, and when clean the same tree. */
function expectSameAsGit(result: Awaited<ReturnType<typeof mergeBoth>>): void {
  expect({ clean: result.conflicts.length === 0, paths: result.conflicts.map((c) => c.path) }).toEqual({ clean: result.git.clean, paths: [...result.git.conflicted].sort() });
  if (result.git.clean) expect(result.tree).toBe(result.git.tree);
}

const A = lines('a', 20);
const D = lines('d', 20);
const base: Files = { 'src/a.ts': A, 'src/d.ts': D, 'src/keep.ts': 'keep\n' };

describe('renames in a merge (against git merge-tree)', () => {
  it('calls a rename on one side and a deletion on the other a rename/delete conflict, not a clean merge', async () => {
    const exact = await mergeBoth(base, { 'src/a.ts': null, 'lib/a.ts': A }, { 'src/a.ts': null });
    expectSameAsGit(exact);
    expect(exact.conflicts).toEqual([{ path: 'lib/a.ts', kind: 'rename-delete', renamedFrom: 'src/a.ts' }]);
    const edited = await mergeBoth(base, { 'src/a.ts': null }, { 'src/a.ts': null, 'src/b.ts': lines('a', 20, { 3: 'edited' }) });
    expectSameAsGit(edited);
    expect(edited.conflicts).toEqual([{ path: 'src/b.ts', kind: 'rename-delete', renamedFrom: 'src/a.ts' }]);
  });

  it('merges an edit into a file the other side renamed and edited, at its new path, with the tree git makes', async () => {
    const result = await mergeBoth(base, { 'src/a.ts': lines('a', 20, { 2: 'ours edited line 2' }) }, { 'src/a.ts': null, 'lib/renamed.ts': lines('a', 20, { 17: 'theirs edited 17' }) });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([]);
    const reversed = await mergeBoth(base, { 'src/a.ts': null, 'lib/a.ts': lines('a', 20, { 17: 'ours edited 17' }) }, { 'src/a.ts': lines('a', 20, { 2: 'theirs 2' }) });
    expectSameAsGit(reversed);
    expect(reversed.conflicts).toEqual([]);
  });

  it('reports a content conflict in a renamed file at its new path, naming where it came from', async () => {
    const result = await mergeBoth(base, { 'src/a.ts': lines('a', 20, { 5: 'ours 5' }) }, { 'src/a.ts': null, 'src/b.ts': lines('a', 20, { 5: 'theirs 5' }) });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([{ path: 'src/b.ts', kind: 'content', renamedFrom: 'src/a.ts' }]);
  });

  it('calls a file renamed to two different names rename/rename, with the old and both new paths', async () => {
    const result = await mergeBoth(base, { 'src/a.ts': null, 'src/b.ts': A }, { 'src/a.ts': null, 'src/c.ts': lines('a', 20, { 9: 'c' }) });
    expectSameAsGit(result);
    expect(result.conflicts.map((c) => c.kind)).toEqual(['rename-rename', 'rename-rename', 'rename-rename']);
  });

  it('merges the same rename made on both sides as one file', async () => {
    const result = await mergeBoth(base, { 'src/a.ts': null, 'src/b.ts': lines('a', 20, { 2: 'ours' }) }, { 'src/a.ts': null, 'src/b.ts': lines('a', 20, { 18: 'theirs' }) });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([]);
  });

  it('calls two files renamed onto one name, or a rename onto a path the other side added, add/add', async () => {
    const twoToOne = await mergeBoth(base, { 'src/a.ts': null, 'src/c.ts': A, 'src/d.ts': lines('d', 20, { 3: 'x' }) }, { 'src/d.ts': null, 'src/c.ts': D, 'src/a.ts': lines('a', 20, { 3: 'y' }) });
    expectSameAsGit(twoToOne);
    const renameAdd = await mergeBoth(base, { 'src/a.ts': null, 'src/b.ts': A }, { 'src/a.ts': lines('a', 20, { 3: 'y' }), 'src/b.ts': 'something else\n' });
    expectSameAsGit(renameAdd);
    expect(renameAdd.conflicts).toEqual([{ path: 'src/b.ts', kind: 'add-add', renamedFrom: 'src/a.ts' }]);
  });

  it('leaves a file rewritten beyond 50% similarity as modify/delete, as git does', async () => {
    const rewritten = lines('z', 20, { 1: lines('a', 20).split('\n')[0]!, 2: lines('a', 20).split('\n')[1]! });
    const result = await mergeBoth(base, { 'src/a.ts': lines('a', 20, { 4: 'ours' }) }, { 'src/a.ts': null, 'src/b.ts': rewritten });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([{ path: 'src/a.ts', kind: 'modify-delete' }]);
  });

  it('follows a folder move of several edited files while the other side edits them', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`old/f${i}.ts`, lines(`f${i}`, 12)]));
    const moved = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`new/f${i}.ts`, lines(`f${i}`, 12, { 1: `moved ${i}` })]));
    const gone = Object.fromEntries(Object.keys(files).map((p) => [p, null]));
    const edited = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`old/f${i}.ts`, lines(`f${i}`, 12, { 10: `edited ${i}` })]));
    const result = await mergeBoth({ ...base, ...files }, { ...gone, ...moved }, edited);
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([]);
  });
});

describe('folder renames in a merge (against git merge-tree)', () => {
  const folder = Object.fromEntries(['a', 'b', 'c'].map((f) => [`old/${f}.ts`, lines(f, 20)]));
  const moved = (to: string) => Object.fromEntries(Object.entries(folder).flatMap(([path, text]) => [[path, null], [path.replace('old/', `${to}/`), text]]));
  const base = { ...folder, 'keep/k.txt': 'k\n' };

  it('reports a file added in a folder the other side renamed as a file-location conflict where git suggests it', async () => {
    const result = await mergeBoth(base, moved('new'), { 'old/d.ts': 'd\n' });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([{ path: 'new/d.ts', kind: 'file-location', renamedFrom: 'old/d.ts' }]);
  });

  it('merges cleanly when the other side only edited files of the renamed folder, or the folder was not emptied', async () => {
    expectSameAsGit(await mergeBoth(base, moved('new'), { 'old/a.ts': lines('a', 20, { 3: 'edited' }) }));
    const partly = { 'old/a.ts': null, 'old/b.ts': null, 'new/a.ts': folder['old/a.ts']!, 'new/b.ts': folder['old/b.ts']! };
    const result = await mergeBoth(base, partly, { 'old/d.ts': 'd\n' });
    expectSameAsGit(result);
    expect(result.conflicts).toEqual([]);
  });

  it('stops where the folder went to several places equally (git: directory rename split)', async () => {
    const split = { 'old/a.ts': null, 'old/b.ts': null, 'old/c.ts': null, 'n1/a.ts': folder['old/a.ts']!, 'n2/b.ts': folder['old/b.ts']! };
    const result = await mergeBoth(base, split, { 'old/d.ts': 'd\n' });
    // git lists no path for a split, only that the merge is not clean.
    expect(result.git.clean).toBe(false);
    expect(result.conflicts).toEqual([{ path: 'old', kind: 'file-location' }]);
  });
});

describe('similarity', () => {
  it('scores identical content 100%, half-shared content about 50%, and sizes too far apart 0', () => {
    const text = Buffer.from(lines('x', 40));
    expect(similarity(fingerprint(text), fingerprint(text))).toBe(60_000);
    const half = Buffer.from(lines('x', 20) + lines('y', 20));
    expect(similarity(fingerprint(text), fingerprint(half))).toBeGreaterThan(27_000);
    expect(similarity(fingerprint(text), fingerprint(half))).toBeLessThan(33_000);
    expect(similarity(fingerprint(Buffer.from('a\n')), fingerprint(text))).toBe(0);
  });
});
