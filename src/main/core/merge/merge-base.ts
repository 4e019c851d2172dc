// Merge bases of two commits (`git merge-base --all`) by git's paint-down-to-common walk in generation order (the
// commit-graph's, or computed once from the parents), stopping once every queued commit is known to both sides.
// isomorphic-git's findMergeBase walks the whole history; this walk stops where the two sides meet.

import { BoundedMap } from '../git/byte-lru-cache';
import type { WalkCommit } from '../git/history-walk';
import { MaxPriorityQueue } from '../git/priority-queue';
import type { GitRepository } from '../git/repository';

const ONE = 1;
const TWO = 2;
const STALE = 4;
const RESULT = 8;
const BOTH = ONE | TWO;
const MAX_CACHED_PAIRS = 20_000;

/** Finds and remembers merge bases for one repository. */
export class MergeBaseFinder {
  private readonly cache = new BoundedMap<string, string[]>(MAX_CACHED_PAIRS);

  constructor(private readonly repo: GitRepository) {}

  /** Every best common ancestor of `a` and `b`, newest first; empty when the histories share no commit. */
  async mergeBases(a: string, b: string): Promise<string[]> {
    if (a === b) return [a];
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const cached = this.cache.get(key);
    if (cached) return cached.slice();
    // The repository's own commit reader (shallow-aware parents) and generations: exact whatever the dates say.
    const candidates = await this.paint(a, b);
    const bases = await this.removeRedundant(candidates);
    this.cache.set(key, bases);
    return bases.slice();
  }

  /** The best common ancestors of `other` and a commit whose parents would be `commits` (a merge not made yet). */
  async mergeBasesWithMany(commits: string[], other: string): Promise<string[]> {
    if (commits.length === 1) return this.mergeBases(commits[0]!, other);
    const found = new Set((await Promise.all(commits.map((commit) => this.mergeBases(commit, other)))).flat());
    const timed = await Promise.all([...found].map(async (oid) => ({ oid, time: (await this.repo.readCommit(oid)).committer.timestamp })));
    return this.removeRedundant(timed);
  }

  /** The one merge base git would start from when there is exactly one; null when unrelated. Criss-cross: the newest. */
  async bestMergeBase(a: string, b: string): Promise<string | null> {
    return (await this.mergeBases(a, b))[0] ?? null;
  }

  /** Paints ONE from `a` and TWO from `b`; a commit reached by both is a candidate and makes its ancestors stale. */
  private async paint(a: string, b: string): Promise<Array<{ oid: string; time: number }>> {
    const flags = new Map<string, number>();
    const infos = new Map<string, WalkCommit>();
    const queue = new MaxPriorityQueue<string>();
    const queued = new Set<string>();
    const enqueue = async (oid: string) => {
      if (queued.has(oid)) return;
      let info = infos.get(oid);
      if (!info) {
        info = await this.repo.walkSource.commit(oid);
        infos.set(oid, info);
      }
      queued.add(oid);
      queue.push(oid, await this.repo.generation(oid), info.time);
    };
    flags.set(a, ONE);
    flags.set(b, TWO);
    await Promise.all([enqueue(a), enqueue(b)]);
    const results: Array<{ oid: string; time: number }> = [];
    // Only commits not yet known to be below a common ancestor keep the walk going.
    const hasLiveWork = () => {
      for (const oid of queued) if (!((flags.get(oid) ?? 0) & STALE)) return true;
      return false;
    };
    while (queue.size > 0 && hasLiveWork()) {
      const oid = queue.pop()!;
      queued.delete(oid);
      let paint = (flags.get(oid) ?? 0) & (BOTH | STALE);
      if ((paint & BOTH) === BOTH) {
        if (!((flags.get(oid) ?? 0) & RESULT)) {
          flags.set(oid, (flags.get(oid) ?? 0) | RESULT);
          results.push({ oid, time: infos.get(oid)!.time });
        }
        paint |= STALE;
      }
      for (const parent of infos.get(oid)!.parents) {
        const before = flags.get(parent) ?? 0;
        if ((before & paint) === paint) continue;
        flags.set(parent, before | paint);
        await enqueue(parent);
      }
    }
    // A candidate later reached from another candidate (below it) is no best common ancestor, as in git.
    return results.filter((r) => !((flags.get(r.oid) ?? 0) & STALE));
  }

  /** Drops candidates that are ancestors of another candidate (a date-ordered walk can find those first). */
  private async removeRedundant(candidates: Array<{ oid: string; time: number }>): Promise<string[]> {
    const sorted = [...candidates].sort((x, y) => y.time - x.time).map((c) => c.oid);
    if (sorted.length < 2) return sorted;
    const kept: string[] = [];
    for (const oid of sorted) {
      let redundant = false;
      for (const other of sorted) {
        if (other !== oid && (await this.repo.isAncestor(oid, other))) {
          redundant = true;
          break;
        }
      }
      if (!redundant) kept.push(oid);
    }
    return kept;
  }
}
