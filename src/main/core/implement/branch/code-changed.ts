// Whether two trees differ in code: any file outside Fleet Control's folders (shared/fleet-paths.ts). The walk skips
// subtrees equal by id and the Fleet folders themselves, and stops at the first differing code file, so two roots
// that differ only in the documents folder cost one root-tree read each.

import { fleetFolders } from '../../../../shared/fleet-paths';
import type { TreeReader } from '../../git/tree-diff';
import type { TreeEntry } from '../../git/types';

const isTree = (entry: TreeEntry | undefined) => entry?.type === 'tree';

/** True when a file (blob, link or submodule) outside the Fleet folders differs between the trees (null: empty). */
export async function codeDiffers(trees: TreeReader, from: string | null, to: string | null, docsFolder: string): Promise<boolean> {
  const folders = fleetFolders(docsFolder);
  return differs(trees, from, to, '', folders);
}

async function differs(trees: TreeReader, from: string | null, to: string | null, prefix: string, folders: string[]): Promise<boolean> {
  if (from === to) return false;
  const [before, after] = await Promise.all([from ? trees.readTree(from) : [], to ? trees.readTree(to) : []]);
  const old = new Map(before.map((entry) => [entry.path, entry]));
  const subtrees: Array<[string | null, string | null, string]> = [];
  const seen = new Set<string>();
  for (const b of after) {
    seen.add(b.path);
    if (pair(old.get(b.path), b, prefix, folders, subtrees)) return true;
  }
  for (const a of before) if (!seen.has(a.path) && pair(a, undefined, prefix, folders, subtrees)) return true;
  // Files decide first (cheap); folders only when no file at this level settled it.
  for (const [x, y, path] of subtrees) if (await differs(trees, x, y, `${path}/`, folders)) return true;
  return false;
}

/** True when this name's file part is a code change; queues its folder part when that may hold one. */
function pair(a: TreeEntry | undefined, b: TreeEntry | undefined, prefix: string, folders: string[], subtrees: Array<[string | null, string | null, string]>): boolean {
  if (a && b && a.oid === b.oid && a.mode === b.mode) return false;
  const path = prefix + (a ?? b)!.path;
  if (folders.includes(path)) return false;
  const fileA = a && !isTree(a) ? a : null;
  const fileB = b && !isTree(b) ? b : null;
  if (fileA?.oid !== fileB?.oid || fileA?.mode !== fileB?.mode) return true;
  const treeA = isTree(a) ? a!.oid : null;
  const treeB = isTree(b) ? b!.oid : null;
  if (treeA !== treeB) subtrees.push([treeA, treeB, path]);
  return false;
}
