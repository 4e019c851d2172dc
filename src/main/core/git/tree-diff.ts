// Which file paths differ between two trees, like `git diff --name-only --no-renames A B`: equal subtrees are
// skipped by id, so the cost follows the size of the change, not of the repository.

import { compareNames } from './name-bytes';
import type { TreeEntry } from './types';

export interface TreeReader {
  readTree(oid: string): Promise<TreeEntry[]>;
}

const isTree = (entry: TreeEntry | undefined): boolean => entry?.type === 'tree';

/** One changed file path: its entry before and after (null where there is no file at that path). */
export interface FileChange {
  path: string;
  before: TreeEntry | null;
  after: TreeEntry | null;
}

/** Every file path (blob, symlink or submodule) whose content, mode or presence differs between the two trees. */
export async function changedPaths(trees: TreeReader, from: string | null, to: string | null): Promise<string[]> {
  return (await changedFiles(trees, from, to)).map((change) => change.path);
}

/** The changed file paths with their entries on both sides, sorted by path bytes. */
export async function changedFiles(trees: TreeReader, from: string | null, to: string | null): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  await diffInto(trees, from, to, '', changes);
  return changes.sort((x, y) => compareNames(x.path, y.path));
}

async function diffInto(trees: TreeReader, from: string | null, to: string | null, prefix: string, paths: FileChange[]): Promise<void> {
  if (from === to) return;
  const [before, after] = await Promise.all([from ? trees.readTree(from) : [], to ? trees.readTree(to) : []]);
  const old = new Map(before.map((entry) => [entry.path, entry]));
  const now = new Map(after.map((entry) => [entry.path, entry]));
  const nested: Promise<void>[] = [];
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(name);
    const b = now.get(name);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    const path = prefix + name;
    // A name can be a file on one side and a folder on the other: both the file and the folder's files changed.
    const fileA = a && !isTree(a) ? a : null;
    const fileB = b && !isTree(b) ? b : null;
    if (fileA?.oid !== fileB?.oid || fileA?.mode !== fileB?.mode) paths.push({ path, before: fileA ?? null, after: fileB ?? null });
    const subtreeA = a && isTree(a) ? a.oid : null;
    const subtreeB = b && isTree(b) ? b.oid : null;
    if (subtreeA !== subtreeB) nested.push(diffInto(trees, subtreeA, subtreeB, `${path}/`, paths));
  }
  await Promise.all(nested);
}
