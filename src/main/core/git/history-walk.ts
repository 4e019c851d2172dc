// Ahead/behind counts by painting commits reachable from each side, newest first, stopping once the sides meet.

import { BoundedMap } from './byte-lru-cache';
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
  /** Readies generation numbers; true when the commit-graph provides them (the walk is then exact). */
  prepareGenerations(): Promise<boolean>;
}

const LEFT = 1;
const RIGHT = 2;
const BOTH = LEFT | RIGHT;
/** Extra commits walked after the sides meet when only dates guide the walk, as git's own revision walk does. */
const SLOP = 5;
const MAX_CACHED_RESULTS = 50_000;

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
  /** The largest rise in commit time seen along a walked path (clock skew); widens date-only stopping points. */
  private observedLag = 0;

  constructor(private readonly source: WalkSource) {}

  /** Commits reachable from `a` but not `b` (ahead) and from `b` but not `a` (behind), like `git rev-list --left-right --count a...b`. */
  async aheadBehind(a: string, b: string): Promise<AheadBehind> {
    if (a === b) return { ahead: 0, behind: 0 };
    const cached = this.results.get(`${a} ${b}`);
    if (cached) return { ...cached };
    const result = countSides(await this.walk(a, b, await this.source.prepareGenerations()));
    this.results.set(`${a} ${b}`, result);
    this.results.set(`${b} ${a}`, { ahead: result.behind, behind: result.ahead });
    return { ...result };
  }

  /** Commits reachable from `a` but not from `b`, like `git rev-list b..a`, in no particular order. */
  async onlyIn(a: string, b: string): Promise<string[]> {
    if (a === b) return [];
    const flags = await this.walk(a, b, await this.source.prepareGenerations());
    return [...flags].filter(([, side]) => side === LEFT).map(([oid]) => oid);
  }

  /** True when `ancestor` is `descendant` or reachable from it through parents. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.aheadBehind(ancestor, descendant)).ahead === 0;
  }

  /**
   * Paints LEFT from `a` and RIGHT from `b`, popping the highest generation (then the newest date) first; a commit
   * whose paint grows after it was walked is walked again, so late discoveries reach its ancestors too.
   * With generations (commit-graph) the walk stops exactly when only commits reachable from both sides are queued:
   * no queued commit can then be a descendant of one already counted. Without them, dates stand in for generations,
   * and the walk goes on past the meeting point by the largest clock skew seen so far plus a few commits.
   */
  private async walk(a: string, b: string, exact: boolean): Promise<Map<string, number>> {
    const flags = new Map<string, number>();
    const propagated = new Map<string, number>();
    const info = new Map<string, WalkCommit>();
    const lags = new Map<string, number>();
    const queue = new MaxPriorityQueue<string>();
    const queued = new Set<string>();
    /** Queued commits reachable from one side only; the walk may stop only when this is empty. */
    const oneSidedQueued = new Set<string>();

    const mark = (oid: string, commit: WalkCommit, side: number) => {
      const before = flags.get(oid) ?? 0;
      const after = before | side;
      if (after === before) return;
      flags.set(oid, after);
      info.set(oid, commit);
      if (after === BOTH) oneSidedQueued.delete(oid);
      else oneSidedQueued.add(oid);
      if (!queued.has(oid)) {
        queued.add(oid);
        queue.push(oid, exact ? commit.generation : 0, commit.time);
      }
    };

    const [tipA, tipB] = await Promise.all([this.source.commit(a), this.source.commit(b)]);
    mark(a, tipA, LEFT);
    mark(b, tipB, RIGHT);

    let oldestOneSided: number | null = null;
    let slop = SLOP;
    for (;;) {
      const top = queue.peek();
      if (!top) break;
      if (oneSidedQueued.size === 0) {
        if (exact) {
          if (top.rank !== Infinity) break;
        } else {
          oldestOneSided ??= this.oldestOneSidedTime(flags, info);
          if (top.priority < oldestOneSided - this.observedLag && slop <= 0) break;
          slop--;
        }
      } else {
        oldestOneSided = null;
        slop = SLOP;
      }
      const oid = queue.pop()!;
      queued.delete(oid);
      oneSidedQueued.delete(oid);
      const side = flags.get(oid)!;
      if (propagated.get(oid) === side) continue;
      propagated.set(oid, side);
      const commit = info.get(oid)!;
      const lag = lags.get(oid) ?? 0;
      const parents = await Promise.all(commit.parents.map((parent) => this.source.commit(parent)));
      parents.forEach((parent, i) => {
        const parentOid = commit.parents[i]!;
        const parentLag = Math.max(0, lag + parent.time - commit.time);
        if (parentLag > (lags.get(parentOid) ?? 0)) lags.set(parentOid, parentLag);
        this.observedLag = Math.max(this.observedLag, parentLag);
        mark(parentOid, parent, side);
      });
    }

    return flags;
  }

  private oldestOneSidedTime(flags: Map<string, number>, info: Map<string, WalkCommit>): number {
    let oldest = Infinity;
    for (const [oid, side] of flags) if (side !== BOTH) oldest = Math.min(oldest, info.get(oid)!.time);
    return oldest;
  }
}
