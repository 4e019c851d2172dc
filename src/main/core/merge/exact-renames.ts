// Follows files one side moved unchanged (exact renames), as git's merge does: when one side moved a file and the
// other changed it in place, the change lands at the new path instead of a modify/delete conflict. Renames with
// edits (git's similarity detection) and whole-folder renames are not followed.

import type { TreeEntry } from '../git/types';
import type { MergeObjects } from './merge-objects';
import { changedFiles, type FileChange } from '../git/tree-diff';
import type { TreeMergeResult } from './tree-merge';

interface SideChanges {
  byPath: Map<string, FileChange>;
  /** Files new on this side, by blob id: where a file it deleted may have moved to. */
  addedByOid: Map<string, string[]>;
}

async function sideChanges(objects: MergeObjects, base: string, side: string): Promise<SideChanges> {
  const changes = await changedFiles(objects, base, side);
  const addedByOid = new Map<string, string[]>();
  for (const change of changes) {
    if (change.before || !change.after) continue;
    addedByOid.set(change.after.oid, [...(addedByOid.get(change.after.oid) ?? []), change.path]);
  }
  return { byPath: new Map(changes.map((c) => [c.path, c])), addedByOid };
}

/** A new root tree with `entry` at `path` (folders made as needed), stored through `objects`. */
async function setPath(objects: MergeObjects, tree: string | null, parts: string[], entry: TreeEntry): Promise<string> {
  const entries = tree ? await objects.readTree(tree) : [];
  const [name, ...rest] = parts;
  const existing = entries.find((e) => e.path === name);
  const others = entries.filter((e) => e.path !== name);
  if (rest.length === 0) return objects.putTree([...others, { ...entry, path: name! }]);
  const subtree = await setPath(objects, existing?.type === 'tree' ? existing.oid : null, rest, entry);
  return objects.putTree([...others, { mode: '040000', path: name!, oid: subtree, type: 'tree' }]);
}

/** Settles the modify/delete conflicts of `merged` that an exact rename on the deleting side explains. */
export async function followExactRenames(objects: MergeObjects, base: string | null, ours: string, theirs: string, merged: TreeMergeResult): Promise<TreeMergeResult> {
  const candidates = merged.conflicts.filter((c) => c.kind === 'modify-delete');
  if (!base || candidates.length === 0) return merged;
  const [ourSide, theirSide] = await Promise.all([sideChanges(objects, base, ours), sideChanges(objects, base, theirs)]);
  const claimed = new Set<string>();
  const settled = new Set<string>();
  let tree = merged.tree;
  for (const conflict of candidates) {
    const [ourChange, theirChange] = [ourSide.byPath.get(conflict.path), theirSide.byPath.get(conflict.path)];
    if (!ourChange || !theirChange || !ourChange.before) continue;
    const [deleting, keeping, kept] = ourChange.after ? [theirSide, ourSide, ourChange.after] : [ourSide, theirSide, theirChange.after];
    if (!kept) continue;
    const original = ourChange.before;
    // Exactly one new file with the original content, on a path the other side left alone.
    const targets = (deleting.addedByOid.get(original.oid) ?? []).filter((path) => !keeping.byPath.has(path) && !claimed.has(path));
    if (targets.length !== 1) continue;
    const movedTo = targets[0]!;
    const moved = deleting.byPath.get(movedTo)!.after!;
    const mode = moved.mode === original.mode ? kept.mode : moved.mode;
    tree = await setPath(objects, tree, movedTo.split('/'), { mode, path: '', oid: kept.oid, type: kept.type });
    claimed.add(movedTo);
    settled.add(conflict.path);
  }
  return settled.size === 0 ? merged : { tree, conflicts: merged.conflicts.filter((c) => !settled.has(c.path)) };
}
