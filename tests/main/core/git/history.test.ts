// Ahead/behind counts and ancestry on merge-heavy histories with skewed clocks, checked against git rev-list.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommitGraph } from '../../../../src/main/core/git/commit-graph';
import { HistoryWalker, type WalkSource } from '../../../../src/main/core/git/history-walk';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { cleanupTempDirs, git, importCommits, initRepo, type ImportedCommit } from '../../../helpers/git';

afterAll(cleanupTempDirs);

/** A small deterministic random generator (mulberry32), so a failing history can be rebuilt. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface History {
  commits: ImportedCommit[];
  branches: Map<string, number>;
}

/** Several branches with commits, forks and merges both ways; some commits dated before their parents, some in the same second. */
function mergeHeavyHistory(seed: number, steps: number): History {
  const random = seededRandom(seed);
  const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  let clock = 1_600_000_000;
  const commits: ImportedCommit[] = [{ branch: 'main', parents: [], time: clock, files: { 'README.md': 'root\n' } }];
  const branches = new Map<string, number>([['main', 0]]);
  const timeFor = (parents: number[]) => {
    const newestParent = Math.max(...parents.map((p) => commits[p]!.time));
    const roll = random();
    if (roll < 0.12) return newestParent - 1 - Math.floor(random() * 7200); // clock skew: before its parent
    if (roll < 0.22) return newestParent; // same second
    clock = Math.max(clock, newestParent) + 1 + Math.floor(random() * 600);
    return clock;
  };
  for (let step = 1; step <= steps; step++) {
    const names = [...branches.keys()];
    const target = pick(names);
    const roll = random();
    let parents = [branches.get(target)!];
    let branch = target;
    if (roll < 0.08 && branches.size < 8) branch = `topic-${step}`;
    else if (roll < 0.4 && names.length > 1) {
      const other = pick(names.filter((name) => name !== target));
      parents = [branches.get(target)!, branches.get(other)!];
    }
    commits.push({ branch, parents, time: timeFor(parents), files: { [`work/${branch}.txt`]: `step ${step}\n` } });
    branches.set(branch, commits.length - 1);
  }
  return { commits, branches };
}

/** Every commit reachable from `start` (inclusive), computed from the generated graph itself. */
function reachable(commits: ImportedCommit[], start: number): Set<number> {
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length) {
    const index = stack.pop()!;
    if (seen.has(index)) continue;
    seen.add(index);
    stack.push(...commits[index]!.parents);
  }
  return seen;
}

function exactCounts(commits: ImportedCommit[], a: number, b: number): string {
  const fromA = reachable(commits, a);
  const fromB = reachable(commits, b);
  const ahead = [...fromA].filter((x) => !fromB.has(x)).length;
  const behind = [...fromB].filter((x) => !fromA.has(x)).length;
  return `${ahead}\t${behind}`;
}

describe('ahead/behind on merge-heavy histories', () => {
  let dir: string;
  let history: History;
  let oids: string[];
  let pairs: [number, number][];

  beforeAll(() => {
    dir = initRepo();
    history = mergeHeavyHistory(7, 600);
    oids = importCommits(dir, history.commits);
    const random = seededRandom(99);
    const tips = [...history.branches.values()];
    pairs = [];
    for (const a of tips) for (const b of tips) if (a !== b) pairs.push([a, b]);
    for (let i = 0; i < 100; i++) pairs.push([Math.floor(random() * oids.length), Math.floor(random() * oids.length)]);
  });

  it('counts exactly with dates alone (no commit-graph), even where clock skew misleads git rev-list', async () => {
    const repo = await GitRepository.open(dir);
    let gitMisled = 0;
    for (const [a, b] of pairs) {
      const counts = await repo.aheadBehind(oids[a]!, oids[b]!);
      const exact = exactCounts(history.commits, a, b);
      expect(`${counts.ahead}\t${counts.behind}`, `${a}...${b}`).toBe(exact);
      if (git(dir, 'rev-list', '--left-right', '--count', `${oids[a]}...${oids[b]}`) !== exact) gitMisled++;
    }
    // Without generation numbers git's own date-ordered walk stops too early on some of these pairs.
    expect(gitMisled).toBeGreaterThan(0);
  });

  it('equals git rev-list --left-right --count once a commit-graph gives both sides generation numbers', async () => {
    git(dir, 'commit-graph', 'write', '--reachable');
    const repo = await GitRepository.open(dir);
    for (const [a, b] of pairs) {
      const counts = await repo.aheadBehind(oids[a]!, oids[b]!);
      const expected = git(dir, 'rev-list', '--left-right', '--count', `${oids[a]}...${oids[b]}`);
      expect(`${counts.ahead}\t${counts.behind}`, `${a}...${b}`).toBe(expected);
      expect(expected, `git with the graph on ${a}...${b}`).toBe(exactCounts(history.commits, a, b));
    }
  });

  it('stays exact for commits made after the commit-graph was written', async () => {
    const repo = await GitRepository.open(dir);
    const later = mergeHeavyHistory(8, 80).commits.slice(1).map((commit) => ({
      ...commit,
      branch: `later-${commit.branch}`,
      parents: commit.parents.map((p) => (p === 0 ? history.branches.get('main')! : p + oids.length - 1)),
    }));
    const all = [...history.commits, ...later];
    const laterOids = importCommits(dir, all).slice(oids.length);
    const random = seededRandom(3);
    for (let i = 0; i < 40; i++) {
      const a = Math.floor(random() * all.length);
      const b = oids.length + Math.floor(random() * laterOids.length);
      const counts = await repo.aheadBehind([...oids, ...laterOids][a]!, laterOids[b - oids.length]!);
      expect(`${counts.ahead}\t${counts.behind}`, `${a}...${b}`).toBe(exactCounts(all, a, b));
    }
  });

  it('gives the same answers from the cache, swapped when the pair is swapped', async () => {
    const repo = await GitRepository.open(dir);
    const [a, b] = [oids[history.branches.get('main')!]!, oids[oids.length - 1]!];
    const first = await repo.aheadBehind(a, b);
    expect(await repo.aheadBehind(a, b)).toEqual(first);
    expect(await repo.aheadBehind(b, a)).toEqual({ ahead: first.behind, behind: first.ahead });
    expect(await repo.aheadBehind(a, a)).toEqual({ ahead: 0, behind: 0 });
  });

  it('answers isAncestor as git merge-base --is-ancestor does', async () => {
    const repo = await GitRepository.open(dir);
    const random = seededRandom(5);
    for (let i = 0; i < 40; i++) {
      const a = oids[Math.floor(random() * oids.length)]!;
      const b = oids[Math.floor(random() * oids.length)]!;
      let expected = true;
      try {
        git(dir, 'merge-base', '--is-ancestor', a, b);
      } catch {
        expected = false;
      }
      expect(await repo.isAncestor(a, b), `${a} ancestor of ${b}`).toBe(expected);
    }
  });

  it('counts a module branch a few commits ahead of a base that moved on, in a long history', async () => {
    const base = initRepo();
    const commits: ImportedCommit[] = [];
    for (let i = 0; i < 2000; i++) commits.push({ branch: 'main', parents: i ? [i - 1] : [], time: 1_600_000_000 + i * 60, files: { [`src/f${i % 50}.ts`]: `v${i}\n` } });
    const fork = commits.length - 1;
    for (let m = 0; m < 8; m++) {
      let parent = fork;
      for (let c = 0; c <= m % 3; c++) {
        commits.push({ branch: `module/m${m}`, parents: [parent], time: 1_700_000_000 + m * 100 + c, files: { [`enhancements/m${m}/doc.md`]: `${c}\n` } });
        parent = commits.length - 1;
      }
    }
    let tip = fork;
    for (let i = 0; i < 4; i++) {
      commits.push({ branch: 'main', parents: [tip], time: 1_700_001_000 + i, files: { 'src/late.ts': `${i}\n` } });
      tip = commits.length - 1;
    }
    const ids = importCommits(base, commits);
    const repo = await GitRepository.open(base);
    for (let m = 0; m < 8; m++) {
      const branchTip = git(base, 'rev-parse', `module/m${m}`);
      expect(await repo.aheadBehind(branchTip, ids[tip]!)).toEqual({ ahead: (m % 3) + 1, behind: 4 });
    }
  });
});

describe('a push\'s fast-forward check on a long history without a commit-graph', () => {
  it('confirms a near ancestor from a few commits, without reading the history for generations; a far one or a non-ancestor still as git says', async () => {
    const dir = initRepo();
    const commits: ImportedCommit[] = [];
    for (let i = 0; i < 1500; i++) commits.push({ branch: 'main', parents: i ? [i - 1] : [], time: 1_600_000_000 + i * 60, files: { [`src/f${i % 40}.ts`]: `v${i}\n` } });
    commits.push({ branch: 'module/a', parents: [1499], time: 1_700_000_000, files: { 'docs/a.md': 'one\n' } });
    commits.push({ branch: 'module/a', parents: [1500], time: 1_700_000_060, files: { 'docs/a.md': 'two\n' } });
    const ids = importCommits(dir, commits);
    const repo = await GitRepository.open(dir);
    const read = new Set<string>();
    const source: WalkSource = {
      commit: async (oid) => {
        read.add(oid);
        const commit = await repo.readCommit(oid);
        return { parents: commit.parents, time: commit.committer.timestamp, generation: Infinity };
      },
      graphGeneration: () => Infinity,
      prepareGenerations: async () => false,
    };
    const walker = new HistoryWalker(source);
    // The remote's tip one commit below the pushed one: a fast-forward, told from the two commits and their parents.
    expect(await walker.isAncestor(ids[1500]!, ids[1501]!)).toBe(true);
    expect(read.size).toBeLessThan(5);
    const expectAsGit = async (a: string, b: string) => {
      let expected = true;
      try {
        git(dir, 'merge-base', '--is-ancestor', a, b);
      } catch {
        expected = false;
      }
      expect(await walker.isAncestor(a, b)).toBe(expected);
    };
    await expectAsGit(ids[10]!, ids[1501]!);
    await expectAsGit(ids[1501]!, ids[1499]!);
    await expectAsGit(ids[1501]!, ids[1500]!);
  });
});

describe('clock skew below the meeting point (no commit-graph)', () => {
  /**
   * A and B meet at J1, ten commits J1..J10 (reachable from both) dated before X, and J10's parent is X: a commit
   * dated far before its parent, deep under where the sides meet. A also reaches X directly, so a date-ordered walk
   * counts X and the root as A's alone unless it walks down the whole J chain. The truth: ahead 1, behind 1.
   */
  function skewedBelowMeeting(dir: string): { a: string; b: string; oids: string[] } {
    const t = 1_600_000_000;
    const commits: ImportedCommit[] = [
      { branch: 'main', parents: [], time: t + 100, files: { r: 'root\n' } }, // 0: R
      { branch: 'main', parents: [0], time: t + 900, files: { x: 'x\n' } }, // 1: X
    ];
    let parent = 1;
    for (let j = 10; j >= 1; j--) {
      commits.push({ branch: 'chain', parents: [parent], time: t + 85 + j, files: { j: `${j}\n` } }); // J10 .. J1
      parent = commits.length - 1;
    }
    const j1 = parent;
    commits.push({ branch: 'a', parents: [1, j1], time: t + 1000, files: { a: 'a\n' } });
    commits.push({ branch: 'b', parents: [j1], time: t + 2000, files: { b: 'b\n' } });
    const oids = importCommits(dir, commits);
    return { a: oids[commits.length - 2]!, b: oids[commits.length - 1]!, oids };
  }

  /** The reference: commits reachable from one side and not the other, from git rev-list's two full lists. */
  function reachableDifference(dir: string, a: string, b: string): { ahead: number; behind: number } {
    const list = (tip: string) => new Set(git(dir, 'rev-list', tip).split('\n'));
    const [fromA, fromB] = [list(a), list(b)];
    return { ahead: [...fromA].filter((c) => !fromB.has(c)).length, behind: [...fromB].filter((c) => !fromA.has(c)).length };
  }

  it('counts ahead/behind exactly where a commit dated before its parent lies deep below where the sides meet', async () => {
    const dir = initRepo();
    const { a, b } = skewedBelowMeeting(dir);
    const repo = await GitRepository.open(dir);
    expect(reachableDifference(dir, a, b)).toEqual({ ahead: 1, behind: 1 });
    expect(await repo.aheadBehind(a, b)).toEqual({ ahead: 1, behind: 1 });
    expect(await repo.aheadBehind(b, a)).toEqual({ ahead: 1, behind: 1 });
    expect(await repo.commitsOnlyIn(a, b)).toEqual([a]);
  });

  it('finds the merge base git finds with generation numbers, and computes generations as the commit-graph would', async () => {
    const dir = initRepo();
    const { a, b, oids } = skewedBelowMeeting(dir);
    const repo = await GitRepository.open(dir);
    const generations = await Promise.all(oids.map((oid) => repo.generation(oid)));
    git(dir, 'commit-graph', 'write', '--reachable');
    const graph = new CommitGraph(join(dir, '.git', 'objects'));
    await graph.refresh();
    expect(generations).toEqual(oids.map((oid) => graph.generation(oid)));
    const { MergeBaseFinder } = await import('../../../../src/main/core/merge/merge-base');
    expect(await new MergeBaseFinder(repo).mergeBases(a, b)).toEqual([git(dir, 'merge-base', '--all', a, b)]);
  });
});

describe('the commit-graph reader', () => {
  it('gives every commit a generation above each of its parents, and Infinity to commits it does not know', async () => {
    const dir = initRepo();
    const history = mergeHeavyHistory(21, 120);
    const oids = importCommits(dir, history.commits);
    const graph = new CommitGraph(join(dir, '.git', 'objects'));
    await graph.refresh();
    expect(graph.available).toBe(false);
    git(dir, 'commit-graph', 'write', '--reachable');
    await graph.refresh();
    expect(graph.available).toBe(true);
    expect(graph.generation(oids[0]!)).toBe(1);
    history.commits.forEach((commit, i) => {
      for (const parent of commit.parents) expect(graph.generation(oids[i]!)).toBeGreaterThan(graph.generation(oids[parent]!));
    });
    expect(graph.generation('0123456789abcdef0123456789abcdef01234567')).toBe(Infinity);
  });

  it("gives each commit's parents (octopus merges too), committer time and tree as git does, through a split chain", async () => {
    const dir = initRepo();
    const history = mergeHeavyHistory(5, 80);
    const heads = [...history.branches.values()];
    // Octopus merges of every branch tip (three to eight parents), dated after all of them.
    const newest = Math.max(...history.commits.map((c) => c.time));
    history.commits.push({ branch: 'octopus', parents: heads.slice(0, 3), time: newest + 10, files: { 'octopus.txt': 'three\n' } });
    history.commits.push({ branch: 'octopus', parents: [history.commits.length - 1, ...heads.slice(3)], time: newest + 20, files: { 'octopus.txt': 'all\n' } });
    const oids = importCommits(dir, history.commits);
    git(dir, 'commit-graph', 'write', '--reachable');
    // Commits after the first layer, written as a second layer on top of it.
    const more = importCommits(dir, [{ branch: 'octopus', parents: [], time: newest + 30, files: { 'root.txt': 'another root\n' } }]);
    const joined = git(dir, 'commit-tree', `${more[0]}^{tree}`, '-p', oids.at(-1)!, '-p', more[0]!, '-p', oids[0]!, '-m', 'joined');
    git(dir, 'update-ref', 'refs/heads/joined', joined);
    git(dir, 'commit-graph', 'write', '--reachable', '--split=no-merge');
    const graph = new CommitGraph(join(dir, '.git', 'objects'));
    await graph.refresh();
    const all = git(dir, 'rev-list', '--all').split('\n');
    expect(all.length).toBe(oids.length + more.length + 1);
    // Two layers: the second one's parents point into the first.
    expect(readFileSync(join(dir, '.git', 'objects', 'info', 'commit-graphs', 'commit-graph-chain'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(graph.commit(joined)!.parents).toEqual([oids.at(-1), more[0], oids[0]]);
    for (const line of git(dir, 'log', '--all', '--format=%H %ct %T %P').split('\n')) {
      const [oid, time, tree, ...parents] = line.split(' ').filter(Boolean);
      expect(graph.commit(oid!)).toMatchObject({ parents, time: Number(time), tree });
    }
    expect(heads.length).toBeGreaterThanOrEqual(4);
    expect(graph.commit(oids.at(-2)!)!.parents).toEqual(heads.slice(0, 3).map((i) => oids[i]));
    expect(graph.commit(oids.at(-1)!)!.parents.length).toBe(heads.length - 2);
    expect(graph.commit(git(dir, 'rev-parse', 'HEAD^{tree}'))).toBeNull();
  });
});
