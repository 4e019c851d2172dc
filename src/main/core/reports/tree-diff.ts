// The files one commit changed: its tree compared with its first parent's, descending only into folders that differ.

import type { GitRepository } from '../git/repository';
import type { TreeEntry } from '../git/types';

export type FileChangeKind = 'added' | 'modified' | 'deleted';

export interface FileChange {
  path: string;
  change: FileChangeKind;
}

const isFolder = (entry: TreeEntry | undefined): entry is TreeEntry => entry?.type === 'tree';

/** Every file path that differs between `parentTree` (null: an empty tree) and `tree`, sorted, like `git diff --name-status`. */
export async function changedFiles(repo: GitRepository, parentTree: string | null, tree: string): Promise<FileChange[]> {
  const changes: FileChange[] = [];

  const everyFile = async (treeOid: string, prefix: string, change: FileChangeKind): Promise<void> => {
    for (const entry of await repo.readTree(treeOid)) {
      if (entry.type === 'tree') await everyFile(entry.oid, `${prefix}${entry.path}/`, change);
      else changes.push({ path: prefix + entry.path, change });
    }
  };

  const compare = async (before: string | null, after: string | null, prefix: string): Promise<void> => {
    if (before === after) return;
    if (!before) return everyFile(after!, prefix, 'added');
    if (!after) return everyFile(before, prefix, 'deleted');
    const old = new Map((await repo.readTree(before)).map((entry) => [entry.path, entry]));
    for (const entry of await repo.readTree(after)) {
      const previous = old.get(entry.path);
      old.delete(entry.path);
      if (previous?.oid === entry.oid && previous.mode === entry.mode) continue;
      const path = prefix + entry.path;
      // A folder replaced by a file (or the reverse) is the old side deleted and the new side added.
      const beforeFolder = isFolder(previous) ? previous.oid : null;
      const afterFolder = isFolder(entry) ? entry.oid : null;
      if (beforeFolder || afterFolder) await compare(beforeFolder, afterFolder, `${path}/`);
      if (previous && !beforeFolder && afterFolder) changes.push({ path, change: 'deleted' });
      if (!afterFolder) changes.push({ path, change: previous && !beforeFolder ? 'modified' : 'added' });
    }
    for (const [name, entry] of old) {
      if (entry.type === 'tree') await everyFile(entry.oid, `${prefix}${name}/`, 'deleted');
      else changes.push({ path: prefix + name, change: 'deleted' });
    }
  };

  await compare(parentTree, tree, '');
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
