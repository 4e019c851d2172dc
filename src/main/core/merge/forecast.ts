// The conflict forecast: for every module branch, whether it merges into the target now (up to date, clean, or the
// conflicting paths and why), which modules touch the same paths, and the order to merge them in. Writes nothing.

import { FleetError } from '../../../shared/errors';
import type { MergeForecast, MergeTargetKind, ModuleForecast } from '../../../shared/types-merge';
import type { GitRepository } from '../git/repository';
import type { Workspace } from '../workspace/workspace';
import { mapLimit } from '../remotes/map-limit';
import { mergeContext, type PairForecast } from './merge-context';
import { MemoryObjects } from './merge-objects';
import { findOverlaps, suggestOrder } from './merge-order';
import { resolveTarget } from './targets';
import { changedPaths } from '../git/tree-diff';
import { mergeTrees } from './tree-merge';
import { mergeBaseTree } from './virtual-base';
import { codeChangedAt } from '../implement/branch/branch-changes';
import { docStatesAt, unwrittenKinds } from '../docs/doc-states-at';

const FORECAST_CONCURRENCY = 4;

export interface ForecastOptions {
  /** Module ids to forecast (default: every module of the manifest). */
  modules?: string[];
  signal?: AbortSignal;
  onProgress?(done: number, total: number, message: string): void;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', 'The forecast was cancelled.');
}

/** How `moduleTip` would merge into `targetTip`: computed once per pair of tips, then served from the cache. */
export async function forecastPair(repo: GitRepository, targetTip: string, moduleTip: string, labels: { ours: string; theirs: string }): Promise<PairForecast> {
  const context = mergeContext(repo);
  const key = `${targetTip} ${moduleTip}`;
  const cached = context.pairs.get(key);
  if (cached) return cached;
  let result: PairForecast;
  if (await repo.isAncestor(moduleTip, targetTip)) {
    result = { upToDate: true, unrelated: false, mergeBase: moduleTip, changedPaths: [], conflicts: [], mergedTree: (await repo.readCommit(targetTip)).tree };
  } else {
    const bases = await context.bases.mergeBases(targetTip, moduleTip);
    const mergeBase = bases[0] ?? null;
    if (!mergeBase) {
      // A module branch with its own root: merging it would pull a foreign history in, which git refuses.
      const unrelated: PairForecast = { upToDate: false, unrelated: true, mergeBase: null, changedPaths: [], conflicts: [], mergedTree: null };
      context.pairs.set(key, unrelated);
      return unrelated;
    }
    const objects = new MemoryObjects(repo);
    const [baseTree, targetTree, moduleTree] = await Promise.all([
      mergeBaseTree(repo, context.bases, objects, bases),
      repo.readCommit(targetTip).then((c) => c.tree),
      repo.readCommit(moduleTip).then((c) => c.tree),
    ]);
    const [paths, merged] = await Promise.all([changedPaths(objects, baseTree, moduleTree), mergeTrees(objects, baseTree, targetTree, moduleTree, labels)]);
    result = { upToDate: false, unrelated: false, mergeBase, changedPaths: paths, conflicts: merged.conflicts, mergedTree: merged.tree };
  }
  context.pairs.set(key, result);
  return result;
}

/** The forecast of the given modules (default all) against the target (default: the integration branch). */
export async function forecastMerges(workspace: Workspace, targetKind?: MergeTargetKind, options: ForecastOptions = {}): Promise<MergeForecast> {
  const started = performance.now();
  workspace.repo.invalidateRefs(); // callers without a repository watcher (CLI, reports) still see today's branches
  await workspace.refreshManifest();
  const { manifest, repo } = workspace;
  const wanted = options.modules ? new Set(options.modules) : null;
  for (const id of wanted ?? []) {
    if (!manifest.modules.some((m) => m.id === id)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${id}" in this workspace.`, { moduleId: id });
  }
  const resolved = await resolveTarget(workspace, targetKind);
  const targetTip = resolved.startTip;
  const branches = await repo.listBranches();
  const baseTip = branches.get(manifest.baseBranch) ?? null;
  const modules = manifest.modules.filter((m) => !wanted || wanted.has(m.id));
  let done = 0;
  // A few modules at a time: their walks and tree reads wait on the disk at different moments.
  const forecasts = await mapLimit(modules, FORECAST_CONCURRENCY, async (module): Promise<ModuleForecast> => {
    checkCancelled(options.signal);
    const branch = `${manifest.branchPrefix}${module.id}`;
    const tip = branches.get(branch) ?? null;
    let forecast: ModuleForecast;
    if (!tip) {
      forecast = { moduleId: module.id, branch, tip: null, mergeBase: null, outcome: 'missing', changedPaths: [], conflicts: [], codeChanged: null, unwrittenDocs: [] };
    } else {
      const pair = await forecastPair(repo, targetTip, tip, { ours: resolved.target.branch, theirs: branch });
      const outcome = pair.upToDate ? 'up-to-date' : pair.unrelated ? 'unrelated' : pair.conflicts.length > 0 ? 'conflicts' : 'clean';
      // Against the base branch, as the board counts it (cached by the two tips), whatever the merge target is.
      const codeChanged = baseTip ? await codeChangedAt(repo, tip, baseTip, manifest.docsFolder, module.id) : null;
      // A module whose documents are still templates merges as cleanly as any: the screen warns before it does.
      const unwrittenDocs = unwrittenKinds(await docStatesAt(repo, manifest.docsFolder, module, tip));
      forecast = { moduleId: module.id, branch, tip, mergeBase: pair.mergeBase, outcome, changedPaths: pair.changedPaths, conflicts: pair.conflicts, codeChanged, unwrittenDocs };
    }
    options.onProgress?.(++done, modules.length, `Forecast ${module.id}: ${forecast.outcome}`);
    return forecast;
  });
  checkCancelled(options.signal);
  options.onProgress?.(modules.length, modules.length, 'Working out the merge order');
  const overlaps = findOverlaps(forecasts);
  const order = await suggestOrder(workspace, resolved, forecasts, overlaps);
  return {
    target: resolved.target,
    computedAt: targetTip,
    modules: forecasts,
    overlaps,
    order,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
