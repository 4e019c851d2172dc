// Replace refs (`git replace --graft`, refs/replace/*) are honoured as git's history commands honour them, and
// switched off by GIT_NO_REPLACE_OBJECTS and core.useReplaceRefs=false; a push still reads the stored history.

import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { MergeBaseFinder } from '../../../../src/main/core/merge/merge-base';
import { forecastPair } from '../../../../src/main/core/merge/forecast';
import { objectsToSend } from '../../../../src/main/core/remotes/push-objects';
import { GIT_ENV, cleanupTempDirs, git, importCommits, initRepo } from '../../../helpers/git';
import { gitMergeTree } from '../merge/merge-fixture';

afterAll(cleanupTempDirs);

const T = 1_700_000_000;

/** c0 - c1 - c2 - c3 on main, s1 on side from c1; then `git replace --graft c2 c0` cuts c1 out of main's history. */
function graftedHistory(): { dir: string; c: string[]; side: string } {
  const dir = initRepo();
  const c = importCommits(dir, [
    { branch: 'main', parents: [], time: T, files: { f: 'base\n', g: 'g\n' } },
    { branch: 'main', parents: [0], time: T + 10, files: { f: 'one\n' } },
    { branch: 'main', parents: [1], time: T + 20, files: { h: 'h\n' } },
    { branch: 'main', parents: [2], time: T + 30, files: { h: 'h2\n' } },
    { branch: 'side', parents: [1], time: T + 40, files: { f: 'side\n' } },
  ]);
  git(dir, 'replace', '--graft', c[2]!, c[0]!);
  return { dir, c: c.slice(0, 4), side: c[4]! };
}

/** git's own answer with `env` (ahead/behind as the difference of the two rev-list sets). */
function gitCounts(dir: string, a: string, b: string, env: NodeJS.ProcessEnv = GIT_ENV): { ahead: number; behind: number } {
  const list = (tip: string) => new Set(execFileSync('git', ['rev-list', tip], { cwd: dir, env, encoding: 'utf8' }).trim().split('\n'));
  const [fromA, fromB] = [list(a), list(b)];
  return { ahead: [...fromA].filter((x) => !fromB.has(x)).length, behind: [...fromB].filter((x) => !fromA.has(x)).length };
}

describe('replace refs', () => {
  it('counts ahead/behind and finds merge bases through a graft, as git rev-list and merge-base do (commit-graph or not)', async () => {
    const { dir, c, side } = graftedHistory();
    const main = c[3]!;
    for (const withGraph of [false, true]) {
      // git writes the graph with the stored parents and then ignores it while replace refs are in effect: so must we.
      if (withGraph) git(dir, 'commit-graph', 'write', '--reachable');
      const repo = await GitRepository.open(dir, { env: GIT_ENV });
      expect(gitCounts(dir, main, side)).toEqual({ ahead: 2, behind: 2 });
      expect(await repo.aheadBehind(main, side)).toEqual(gitCounts(dir, main, side));
      expect(await repo.isAncestor(c[1]!, main)).toBe(false);
      expect(await new MergeBaseFinder(repo).mergeBases(main, side)).toEqual(git(dir, 'merge-base', '--all', main, side).split('\n'));
      expect((await repo.readCommit(c[2]!)).parents).toEqual([c[0]]);
      expect(await repo.replacedObjects()).toBe(1);
    }
  });

  it('reads the stored history when GIT_NO_REPLACE_OBJECTS is set or core.useReplaceRefs is false, as git does', async () => {
    const { dir, c, side } = graftedHistory();
    const off = { ...GIT_ENV, GIT_NO_REPLACE_OBJECTS: '1' };
    const repo = await GitRepository.open(dir, { env: off });
    expect(gitCounts(dir, c[3]!, side, off)).toEqual({ ahead: 2, behind: 1 });
    expect(await repo.aheadBehind(c[3]!, side)).toEqual(gitCounts(dir, c[3]!, side, off));
    expect(await repo.replacedObjects()).toBe(0);
    git(dir, 'config', 'core.useReplaceRefs', 'false');
    const configured = await GitRepository.open(dir, { env: GIT_ENV });
    expect(await configured.aheadBehind(c[3]!, side)).toEqual({ ahead: 2, behind: 1 });
  });

  it('forecasts a merge through the graft to the tree git merge-tree makes', async () => {
    const { dir, c, side } = graftedHistory();
    const repo = await GitRepository.open(dir, { env: GIT_ENV });
    const forecast = await forecastPair(repo, c[3]!, side, { ours: 'main', theirs: 'side' });
    const reference = gitMergeTree(dir, c[3]!, side);
    // Through the graft the base is c0, where f was "base": main's "one" and side's "side" now conflict.
    expect(reference.clean).toBe(false);
    expect(forecast.conflicts.map((c) => c.path)).toEqual(reference.conflicted);
    expect(forecast.mergeBase).toBe(c[0]);
  });

  it('sees a replace ref made while open once refs are invalidated', async () => {
    const dir = initRepo();
    const c = importCommits(dir, [
      { branch: 'main', parents: [], time: T, files: { f: '0\n' } },
      { branch: 'main', parents: [0], time: T + 10, files: { f: '1\n' } },
      { branch: 'main', parents: [1], time: T + 20, files: { f: '2\n' } },
      { branch: 'side', parents: [1], time: T + 30, files: { g: 's\n' } },
    ]);
    const repo = await GitRepository.open(dir, { env: GIT_ENV });
    expect(await repo.aheadBehind(c[2]!, c[3]!)).toEqual({ ahead: 1, behind: 1 });
    git(dir, 'replace', '--graft', c[2]!, c[0]!);
    repo.invalidateRefs();
    expect(await repo.aheadBehind(c[2]!, c[3]!)).toEqual(gitCounts(dir, c[2]!, c[3]!));
    expect(await repo.aheadBehind(c[2]!, c[3]!)).toEqual({ ahead: 1, behind: 2 });
  });

  it('pushes the stored history, not the grafted one, as git push does', async () => {
    const { dir, c } = graftedHistory();
    const repo = await GitRepository.open(dir, { env: GIT_ENV });
    const { oids, commits } = await objectsToSend(repo, [c[3]!], []);
    const stored = execFileSync('git', ['--no-replace-objects', 'rev-list', '--objects', c[3]!], { cwd: dir, env: GIT_ENV, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]!);
    expect(commits).toBe(4);
    expect(new Set(oids)).toEqual(new Set(stored));
  });
});
