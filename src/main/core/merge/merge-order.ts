// The overlap matrix and the suggested merge order: conflicting modules flagged first, then modules that touch
// nothing another module touches, then each group of overlapping modules, merged one by one in memory so that a
// module which conflicts only after another one is merged is found before anything is written.

import type { ConflictFile, LaterConflict, MergeOrderGroup, ModuleForecast, ModuleOverlap } from '../../../shared/types-merge';
import type { Workspace } from '../workspace/workspace';
import { mapLimit } from '../remotes/map-limit';
import { mergeContext, type GroupSimulation } from './merge-context';
import { MemoryObjects } from './merge-objects';
import type { ResolvedTarget } from './targets';
import { mergeTrees } from './tree-merge';
import { mergeBaseTree } from './virtual-base';

const GROUP_CONCURRENCY = 4;
const hasChanges = (f: ModuleForecast) => f.outcome === 'clean' || f.outcome === 'conflicts';

/**
 * Pairs of modules that changed the same paths since they forked from the target. Every path counts, documents
 * included: each module's documents live in its own folder, so they never overlap unless a module edits another
 * module's documents, which is worth seeing. Modules already merged (up to date) have nothing left to overlap.
 */
export function findOverlaps(forecasts: ModuleForecast[]): ModuleOverlap[] {
  const candidates = forecasts.filter(hasChanges).map((f) => ({ id: f.moduleId, paths: new Set(f.changedPaths) }));
  const overlaps: ModuleOverlap[] = [];
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const [a, b] = [candidates[i]!, candidates[j]!];
      const [small, large] = a.paths.size <= b.paths.size ? [a.paths, b.paths] : [b.paths, a.paths];
      const shared = [...small].filter((path) => large.has(path)).sort();
      if (shared.length > 0) overlaps.push({ a: a.id, b: b.id, paths: shared });
    }
  }
  return overlaps;
}

/** Connected groups of the overlap graph among `ids`, each in manifest order. */
function overlapGroups(ids: string[], neighbours: Map<string, Set<string>>): string[][] {
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    const group: string[] = [];
    const stack = [id];
    seen.add(id);
    while (stack.length) {
      const next = stack.pop()!;
      group.push(next);
      for (const other of neighbours.get(next) ?? []) {
        if (!seen.has(other) && ids.includes(other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    groups.push(ids.filter((m) => group.includes(m)));
  }
  return groups;
}

/** Merges a group one module at a time in memory, each time taking the first (fewest overlaps) that still merges cleanly. */
async function simulateGroup(workspace: Workspace, resolved: ResolvedTarget, group: ModuleForecast[], neighbours: Map<string, Set<string>>): Promise<GroupSimulation> {
  const { repo } = workspace;
  const { bases, groups } = mergeContext(repo);
  const key = `${resolved.startTip} ${group.map((m) => `${m.moduleId}:${m.tip}`).join(' ')}`;
  const cached = groups.get(key);
  if (cached) return cached;
  const objects = new MemoryObjects(repo);
  let tree = (await repo.readCommit(resolved.startTip)).tree;
  const mergedTips = [resolved.startTip];
  const remaining = [...group];
  const order: string[] = [];
  const later: LaterConflict[] = [];
  while (remaining.length > 0) {
    let picked: ModuleForecast | null = null;
    let firstConflicts: ConflictFile[] = [];
    for (const candidate of remaining) {
      // The merge bases of the simulated merge commit (whose parents are the target and the merged modules).
      const found = await bases.mergeBasesWithMany(mergedTips, candidate.tip!);
      const baseTree = await mergeBaseTree(repo, bases, objects, found);
      const result = await mergeTrees(objects, baseTree, tree, (await repo.readCommit(candidate.tip!)).tree, { ours: resolved.target.branch, theirs: candidate.branch });
      if (result.conflicts.length === 0) {
        picked = candidate;
        tree = result.tree;
        mergedTips.push(candidate.tip!);
        break;
      }
      if (candidate === remaining[0]) firstConflicts = result.conflicts;
    }
    if (!picked) {
      picked = remaining[0]!;
      const after = order.filter((id) => neighbours.get(picked!.moduleId)?.has(id));
      later.push({ moduleId: picked.moduleId, after, conflicts: firstConflicts });
    }
    order.push(picked.moduleId);
    remaining.splice(remaining.indexOf(picked), 1);
  }
  groups.set(key, { order, later });
  return { order, later };
}

/** Conflicting modules first (to resolve), modules with unrelated histories (refused), then independent ones, then
 *  each overlapping group, fewest overlaps first. */
export async function suggestOrder(workspace: Workspace, resolved: ResolvedTarget, forecasts: ModuleForecast[], overlaps: ModuleOverlap[]): Promise<MergeOrderGroup[]> {
  const neighbours = new Map<string, Set<string>>();
  for (const { a, b } of overlaps) {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  }
  const order: MergeOrderGroup[] = [];
  const conflicting = forecasts.filter((f) => f.outcome === 'conflicts').map((f) => f.moduleId);
  if (conflicting.length) order.push({ kind: 'conflicts', modules: conflicting });
  const unrelated = forecasts.filter((f) => f.outcome === 'unrelated').map((f) => f.moduleId);
  if (unrelated.length) order.push({ kind: 'unrelated', modules: unrelated });
  const clean = forecasts.filter((f) => f.outcome === 'clean');
  const cleanIds = clean.map((f) => f.moduleId);
  const degree = (id: string) => [...(neighbours.get(id) ?? [])].filter((other) => cleanIds.includes(other)).length;
  const independent = cleanIds.filter((id) => degree(id) === 0);
  if (independent.length) order.push({ kind: 'independent', modules: independent });
  const rest = cleanIds.filter((id) => degree(id) > 0);
  // Groups share no path, so their simulated merges are independent: a few at a time.
  const groups = await mapLimit(overlapGroups(rest, neighbours), GROUP_CONCURRENCY, async (group): Promise<MergeOrderGroup> => {
    const sorted = group.map((id) => clean.find((f) => f.moduleId === id)!).sort((x, y) => degree(x.moduleId) - degree(y.moduleId));
    const { order: modules, later } = await simulateGroup(workspace, resolved, sorted, neighbours);
    return later.length ? { kind: 'overlapping', modules, laterConflicts: later } : { kind: 'overlapping', modules };
  });
  return [...order, ...groups];
}
