// The three versions of one path for the three-way view (merge base, target, module) and the line merge with the
// conflict markers git would leave in the file.

import { FleetError } from '../../../shared/errors';
import type { MergeTargetKind, ThreeWayFile } from '../../../shared/types-merge';
import type { Workspace } from '../workspace/workspace';
import { looksBinary, mergeLines } from './line-merge';
import type { TreeEntry } from '../git/types';
import { mergeContext } from './merge-context';
import { MemoryObjects } from './merge-objects';
import { mergeBaseTree } from './virtual-base';
import { resolveTarget } from './targets';
import { forecastPair } from './forecast';

/** The base, target ("ours") and module ("theirs") text of `path`, and the merged text with markers. */
export async function readConflict(workspace: Workspace, targetKind: MergeTargetKind, moduleId: string, path: string): Promise<ThreeWayFile> {
  await workspace.refreshManifest();
  const { repo, manifest } = workspace;
  if (!manifest.modules.some((m) => m.id === moduleId)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
  const resolved = await resolveTarget(workspace, targetKind);
  const branch = `${manifest.branchPrefix}${moduleId}`;
  const tip = await repo.resolveRef(`refs/heads/${branch}`);
  if (!tip) throw new FleetError('BRANCH_MOVED', `${branch} no longer exists (deleted outside the app?).`, { branch, actual: null });
  const { bases } = mergeContext(repo);
  // In a criss-cross history the base is the merge bases merged together, kept in memory.
  const objects = new MemoryObjects(repo);
  const baseTree = await mergeBaseTree(repo, bases, objects, await bases.mergeBases(resolved.startTip, tip));
  const blobAt = async (tree: string | null, at = path): Promise<Buffer | null> => {
    let entry: TreeEntry | undefined;
    for (const name of at.split('/')) {
      if (!tree) return null;
      entry = (await objects.readTree(tree)).find((e) => e.path === name);
      tree = entry?.type === 'tree' ? entry.oid : null;
    }
    return entry && entry.type === 'blob' ? objects.readBlob(entry.oid) : null;
  };
  const treeOf = async (commit: string) => (await repo.readCommit(commit)).tree;
  // A file one side renamed: the base and the side that kept the old name have it at its old path.
  const labels = { ours: resolved.target.branch, theirs: branch };
  const renamedFrom = (await forecastPair(repo, resolved.startTip, tip, labels)).conflicts.find((c) => c.path === path)?.renamedFrom;
  const sideBlob = async (tree: string) => (await blobAt(tree)) ?? (renamedFrom ? blobAt(tree, renamedFrom) : null);
  const [baseBytes, ours, theirs] = await Promise.all([blobAt(baseTree, renamedFrom ?? path), sideBlob(await treeOf(resolved.startTip)), sideBlob(await treeOf(tip))]);
  if (!baseBytes && !ours && !theirs) {
    throw new FleetError('INVALID_INPUT', `"${path}" is not a file in ${resolved.target.branch}, ${branch} or their merge base.`, { path });
  }
  const binary = [baseBytes, ours, theirs].some((content) => content !== null && looksBinary(content));
  if (binary) return { path, base: null, ours: null, theirs: null, binary: true, merged: null };
  const text = (content: Buffer | null) => (content === null ? null : content.toString('utf8'));
  const [baseText, ourText, theirText] = [text(baseBytes), text(ours), text(theirs)];
  // Markers only where both sides have the file; a deleted side leaves a modify/delete conflict with nothing to mark.
  const merged = ourText !== null && theirText !== null ? mergeLines(baseText ?? '', ourText, theirText, { ours: resolved.target.branch, theirs: branch }).text : null;
  return { path, base: baseText, ours: ourText, theirs: theirText, binary: false, merged };
}
