// Merges module branches into the target without a working tree: per module the merged tree is built in memory,
// written only when clean, committed with the target and the module as parents, and the target moves by
// compare-and-swap. A conflict stops the run before anything is written for that module or any after it.

import { FleetError } from '../../../shared/errors';
import type { MergeReport, MergeTargetKind, ModuleMergeResult } from '../../../shared/types-merge';
import type { Workspace } from '../workspace/workspace';
import { personNow, resolveIdentity } from '../workspace/identity';
import { mergeContext } from './merge-context';
import { MemoryObjects } from './merge-objects';
import { refuseCheckedOutTarget, resolveTarget, type ResolvedTarget } from './targets';
import { mergeTrees } from './tree-merge';
import { mergeBaseTree } from './virtual-base';
import { refuseUnrelatedModules, unrelatedHistoriesError } from './unrelated-histories';

export interface MergeRequest {
  target: MergeTargetKind;
  /** Module ids, merged in this order. */
  modules: string[];
  /** The target tip the user's forecast saw (null: the integration branch did not exist); undefined: not checked. */
  expectedTargetTip?: string | null;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, message: string): void;
  now?: Date;
}

/** Refuses a merge that cannot start: unknown modules, a checked-out or moved target, a module with unrelated history. */
export async function checkMergeRequest(workspace: Workspace, request: MergeRequest): Promise<ResolvedTarget> {
  // Refs as they are on disk now, not as cached: a merge must see a target someone else just moved.
  workspace.repo.invalidateRefs();
  await workspace.refreshManifest();
  if (request.modules.length === 0) throw new FleetError('INVALID_INPUT', 'Choose at least one module to merge.');
  for (const id of request.modules) {
    if (!workspace.manifest.modules.some((m) => m.id === id)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${id}" in this workspace.`, { moduleId: id });
  }
  const seen = new Set<string>();
  for (const id of request.modules) {
    if (seen.has(id)) throw new FleetError('INVALID_INPUT', `The module "${id}" is listed twice; merge each module once.`, { moduleId: id });
    seen.add(id);
  }
  const resolved = await resolveTarget(workspace, request.target);
  await refuseCheckedOutTarget(workspace, resolved);
  const expected = request.expectedTargetTip;
  if (expected !== undefined && expected !== resolved.target.tip) {
    const branch = resolved.target.branch;
    const now = resolved.target.tip ? `now at ${resolved.target.tip.slice(0, 7)}` : 'now missing';
    const was = expected ? `at ${expected.slice(0, 7)}` : 'not there yet';
    throw new FleetError('BRANCH_MOVED', `${branch} moved since the forecast you saw (it was ${was}, ${now}). Run the forecast again before merging.`, {
      branch,
      expected,
      actual: resolved.target.tip,
    });
  }
  const { repo, manifest } = workspace;
  const requested = await Promise.all(
    request.modules.map(async (moduleId) => {
      const branch = `${manifest.branchPrefix}${moduleId}`;
      return { moduleId, branch, tip: await repo.resolveRef(`refs/heads/${branch}`) };
    }),
  );
  await refuseUnrelatedModules(mergeContext(repo).bases, resolved.startTip, resolved.target.branch, requested, repo.shallowClone);
  return resolved;
}

function mergeMessage(moduleId: string, moduleBranch: string, target: string): string {
  return `Merge module ${moduleId} (${moduleBranch}) into ${target}\n\nMerged by Fleet Control without a working tree.\n`;
}

/** Merges the modules in order into the target; merged ones stay merged when a later one conflicts or fails. */
export async function mergeModules(workspace: Workspace, request: MergeRequest): Promise<MergeReport> {
  const resolved = await checkMergeRequest(workspace, request);
  const { repo, manifest } = workspace;
  const { bases } = mergeContext(repo);
  const ref = `refs/heads/${resolved.target.branch}`;
  const person = personNow(await resolveIdentity(repo.commondir), request.now);
  let current = resolved.startTip;
  let refValue = resolved.target.tip;
  const results: ModuleMergeResult[] = [];
  let stopped = false;
  const skipRest = (from: number, message: string) => {
    for (const id of request.modules.slice(from)) results.push({ moduleId: id, outcome: 'skipped', message });
  };
  for (const [index, moduleId] of request.modules.entries()) {
    if (request.signal?.aborted) {
      skipRest(index, 'Cancelled before this module.');
      break;
    }
    request.onProgress?.(index, request.modules.length, `Merging ${moduleId}`);
    const branch = `${manifest.branchPrefix}${moduleId}`;
    const tip = await repo.resolveRef(`refs/heads/${branch}`);
    if (!tip) {
      results.push({ moduleId, outcome: 'failed', message: `${branch} does not exist (deleted outside the app?); nothing was merged for it.` });
      continue;
    }
    if (await repo.isAncestor(tip, current)) {
      results.push({ moduleId, outcome: 'up-to-date', commit: current, message: `${resolved.target.branch} already has every commit of ${branch}.` });
      continue;
    }
    const found = await bases.mergeBases(current, tip);
    if (found.length === 0) {
      // The branch moved to a history of its own since the request was checked.
      results.push({ moduleId, outcome: 'unrelated', message: unrelatedHistoriesError(moduleId, branch, resolved.target.branch, repo.shallowClone).message });
      skipRest(index + 1, `Not merged: the run stopped at ${moduleId}.`);
      stopped = true;
      break;
    }
    // A criss-cross history's virtual base stays in memory of its own: only the merge's own objects are written.
    const baseObjects = new MemoryObjects(repo);
    const objects = new MemoryObjects(repo, baseObjects);
    const [baseTree, ourTree, theirTree] = await Promise.all([
      mergeBaseTree(repo, bases, baseObjects, found),
      repo.readCommit(current).then((c) => c.tree),
      repo.readCommit(tip).then((c) => c.tree),
    ]);
    const merged = await mergeTrees(objects, baseTree, ourTree, theirTree, { ours: resolved.target.branch, theirs: branch });
    if (merged.conflicts.length > 0) {
      const names = merged.conflicts.map((c) => c.path).join(', ');
      results.push({ moduleId, outcome: 'conflicts', conflicts: merged.conflicts, message: `${branch} conflicts with ${resolved.target.branch} in ${names}; nothing was written for it.` });
      skipRest(index + 1, `Not merged: the run stopped at ${moduleId}.`);
      stopped = true;
      break;
    }
    try {
      await objects.writeInto(repo);
      // Always a merge commit, even where a fast-forward would do: the module stays visible in the target's history.
      const commit = await repo.writeCommit({ tree: merged.tree, parents: [current, tip], author: person, committer: person, message: mergeMessage(moduleId, branch, resolved.target.branch) });
      await repo.updateRef(ref, commit, refValue, `fleet-control: merge ${branch}`);
      current = commit;
      refValue = commit;
      results.push({ moduleId, outcome: 'merged', commit });
    } catch (error) {
      if (!(error instanceof FleetError)) throw error;
      results.push({ moduleId, outcome: 'failed', message: error.message });
      skipRest(index + 1, `Not merged: the run stopped at ${moduleId}.`);
      stopped = true;
      break;
    }
  }
  request.onProgress?.(request.modules.length, request.modules.length, 'Done');
  const tip = await repo.resolveRef(ref);
  return { target: { ...resolved.target, tip }, results, stopped };
}
