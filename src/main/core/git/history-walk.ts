// Ahead/behind counts by painting commits reachable from each side, newest first, stopping once the sides meet.

import { BoundedMap } from './byte-lru-cache';
import { MaxPriorityQueue } from './priority-queue';
import type { AheadBehind } from './types';

/** What the walk needs of a commit: its parents and its committer time (seconds). */
export interface WalkCommit {
  parents: string[];
  time: number;
}

const LEFT = 1;
const RIGHT = 2;
const BOTH = LEFT | RIGHT;
/** Extra commits walked after the sides meet, as git's own revision walk does ("SLOP"), against clock skew. */
const SLOP = 5;
const MAX_CACHED_RESULTS = 50_000;

/** Counts commits reachable from one side only, and remembers the answer per pair of commits. */
export class HistoryWalker {
  private readonly results = new BoundedMap<string, AheadBehind>(MAX_CACHED_RESULTS);
  /** The largest time by which a parent was seen dated after its child; widens later stopping points. */
  private observedSkew = 0;

  constructor(private readonly lookup: (oid: string) => Promise<WalkCommit>) {}

  /** Commits reachable from `a` but not `b` (ahead) and from `b` but not `a` (behind), like `git rev-list --left-right --count a...b`. */
  async aheadBehind(a: string, b: string): Promise<AheadBehind> {
    if (a === b) return { ahead: 0, behind: 0 };
    const cached = this.results.get(`${a} ${b}`);
    if (cached) return { ...cached };
    const result = await this.walk(a, b);
    this.results.set(`${a} ${b}`, result);
    this.results.set(`${b} ${a}`, { ahead: result.behind, behind: result.ahead });
    return { ...result };
  }

  /** True when `ancestor` is `descendant` or reachable from it through parents. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.aheadBehind(ancestor, descendant)).ahead === 0;
  }

  private async walk(a: string, b: string): Promise<AheadBehind> {
    const flags = new Map<string, number>();
    const propagated = new Map<string, number>();
    const times = new Map<string, number>();
    const queue = new MaxPriorityQueue<string>();
    const queued = new Set<string>();
    /** Queued commits reachable from one side only; the walk may stop only when this is empty. */
    const oneSidedQueued = new Set<string>();

    const mark = (oid: string, time: number, side: number) => {
      const before = flags.get(oid) ?? 0;
      const after = before | side;
      if (after === before) return;
      flags.set(oid, after);
      times.set(oid, time);
      if (after === BOTH) oneSidedQueued.delete(oid);
      else oneSidedQueued.add(oid);
      if (!queued.has(oid)) {
        queued.add(oid);
        queue.push(oid, time);
      }
    };

    const [tipA, tipB] = await Promise.all([this.lookup(a), this.lookup(b)]);
    mark(a, tipA.time, LEFT);
    mark(b, tipB.time, RIGHT);

    let oldestOneSided: number | null = null;
    let slop = SLOP;
    while (queue.size > 0) {
      if (oneSidedQueued.size === 0) {
        // Only commits reachable from both sides remain. Keep walking while one of them could still be a
        // descendant of a commit counted as one-sided (dates within the skew seen), plus a few for safety.
        oldestOneSided ??= this.oldestOneSidedTime(flags, times);
        if (queue.peekPriority() < oldestOneSided - this.observedSkew && slop <= 0) break;
        slop--;
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
      const commit = await this.lookup(oid);
      const parents = await Promise.all(commit.parents.map((parent) => this.lookup(parent)));
      parents.forEach((parent, i) => {
        this.observedSkew = Math.max(this.observedSkew, parent.time - commit.time);
        mark(commit.parents[i]!, parent.time, side);
      });
    }

    let ahead = 0;
    let behind = 0;
    for (const side of flags.values()) {
      if (side === LEFT) ahead++;
      else if (side === RIGHT) behind++;
    }
    return { ahead, behind };
  }

  private oldestOneSidedTime(flags: Map<string, number>, times: Map<string, number>): number {
    let oldest = Infinity;
    for (const [oid, side] of flags) if (side !== BOTH) oldest = Math.min(oldest, times.get(oid)!);
    return oldest;
  }
}
