// Builds a new root tree from a base tree and path changes, writing only the trees on changed paths.

import { FleetError } from '../../../shared/errors';
import { isEncodableName } from './name-bytes';
import { requireOid } from './oid';
import { entryKind } from './tree-format';
import type { TreeEntry } from './types';

export interface TreeAccess {
  readTree(oid: string): Promise<TreeEntry[]>;
  /** Computes the tree's id at once and starts writing it; `written` settles when the object is stored. */
  startTreeWrite(entries: TreeEntry[]): { oid: string; written: Promise<void> };
}

/** Starts a tree write and records it, so parent trees need not wait for their children to reach the disk. */
function startWrite(trees: TreeAccess, entries: TreeEntry[], pending: Promise<void>[]): string {
  const { oid, written } = trees.startTreeWrite(entries);
  written.catch(() => undefined); // awaited with the others; this only keeps an early failure from going unhandled
  pending.push(written);
  return oid;
}

/** A file written with an explicit mode ('100644', '100755' or '120000'): it may replace a file or link of another mode. */
export interface FileEdit {
  oid: string;
  mode: '100644' | '100755' | '120000';
}

/** One path's change: a blob id (the existing file's mode is kept), a file with its mode, or null to delete. */
export type TreeChange = string | FileEdit | null;

const FILE_MODES = new Set(['100644', '100755', '120000']);

interface ChangeNode {
  /** Changes to entries of this tree itself: name -> blob oid (or with its mode), or null to delete. */
  leaves: Map<string, TreeChange>;
  /** Changes below a sub-folder of this tree. */
  folders: Map<string, ChangeNode>;
}

const FORBIDDEN_PARTS = new Set(['', '.', '..']);

function invalidPath(path: string, reason: string): FleetError {
  return new FleetError('INVALID_INPUT', `Cannot write "${path}" into a tree: ${reason}.`, { path });
}

/** Checks every path and groups the changes by folder, refusing a path that is both a file and a folder. */
function buildChangeTree(changes: Record<string, TreeChange>): ChangeNode {
  const root: ChangeNode = { leaves: new Map(), folders: new Map() };
  for (const [path, value] of Object.entries(changes)) {
    if (value !== null) requireOid(typeof value === 'string' ? value : value.oid, `blob id for "${path}"`);
    if (value !== null && typeof value !== 'string' && !FILE_MODES.has(value.mode)) throw invalidPath(path, `mode ${String(value.mode)} is not a file's mode`);
    const parts = path.split('/');
    for (const part of parts) {
      if (FORBIDDEN_PARTS.has(part)) throw invalidPath(path, 'a path needs non-empty parts without "." or ".."');
      if (part.toLowerCase() === '.git') throw invalidPath(path, '".git" cannot be stored in a tree');
      if (part.includes('\0')) throw invalidPath(path, 'it contains a NUL character');
      if (!isEncodableName(part)) throw invalidPath(path, 'it holds a lone surrogate that stands for no byte of a name');
    }
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (node.leaves.has(part)) throw invalidPath(path, `"${part}" is also changed as a file in the same update`);
      let next = node.folders.get(part);
      if (!next) {
        next = { leaves: new Map(), folders: new Map() };
        node.folders.set(part, next);
      }
      node = next;
    }
    const name = parts[parts.length - 1]!;
    if (node.folders.has(name)) throw invalidPath(path, 'it is also used as a folder in the same update');
    node.leaves.set(name, value);
  }
  return root;
}

function writesSomething(node: ChangeNode): boolean {
  return [...node.leaves.values()].some((change) => change !== null) || [...node.folders.values()].some(writesSomething);
}

function occupied(path: string, existingPath: string, existing: TreeEntry, wanted: string): FleetError {
  return new FleetError(
    'PATH_OCCUPIED',
    `Cannot write "${path}": "${existingPath}" is ${entryKind(existing)} on this branch, and replacing it with ${wanted} would drop it. Nothing was written.`,
    { path, existingPath, existingKind: entryKind(existing) },
  );
}

/** Applies `node` to tree `treeOid` (null: no tree yet); returns the new tree id, or null when the tree ends up empty. */
async function applyChanges(trees: TreeAccess, treeOid: string | null, node: ChangeNode, prefix: string, pending: Promise<void>[]): Promise<string | null> {
  const entries = new Map<string, TreeEntry>((treeOid ? await trees.readTree(treeOid) : []).map((entry) => [entry.path, entry]));
  let changed = false;
  // A file is written only where a plain file (or nothing) is, never over a folder, a link or a submodule (a file
  // with an explicit mode may replace a file or link); a file's deletion never takes a folder with it.
  for (const [name, change] of node.leaves) {
    const existing = entries.get(name);
    if (!existing) continue;
    const refused =
      change === null ? existing.type === 'tree' : typeof change === 'string' ? existing.type !== 'blob' || existing.mode === '120000' : existing.type !== 'blob';
    if (refused) throw occupied(prefix + name, prefix + name, existing, change === null ? 'nothing' : 'a file');
  }
  // A folder is written only where a folder (or nothing) is.
  for (const [name, below] of node.folders) {
    const existing = entries.get(name);
    if (existing && existing.type !== 'tree' && writesSomething(below)) throw occupied(`${prefix}${name}/…`, prefix + name, existing, 'a folder');
  }
  for (const [name, change] of node.leaves) {
    const existing = entries.get(name);
    if (change === null) {
      changed = entries.delete(name) || changed;
      continue;
    }
    const oid = typeof change === 'string' ? change : change.oid;
    // Existing files keep their mode (executable) unless one is given; new files are regular files.
    const mode = typeof change === 'string' ? (existing?.mode ?? '100644') : change.mode;
    if (existing?.oid === oid && existing.mode === mode) continue;
    entries.set(name, { mode, path: name, oid, type: 'blob' });
    changed = true;
  }
  const folderNames = [...node.folders.keys()];
  const newSubtrees = await Promise.all(
    folderNames.map((name) => {
      const existing = entries.get(name);
      return applyChanges(trees, existing?.type === 'tree' ? existing.oid : null, node.folders.get(name)!, `${prefix}${name}/`, pending);
    }),
  );
  folderNames.forEach((name, i) => {
    const existing = entries.get(name);
    const subtree = newSubtrees[i]!;
    if (subtree === null) {
      // The folder ended up empty; or only deletions below something that is not a folder: nothing to remove.
      if (existing?.type === 'tree') changed = entries.delete(name) || changed;
      return;
    }
    if (existing?.type === 'tree' && existing.oid === subtree) return;
    entries.set(name, { mode: '040000', path: name, oid: subtree, type: 'tree' });
    changed = true;
  });
  if (!changed) return treeOid;
  if (entries.size === 0) return null;
  return startWrite(trees, [...entries.values()], pending);
}

/** The root tree after applying `changes` (path -> blob oid or file with mode, or null to delete; empty folders
 *  disappear) to `baseTreeOid`; PATH_OCCUPIED where a change would replace a folder, a submodule, or a symbolic link
 *  (a file given with its mode may replace a link). */
export async function updateTree(trees: TreeAccess, baseTreeOid: string, changes: Record<string, TreeChange>): Promise<string> {
  requireOid(baseTreeOid, 'tree id');
  const pending: Promise<void>[] = [];
  const root = (await applyChanges(trees, baseTreeOid, buildChangeTree(changes), '', pending)) ?? startWrite(trees, [], pending);
  await Promise.all(pending);
  return root;
}
