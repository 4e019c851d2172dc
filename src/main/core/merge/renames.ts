// Follows renames through a three-way merge as git's merge does (merge-ort): a file one side renamed, with or without
// edits, and the other side changed in place is merged at its new path; renamed on one side and deleted on the other
// is a rename/delete conflict; renamed to two different names is a rename/rename conflict; a rename onto a path the
// other side added is an add/add. Runs after the path-by-path merge and corrects only the paths renames touch.

import type { ConflictFile, ConflictKind } from '../../../shared/types-merge';
import { changedFiles, type FileChange } from '../git/tree-diff';
import type { TreeEntry } from '../git/types';
import type { MergeObjects } from './merge-objects';
import { detectRenames } from './rename-detect';
import { folderRenameConflicts, folderRenames, foldersAddedInto, removedFolders } from './dir-renames';

/** What rename handling needs of the path-by-path merger. */
export interface FileMerger {
  /** 0 for the merge itself; more while merging merge bases, where conflicts are settled in the tree. */
  readonly depth: number;
  readonly conflicts: ConflictFile[];
  /** True once the path-by-path merge met a file one side deleted and the other changed or deleted. */
  readonly renameSourcesSeen: boolean;
  /** True once it met a folder one side removed and the other changed (a possible folder rename). */
  readonly folderGoneSeen: boolean;
  /** Folders both sides changed the same way (so the merge did not open them): base folder, both sides' folder. */
  readonly identicalChanges: Array<[string, string | null]>;
  /** Merges one file's three versions, recording a conflict at `path` at depth 0. */
  mergeFile(path: string, base: TreeEntry | undefined, ours: TreeEntry | undefined, theirs: TreeEntry | undefined): Promise<TreeEntry | undefined>;
}

interface Side {
  changes: Map<string, FileChange>;
  deleted: Map<string, TreeEntry>;
  added: Map<string, TreeEntry>;
}

type SideName = 'ours' | 'theirs';

function sideOf(changes: FileChange[]): Side {
  const side: Side = { changes: new Map(), deleted: new Map(), added: new Map() };
  for (const change of changes) {
    side.changes.set(change.path, change);
    if (change.before && !change.after) side.deleted.set(change.path, change.before);
    if (!change.before && change.after) side.added.set(change.path, change.after);
  }
  return side;
}

interface SideRenames {
  /** Renames whose source the other side changed or deleted: the only ones that change a file's merge. */
  relevant: Map<string, string>;
  /** Where folders this side removed went (null: a split), counted over every rename found. */
  folders: Map<string, string | null>;
}

/**
 * The renames of `side` the merge needs. Sources the other side changed or deleted count; so, as in git, does every
 * file of a folder this side removed when the other side added a file right in it (where did that folder go?).
 */
async function sideRenames(objects: MergeObjects, sideTree: string, side: Side, other: Side, withFolders: boolean): Promise<SideRenames> {
  const contentRelevant = new Set([...side.deleted.keys()].filter((path) => other.changes.has(path)));
  const removed = withFolders ? await removedFolders(objects, sideTree, side.deleted.keys()) : new Set<string>();
  const addedInto = [...foldersAddedInto(removed, other.added.keys())];
  const relevant = new Set([...contentRelevant, ...[...side.deleted.keys()].filter((path) => addedInto.some((dir) => path.startsWith(`${dir}/`)))]);
  const found = await detectRenames(objects, { deleted: side.deleted, added: side.added, relevant });
  return { relevant: new Map([...found].filter(([source]) => contentRelevant.has(source))), folders: withFolders ? folderRenames(found, removed) : new Map() };
}

const isRegular = (entry: TreeEntry) => entry.mode === '100644' || entry.mode === '100755';

/** Applies `edits` (full path -> entry, or null to remove) to `tree`; folders left empty disappear. */
async function editTree(objects: MergeObjects, tree: string | null, edits: Map<string, TreeEntry | null>): Promise<string | null> {
  const entries = new Map((tree ? await objects.readTree(tree) : []).map((e) => [e.path, e]));
  const below = new Map<string, Map<string, TreeEntry | null>>();
  for (const [path, entry] of edits) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      if (entry) entries.set(path, { ...entry, path });
      else if (entries.get(path)?.type !== 'tree') entries.delete(path);
      continue;
    }
    const name = path.slice(0, slash);
    if (!below.has(name)) below.set(name, new Map());
    below.get(name)!.set(path.slice(slash + 1), entry);
  }
  for (const [name, inner] of below) {
    const existing = entries.get(name);
    const subtree = await editTree(objects, existing?.type === 'tree' ? existing.oid : null, inner);
    if (subtree) entries.set(name, { mode: '040000', path: name, oid: subtree, type: 'tree' });
    else if (existing?.type === 'tree') entries.delete(name);
  }
  return entries.size > 0 ? objects.putTree([...entries.values()]) : null;
}

/** True when a folder both sides changed the same way lost a file (deleted on both sides: a rename source for each). */
async function deletedOnBothSides(objects: MergeObjects, folders: Array<[string, string | null]>): Promise<boolean> {
  for (const [base, both] of folders) if ((await changedFiles(objects, base, both)).some((change) => change.before && !change.after)) return true;
  return false;
}

/** Corrects `tree` (and the merger's conflicts) for the renames either side made since `base`. */
export async function followRenames(merger: FileMerger, objects: MergeObjects, base: string, ours: string, theirs: string, tree: string): Promise<string> {
  if (ours === theirs || base === ours || base === theirs) return tree;
  // No file deleted on one side and changed or deleted on the other: no rename can change the result (git skips too).
  if (!merger.renameSourcesSeen && !merger.folderGoneSeen && !(await deletedOnBothSides(objects, merger.identicalChanges))) return tree;
  const [ourSide, theirSide] = (await Promise.all([changedFiles(objects, base, ours), changedFiles(objects, base, theirs)])).map(sideOf) as [Side, Side];
  // git looks for folder renames only in the merge itself, not while merging merge bases.
  const withFolders = merger.depth === 0;
  const [ourFound, theirFound] = await Promise.all([sideRenames(objects, ours, ourSide, theirSide, withFolders), sideRenames(objects, theirs, theirSide, ourSide, withFolders)]);
  const [ourRenames, theirRenames] = [ourFound.relevant, theirFound.relevant];
  const locations = [
    ...folderRenameConflicts(ourFound.folders, theirFound.folders, theirSide.added.keys()),
    ...folderRenameConflicts(theirFound.folders, ourFound.folders, ourSide.added.keys()),
  ];
  if (ourRenames.size === 0 && theirRenames.size === 0) {
    merger.conflicts.push(...locations);
    return tree;
  }

  const sides = { ours: ourSide, theirs: theirSide };
  const edits = new Map<string, TreeEntry | null>();
  const explicit: ConflictFile[] = [];
  const inner = merger.depth > 0;
  const conflict = (path: string, kind: ConflictKind, renamedFrom?: string) => explicit.push(renamedFrom ? { path, kind, renamedFrom } : { path, kind });
  const touched = new Set<string>();
  for (const [source, target] of [...ourRenames, ...theirRenames]) touched.add(source).add(target);
  for (const [source, target] of theirRenames) if (ourRenames.has(source)) touched.add(target);
  // The path-by-path merge saw these as deletions, additions, modify/delete or add/add: rename handling decides them.
  const kept = merger.conflicts.filter((c) => !touched.has(c.path));
  merger.conflicts.splice(0, merger.conflicts.length, ...kept);

  /** Merges a renamed file's three versions at its new path; conflicts there name the old path. */
  const mergeAt = async (target: string, source: string, b: TreeEntry | undefined, o: TreeEntry | undefined, t: TreeEntry | undefined) => {
    const before = merger.conflicts.length;
    const merged = await merger.mergeFile(target, b, o, t);
    for (const c of merger.conflicts.slice(before)) if (c.path === target) c.renamedFrom = source;
    return merged;
  };

  // Content each side brings to a rename's target, for collisions with the other side's file there.
  const arriving: Record<SideName, Map<string, TreeEntry | undefined>> = { ours: new Map(), theirs: new Map() };
  const claims: Array<{ side: SideName; source: string; target: string }> = [];
  for (const [source, target] of ourRenames) {
    const theirTarget = theirRenames.get(source);
    const b = ourSide.deleted.get(source)!;
    edits.set(source, null);
    if (theirTarget === undefined) claims.push({ side: 'ours', source, target });
    else if (theirTarget === target) {
      // Both sides renamed it the same way: an ordinary three-way merge at the new name.
      const merged = await mergeAt(target, source, b, ourSide.added.get(target), theirSide.added.get(target));
      if (merged) edits.set(target, merged);
    } else {
      // rename/rename: git leaves the original path and both new ones conflicted, each new one with the merged text.
      if (inner) {
        const merged = await mergeAt(target, source, b, ourSide.added.get(target), theirSide.added.get(theirTarget));
        edits.set(target, merged ?? null).set(theirTarget, merged ?? null);
      }
      conflict(source, 'rename-rename');
      conflict(target, 'rename-rename', source);
      conflict(theirTarget, 'rename-rename', source);
    }
  }
  for (const [source, target] of theirRenames) if (!ourRenames.has(source)) claims.push({ side: 'theirs', source, target });

  for (const { side, source, target } of claims) {
    const [mine, other] = side === 'ours' ? [ourSide, theirSide] : [theirSide, ourSide];
    const b = mine.deleted.get(source)!;
    const renamed = mine.added.get(target)!;
    const otherAtSource = other.changes.get(source)!.after ?? undefined;
    edits.set(source, null);
    if (!otherAtSource) {
      // rename/delete: the renamed file stays conflicted at its new name (an inner merge keeps the base's version).
      const otherAtTarget = other.changes.get(target)?.after ?? undefined;
      if (inner) edits.set(target, otherAtTarget ? ((await merger.mergeFile(target, undefined, renamed, otherAtTarget)) ?? null) : b);
      conflict(target, 'rename-delete', source);
      continue;
    }
    if (isRegular(otherAtSource) !== isRegular(renamed)) {
      // Renamed on one side, turned into a link (or back) on the other: both kept, the rename conflicted.
      edits.set(source, otherAtSource);
      if (inner) edits.set(target, b);
      conflict(target, 'modify-delete', source);
      continue;
    }
    const merged = side === 'ours' ? await mergeAt(target, source, b, renamed, otherAtSource) : await mergeAt(target, source, b, otherAtSource, renamed);
    arriving[side].set(target, merged);
    if (!other.changes.get(target)?.after) {
      if (merged) edits.set(target, merged);
    }
  }

  // A rename onto a path the other side also filled (added there, or renamed another file to it): add/add.
  const settled = new Set<string>();
  for (const { side, source, target } of claims) {
    const other: SideName = side === 'ours' ? 'theirs' : 'ours';
    const otherFile = sides[other].changes.get(target)?.after;
    // Each target is settled once, whichever side's claim comes first (both claim it in a rename/rename onto one name).
    if (!otherFile || !sides[other].changes.get(source)?.after || settled.has(target)) continue;
    settled.add(target);
    const mineContent = arriving[side].get(target);
    const otherContent = arriving[other].has(target) ? arriving[other].get(target) : otherFile;
    if (!mineContent || !otherContent) {
      if (!inner) conflict(target, 'add-add', source);
      continue;
    }
    const [o, t] = side === 'ours' ? [mineContent, otherContent] : [otherContent, mineContent];
    const merged = await mergeAt(target, source, undefined, o, t);
    if (merged) edits.set(target, merged);
  }

  explicit.push(...locations);
  const replaced = new Set(explicit.map((c) => c.path));
  const conflicts = merger.conflicts.filter((c) => !replaced.has(c.path));
  const seen = new Set<string>();
  const unique = [...conflicts, ...explicit].filter((c) => !seen.has(c.path) && seen.add(c.path));
  merger.conflicts.splice(0, merger.conflicts.length, ...unique);
  return (await editTree(objects, tree, edits)) ?? objects.putTree([]);
}
