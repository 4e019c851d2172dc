// The commits a module branch has of its own since it forked (what the implementation log lists), checked
// against `git rev-list base..branch` on histories with merges both ways and skewed clocks.

import { afterAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, git, importCommits, initRepo, type ImportedCommit } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** main and module/a diverge, main is merged into the module, the module into main, and both go on; some clocks run backwards. */
function forkAndMergeHistory(): ImportedCommit[] {
  const t = 1_700_000_000;
  return [
    { branch: 'main', parents: [], time: t, files: { 'README.md': 'root\n' } }, // 0
    { branch: 'main', parents: [0], time: t + 10, files: { 'src/a.ts': '1\n' } }, // 1
    { branch: 'module/a', parents: [1], time: t + 20, files: { 'src/a.ts': '2\n' } }, // 2
    { branch: 'main', parents: [1], time: t + 30, files: { 'src/b.ts': '1\n' } }, // 3
    { branch: 'module/a', parents: [2, 3], time: t + 40, files: {} }, // 4: main merged into the module
    { branch: 'module/a', parents: [4], time: t + 5, files: { 'docs/x.md': 'skewed\n' } }, // 5: clock before its parents
    { branch: 'main', parents: [3], time: t + 60, files: { 'src/c.ts': '1\n' } }, // 6
    { branch: 'module/a', parents: [5], time: t + 70, files: { 'src/a.ts': '3\n' } }, // 7
    { branch: 'main', parents: [6, 5], time: t + 80, files: {} }, // 8: part of the module merged into main
    { branch: 'module/a', parents: [7], time: t + 90, files: { 'src/d.ts': '1\n' } }, // 9
  ];
}

describe('commits only on the module branch', () => {
  it('lists exactly what git rev-list base..module lists, with and without a commit-graph', async () => {
    const dir = initRepo({ bare: true });
    importCommits(dir, forkAndMergeHistory());
    for (const withGraph of [false, true]) {
      if (withGraph) git(dir, 'commit-graph', 'write', '--reachable');
      const repo = await GitRepository.open(dir);
      const tip = (await repo.resolveRef('module/a'))!;
      const base = (await repo.resolveRef('main'))!;
      const expected = git(dir, 'rev-list', 'main..module/a').split('\n').sort();
      expect((await repo.commitsOnlyIn(tip, base)).sort()).toEqual(expected);
      expect(await repo.commitsOnlyIn(base, base)).toEqual([]);
      await repo.close();
    }
  });
});
