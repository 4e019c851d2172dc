// Ahead/behind counts by painting commits reachable from each side, highest generation first, stopping once the
// sides meet: exactly, whatever the commit dates say (a commit dated before its parent cannot end the walk early).

import { BoundedMap } from './byte-lru-cache';
import { Generations } from './generations';
import { MaxPriorityQueue } from './priority-queue';
import type { AheadBehind } from './types';

/** What the walk needs of a commit: parents, committer time (seconds), generation (Infinity when unknown). */
export interface WalkCommit {
  parents: string[];
  time: number;
  generation: number;
}

export interface WalkSource {
  commit(oid: string): Promise<WalkCommit>;
  /** The commit-graph's generation of a commit, Infinity when it has none (or must not be used). */
  graphGeneration(oid: string): number;
  /** Readies the commit-graph's generation numbers; true when it provides them (others are computed on the fly). */
  prepareGenerations(): Promise<boolean>;
}

const LEFT = 1;
const RIGHT = 2;
const BOTH = LEFT | RIGHT;
const MAX_CACHED_RESULTS = 50_000;
/** Commits isAncestor looks through, newest first, before it computes generations for the exact walk. */
const NEAR_ANCESTOR_BUDGET = 64;

/** Commits painted by one side only: ahead (LEFT) and behind (RIGHT). */
function countSides(flags: Map<string, number>): AheadBehind {
  let ahead = 0;
  let behind = 0;
  for (const side of flags.values()) {
    if (side === LEFT) ahead++;
    else if (side === RIGHT) behind++;
  }
  return { ahead, behind };
}

/** Counts commits reachable from one side only, and remembers the answer per pair of commits. */
export class HistoryWalker {
  private readonly results = new BoundedMap<string, AheadBehind>(MAX_CACHED_RESULTS);
  /** Generations from the commit-graph, or computed from the parents where it has none; also for other walks. */
  readonly generations: Generations;

  constructor(private readonly source: WalkSource) {
    this.generations = new Generations(source);
  }

  /** Commits reachable from `a` but not `b` (ahead) and from `b` but not `a` (behind), like `git rev-list --left-right --count a...b`. */
  async aheadBehind(a: string, b: string): Promise<AheadBehind> {
    if (a === b) return { ahead: 0, behind: 0 };
    const cached = this.results.get(`${a} ${b}`);
    if (cached) return { ...cached };
    await this.source.prepareGenerations();
    const result = countSides(await this.walk(a, b));
    this.results.set(`${a} ${b}`, result);
    this.results.set(`${b} ${a}`, { ahead: result.behind, behind: result.ahead });
    return { ...result };
  }

  /** Commits reachable from `a` but not from `b`, like `git rev-list b..a`, in no particular order. */
  async onlyIn(a: string, b: string): Promise<string[]> {
    if (a === b) return [];
    await this.source.prepareGenerations();
    const flags = await this.walk(a, b);
    return [...flags].filter(([, side]) => side === LEFT).map(([oid]) => oid);
  }

  /** True when `ancestor` is `descendant` or reachable from it through parents. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    if (ancestor === descendant) return true;
    if (await this.nearAncestor(ancestor, descendant)) return true;
    await this.source.prepareGenerations();
    // An ancestor's generation is always lower: no walk needed to say no.
    const [above, below] = await Promise.all([this.generations.of(ancestor), this.generations.of(descendant)]);
    if (above >= below) return false;
    return (await this.aheadBehind(ancestor, descendant)).ahead === 0;
  }

  /**
   * Whether `ancestor` is among the newest NEAR_ANCESTOR_BUDGET commits reachable from `descendant`. Finding it proves
   * the ancestry; not finding it says nothing (the exact walk decides then). A push's fast-forward check is almost
   * always this case, and answering it here spares computing generations, which first reads every commit the
   * commit-graph does not cover (the whole history when there is no commit-graph).
   */
  private async nearAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const queue = new MaxPriorityQueue<string>();
    const seen = new Set<string>([descendant]);
    const [target, start] = await Promise.all([this.source.commit(ancestor), this.source.commit(descendant)]);
    queue.push(descendant, 0, start.time);
    for (let visited = 0; queue.size > 0 && visited < NEAR_ANCESTOR_BUDGET; visited++) {
      const commit = await this.source.commit(queue.pop()!);
      // Newest first: once the commits left are older than the ancestor, it is most likely not there (a board asking
      // whether an unmerged tip is in another branch); the exact walk says so, whatever the dates.
      if (commit.time < target.time) return false;
      for (const parent of commit.parents) {
        if (parent === ancestor) return true;
        if (seen.has(parent)) continue;
        seen.add(parent);
        queue.push(parent, 0, (await this.source.commit(parent)).time);
      }
    }
    return false;
  }

  /**
   * Paints LEFT from `a` and RIGHT from `b`, popping the highest generation first; a commit whose paint grows after it
   * was walked is walked again, so late discoveries reach its ancestors too. The walk stops when only commits
   * reachable from both sides are queued: a descendant always has a higher generation than its ancestors, so no queued
   * commit can lead to one counted for one side only. Dates only order commits of equal generation.
   */
  private async walk(a: string, b: string): Promise<Map<string, number>> {
    const flags = new Map<string, number>();
    const propagated = new Map<string, number>();
    const info = new Map<string, WalkCommit>();
    const queue = new MaxPriorityQueue<string>();
    const queued = new Set<string>();
    /** Queued commits reachable from one side only; the walk may stop only when this is empty. */
    const oneSidedQueued = new Set<string>();

    const mark = (oid: string, commit: WalkCommit, generation: number, side: number) => {
      const before = flags.get(oid) ?? 0;
      const after = before | side;
      if (after === before) return;
      flags.set(oid, after);
      info.set(oid, commit);
      if (after === BOTH) oneSidedQueued.delete(oid);
      else oneSidedQueued.add(oid);
      if (!queued.has(oid)) {
        queued.add(oid);
        queue.push(oid, generation, commit.time);
      }
    };

    const [tipA, tipB, generationA, generationB] = await Promise.all([this.source.commit(a), this.source.commit(b), this.generations.of(a), this.generations.of(b)]);
    mark(a, tipA, generationA, LEFT);
    mark(b, tipB, generationB, RIGHT);

    while (oneSidedQueued.size > 0) {
      const oid = queue.pop()!;
      queued.delete(oid);
      oneSidedQueued.delete(oid);
      const side = flags.get(oid)!;
      if (propagated.get(oid) === side) continue;
      propagated.set(oid, side);
      const commit = info.get(oid)!;
      const parents = await Promise.all(commit.parents.map((parent) => Promise.all([this.source.commit(parent), this.generations.of(parent)])));
      parents.forEach(([parent, generation], i) => mark(commit.parents[i]!, parent, generation, side));
    }
    return flags;
  }
}
