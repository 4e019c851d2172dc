// git's directory rename detection, as far as a merge's verdict needs it (merge.directoryRenames=conflict, git's
// default): a folder one side removed while moving most of its files to one other folder counts as renamed there, and
// a file the other side added inside it is a "file location" conflict at the path git suggests; a folder whose files
// went to several folders equally is a "directory rename split". Neither is moved here: the merge stops, as git's does.

import type { ConflictFile } from '../../../shared/types-merge';
import type { MergeObjects } from './merge-objects';

const dirname = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The folders of `base` (ancestors of `deletedPaths`) that the tree `side` no longer has at all. */
export async function removedFolders(objects: MergeObjects, side: string, deletedPaths: Iterable<string>): Promise<Set<string>> {
  const present = new Map<string, Promise<string | null>>([['', Promise.resolve(side)]]);
  const folderAt = (path: string): Promise<string | null> => {
    let found = present.get(path);
    if (!found) {
      found = folderAt(dirname(path)).then(async (parent) => {
        if (!parent) return null;
        const entry = (await objects.readTree(parent)).find((e) => e.path === basename(path));
        return entry?.type === 'tree' ? entry.oid : null;
      });
      present.set(path, found);
    }
    return found;
  };
  const removed = new Set<string>();
  const candidates = new Set<string>();
  for (const path of deletedPaths) for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) candidates.add(dir);
  await Promise.all([...candidates].map(async (dir) => void ((await folderAt(dir)) === null && removed.add(dir))));
  return removed;
}

/** Removed folders the other side added a file directly into: git then needs every rename out of them (location). */
export function foldersAddedInto(removed: Set<string>, otherAdded: Iterable<string>): Set<string> {
  const wanted = new Set<string>();
  for (const path of otherAdded) if (removed.has(dirname(path))) wanted.add(dirname(path));
  return wanted;
}

/**
 * Where each removed folder went: its renames counted per destination folder (a file moved from a/x/f to b/x/f counts
 * a/x -> b/x and a -> b, as git counts), the destination with the most; a tie is a split (null).
 */
export function folderRenames(renames: Map<string, string>, removed: Set<string>): Map<string, string | null> {
  const counts = new Map<string, Map<string, number>>();
  for (const [source, target] of renames) {
    let [from, to] = [dirname(source), dirname(target)];
    while (removed.has(from)) {
      const row = counts.get(from) ?? new Map<string, number>();
      row.set(to, (row.get(to) ?? 0) + 1);
      counts.set(from, row);
      if (from === '' || to === '' || basename(from) !== basename(to)) break;
      [from, to] = [dirname(from), dirname(to)];
    }
  }
  const result = new Map<string, string | null>();
  for (const [from, row] of counts) {
    let best: string | null = null;
    let max = 0;
    let tied = 0;
    for (const [to, count] of row) {
      if (count === max) tied = max;
      else if (count > max) [max, best] = [count, to];
    }
    result.set(from, tied === max ? null : best);
  }
  return result;
}

/** The conflicts git reports for one side's folder renames against the files the other side added. */
export function folderRenameConflicts(renamed: Map<string, string | null>, otherRenamed: Map<string, string | null>, otherAdded: Iterable<string>): ConflictFile[] {
  const conflicts: ConflictFile[] = [];
  for (const [from, to] of renamed) if (to === null) conflicts.push({ path: from, kind: 'file-location' });
  for (const path of otherAdded) {
    // The deepest renamed folder the file is in; a folder both sides renamed is left alone, as git leaves it.
    for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) {
      const to = renamed.get(dir);
      if (to === undefined || otherRenamed.has(dir)) continue;
      if (to !== null) conflicts.push({ path: `${to ? `${to}/` : ''}${path.slice(dir.length + 1)}`, kind: 'file-location', renamedFrom: path });
      break;
    }
  }
  return conflicts;
}
