// Randomised histories against git: a few hundred small cases, each a trunk and two sides with edits, additions,
// deletions and renames (with and without edits), side merges and criss-crosses, and commit dates that often run
// backwards (a child dated before its parent). For every case the ahead/behind counts must equal the reachable-set
// difference git rev-list gives, and the forecast must equal `git merge-tree --write-tree`: clean or not, and for a
// clean merge the same tree; the same conflicting paths too, except in the cases where whole folders may empty (git's
// folder renames, whose paths are followed only as far as its verdict: see ARCHITECTURE.md). Seeded;
// FLEET_RANDOM_SEED=<n> replays one run.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GitRepository } from '../../../../src/main/core/git/repository';
import { forecastPair } from '../../../../src/main/core/merge/forecast';
import { GIT_ENV, cleanupTempDirs, git, importCommits, initRepo, type ImportedCommit } from '../../../helpers/git';

afterAll(cleanupTempDirs);

const SEED = Number(process.env.FLEET_RANDOM_SEED ?? 20_241_202);
const CASES = 300;
/** git merge-tree processes at once: most of the test's time is git starting up. */
const GIT_CONCURRENCY = 4;

/** mulberry32: small, fast and the same on every machine. */
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

type Files = Map<string, string>;
interface Case {
  ours: number;
  theirs: number;
  /** Every folder keeps a file no commit touches (no folder renames): conflicting paths are compared exactly. */
  exactPaths: boolean;
}

const WORDS = ['fleet', 'driver', 'route', 'fuel', 'cost', 'asset', 'alert', 'trip', 'depot', 'shift', 'load', 'tyre'];
const FOLDERS = ['src', 'lib', 'docs'];
const NAMES = ['index.ts', 'util.ts', 'model.ts', 'view.ts', 'notes.md', 'api.ts', 'store.ts', 'types.ts', 'main.ts'];

/** Builds every case's commits into one list for a single fast-import. */
function generate(seed: number): { commits: ImportedCommit[]; cases: Case[] } {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T,>(items: T[]): T => items[int(items.length)]!;
  const line = () => `${pick(WORDS)} ${pick(WORDS)} ${int(100_000)}\n`;
  const content = () => (random() < 0.04 ? '' : Array.from({ length: 3 + int(25) }, line).join(''));
  const commits: ImportedCommit[] = [];
  const states: Files[] = [];

  /** Small edits (the file stays similar) or a rewrite of most of it. */
  const edit = (text: string, heavy: boolean): string => {
    const lines = text.split(/(?<=\n)/).filter(Boolean);
    const changes = heavy ? Math.max(1, Math.ceil(lines.length * 0.8)) : 1 + int(Math.min(3, lines.length || 1));
    for (let i = 0; i < changes; i++) {
      const at = int(lines.length + 1);
      const roll = random();
      if (roll < 0.5 && lines.length > 0) lines[Math.min(at, lines.length - 1)] = line();
      else if (roll < 0.8) lines.splice(at, 0, line());
      else lines.splice(at, 1);
    }
    return lines.join('');
  };
  const freePath = (files: Files) => {
    for (let tries = 0; tries < 20; tries++) {
      const path = `${pick(FOLDERS)}/${random() < 0.7 ? pick(NAMES) : `f${int(40)}.ts`}`;
      if (!files.has(path)) return path;
    }
    return null;
  };
  let keepFolders = true;
  /** One to three operations on a copy of `files` (keep.txt files stay while `keepFolders`, so no folder empties). */
  const change = (from: Files): Files => {
    const files = new Map(from);
    const movable = () => [...files.keys()].filter((p) => !keepFolders || !p.endsWith('/keep.txt'));
    for (let n = 1 + int(3); n > 0; n--) {
      const roll = random();
      const existing = movable();
      if (roll < 0.35 && existing.length) {
        const path = pick(existing);
        files.set(path, edit(files.get(path)!, random() < 0.15));
      } else if (roll < 0.5) {
        const path = freePath(files);
        if (path) files.set(path, content());
      } else if (roll < 0.62 && existing.length) {
        files.delete(pick(existing));
      } else if (existing.length) {
        // A rename: unchanged, lightly edited (git still calls it a rename) or mostly rewritten (it does not).
        const from = pick(existing);
        const to = freePath(files);
        if (!to) continue;
        const text = files.get(from)!;
        files.delete(from);
        const kind = random();
        files.set(to, kind < 0.4 ? text : kind < 0.85 ? edit(text, false) : edit(text, true));
      }
    }
    return files;
  };
  const time = (parents: number[], clock: { now: number }) => {
    const newest = Math.max(...parents.map((p) => commits[p]!.time));
    // A quarter of the commits are dated before a parent, some by days.
    if (random() < 0.25) return newest - 1 - int(200_000);
    clock.now = Math.max(clock.now, newest) + 1 + int(5000);
    return clock.now;
  };
  const commit = (branch: string, parents: number[], files: Files, clock: { now: number }): number => {
    const first = parents.length ? states[parents[0]!]! : new Map<string, string>();
    const diff: Record<string, string | null> = {};
    for (const [path, text] of files) if (first.get(path) !== text) diff[path] = text;
    for (const path of first.keys()) if (!files.has(path)) diff[path] = null;
    commits.push({ branch, parents, time: parents.length ? time(parents, clock) : clock.now, files: diff });
    states.push(files);
    return commits.length - 1;
  };

  const cases: Case[] = [];
  for (let c = 0; c < CASES; c++) {
    const clock = { now: 1_600_000_000 + c * 1_000_000 };
    // A third of the cases may empty whole folders, where git's folder renames come into play.
    keepFolders = c % 3 !== 0;
    const base: Files = new Map(FOLDERS.map((folder) => [`${folder}/keep.txt`, `${folder}\n`]));
    for (let n = 2 + int(7); n > 0; n--) {
      const path = freePath(base);
      if (path) base.set(path, content());
    }
    let trunk = commit(`c${c}/trunk`, [], base, clock);
    for (let n = int(3); n > 0; n--) trunk = commit(`c${c}/trunk`, [trunk], change(states[trunk]!), clock);
    const sides = { ours: [trunk], theirs: [trunk] };
    const steps = 2 + int(6);
    for (let step = 0; step < steps; step++) {
      const side = random() < 0.5 ? 'ours' : 'theirs';
      const other = side === 'ours' ? 'theirs' : 'ours';
      const tip = sides[side].at(-1)!;
      // Now and then a side merges one of the other side's commits (twice over: a criss-cross).
      if (random() < 0.15 && sides[other].length > 1) {
        const merged = pick(sides[other].slice(1));
        const files = random() < 0.5 ? states[tip]! : change(states[tip]!);
        sides[side].push(commit(`c${c}/${side}`, [tip, merged], files, clock));
      } else sides[side].push(commit(`c${c}/${side}`, [tip], change(states[tip]!), clock));
    }
    cases.push({ ours: sides.ours.at(-1)!, theirs: sides.theirs.at(-1)!, exactPaths: keepFolders });
  }
  return { commits, cases };
}

/** `git merge-tree --write-tree --name-only` of each pair, a few processes at a time: the tree and conflicting paths. */
async function gitMergeTrees(dir: string, pairs: Array<[string, string]>): Promise<Array<{ clean: boolean; tree: string; conflicted: string[] }>> {
  const run = promisify(execFile);
  const results = new Array<{ clean: boolean; tree: string; conflicted: string[] }>(pairs.length);
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) {
      const index = next++;
      const [ours, theirs] = pairs[index]!;
      let out: string;
      let clean = true;
      try {
        out = (await run('git', ['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], { cwd: dir, env: GIT_ENV })).stdout;
      } catch (error) {
        // Exit status 1 is git's "conflicts"; anything else (no output) is a failure of the reference itself.
        out = String((error as { stdout?: string }).stdout ?? '');
        if (!out.trim()) throw error;
        clean = false;
      }
      const [tree, ...paths] = out.trim().split('\n');
      results[index] = { clean, tree: tree!, conflicted: paths.filter(Boolean) };
    }
  };
  await Promise.all(Array.from({ length: GIT_CONCURRENCY }, worker));
  return results;
}

/** Every commit's parents as git itself lists them (`git rev-list --parents --all`). */
function gitGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const row of git(dir, 'rev-list', '--parents', '--all').split('\n')) {
    const [oid, ...parents] = row.split(' ');
    graph.set(oid!, parents);
  }
  return graph;
}

function reachable(graph: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    stack.push(...graph.get(oid)!);
  }
  return seen;
}

describe(`random histories with skewed dates and renames (seed ${SEED}, FLEET_RANDOM_SEED replays)`, () => {
  let dir: string;
  let oids: string[];
  let cases: Case[];
  let repo: GitRepository;

  beforeAll(async () => {
    dir = initRepo();
    const generated = generate(SEED);
    cases = generated.cases;
    oids = importCommits(dir, generated.commits);
    repo = await GitRepository.open(dir);
  }, 60_000);

  it('counts ahead/behind as the difference of git rev-list reachable sets, for every case', async () => {
    const graph = gitGraph(dir);
    for (const [i, { ours, theirs }] of cases.entries()) {
      const [a, b] = [oids[ours]!, oids[theirs]!];
      const [fromA, fromB] = [reachable(graph, a), reachable(graph, b)];
      const expected = { ahead: [...fromA].filter((x) => !fromB.has(x)).length, behind: [...fromB].filter((x) => !fromA.has(x)).length };
      expect(await repo.aheadBehind(a, b), `seed ${SEED}, case ${i}: ${a}...${b}`).toEqual(expected);
    }
  });

  it('forecasts every merge as git merge-tree --write-tree does: clean or not, the conflicting paths, the clean tree', async () => {
    // Ours first, without a commit-graph; then git, with one, so its merge bases do not depend on the dates either.
    const ourForecasts = [];
    for (const { ours, theirs } of cases) ourForecasts.push(await forecastPair(repo, oids[ours]!, oids[theirs]!, { ours: 'ours', theirs: 'theirs' }));
    git(dir, 'commit-graph', 'write', '--reachable');
    const references = await gitMergeTrees(dir, cases.map(({ ours, theirs }) => [oids[ours]!, oids[theirs]!]));
    let clean = 0;
    let renamedConflicts = 0;
    for (const [i, { ours, theirs, exactPaths }] of cases.entries()) {
      const forecast = ourForecasts[i]!;
      const reference = references[i]!;
      const paths = [...new Set(forecast.conflicts.map((c) => c.path))];
      const context = `seed ${SEED}, case ${i}: git merge-tree ${oids[ours]} ${oids[theirs]} (FLEET_RANDOM_SEED=${SEED} replays)`;
      const gitPaths = [...new Set(reference.conflicted)].sort();
      if (exactPaths) expect({ clean: paths.length === 0, paths }, context).toEqual({ clean: reference.clean, paths: gitPaths });
      else expect(paths.length === 0, `${context}: ours [${paths}], git [${gitPaths}]`).toBe(reference.clean);
      if (reference.clean) {
        expect(forecast.mergedTree, context).toBe(reference.tree);
        clean++;
      }
      if (forecast.conflicts.some((c) => c.renamedFrom)) renamedConflicts++;
    }
    // The generator must keep producing both kinds of outcome, renames among the conflicts.
    expect(clean).toBeGreaterThan(CASES / 10);
    expect(CASES - clean).toBeGreaterThan(CASES / 10);
    expect(renamedConflicts).toBeGreaterThan(0);
  }, 120_000);
});
