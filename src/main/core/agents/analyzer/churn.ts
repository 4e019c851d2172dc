// How often each of a module's files changed: a bounded walk of the branch's first-parent history, comparing
// each commit's tree with its parent's and descending only into folders that hold one of the files.

import { FleetError } from '../../../../shared/errors';
import type { GitRepository } from '../../git/repository';

export interface ChurnResult {
  /** Commits that changed each file (files never changed in the walk are absent). */
  counts: Map<string, number>;
  commitsWalked: number;
  /** False when the walk stopped at `maxCommits` before the first commit. */
  complete: boolean;
  /** The walk reached a shallow clone's boundary: older history is not in the repository (nor counted). */
  shallow: boolean;
  /** The commit whose trees (or whose parent's) a partial clone has not fetched: the walk stopped there. */
  unfetchedAt: string | null;
}

/** Counts, over at most `maxCommits` first-parent commits from `tip`, the commits that changed each of `files`. */
export async function changeCounts(repo: GitRepository, tip: string, files: string[], maxCommits = 1000): Promise<ChurnResult> {
  const wanted = new Set(files);
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) folders.add(file.slice(0, slash));
  }
  const counts = new Map<string, number>();
  const changed = new Set<string>();

  const compare = async (tree: string | null, parentTree: string | null, prefix: string): Promise<void> => {
    if (tree === parentTree) return;
    const ours = tree ? await repo.readTree(tree) : [];
    const theirs = new Map((parentTree ? await repo.readTree(parentTree) : []).map((e) => [e.path, e]));
    const seen = new Set<string>();
    for (const entry of ours) {
      seen.add(entry.path);
      const other = theirs.get(entry.path);
      if (other && other.oid === entry.oid) continue;
      await visit(prefix + entry.path, entry, other ?? null);
    }
    for (const [name, other] of theirs) if (!seen.has(name)) await visit(prefix + name, null, other);
  };

  const visit = async (path: string, ours: { type: string; oid: string } | null, theirs: { type: string; oid: string } | null): Promise<void> => {
    if (ours?.type === 'blob' || theirs?.type === 'blob') {
      if (wanted.has(path)) changed.add(path);
    }
    const ourTree = ours?.type === 'tree' ? ours.oid : null;
    const theirTree = theirs?.type === 'tree' ? theirs.oid : null;
    if ((ourTree || theirTree) && folders.has(path)) await compare(ourTree, theirTree, `${path}/`);
  };

  let oid: string | null = tip;
  let walked = 0;
  let shallow = false;
  while (oid && walked < maxCommits) {
    const commit = await repo.readCommit(oid);
    walked++;
    // A shallow clone's boundary commit has parents that were never fetched: what it changed is unknown, not "everything".
    if (repo.isShallow(oid)) {
      shallow = true;
      oid = null;
      break;
    }
    const parent = commit.parents[0] ?? null;
    changed.clear();
    try {
      const parentTree = parent ? (await repo.readCommit(parent)).tree : null;
      await compare(commit.tree, parentTree, '');
    } catch (error) {
      // A partial clone (--filter=tree:0) lacks old trees: the counts so far stand, and the report says where it stopped.
      if (!(error instanceof FleetError) || error.code !== 'OBJECT_NOT_FETCHED') throw error;
      walked--;
      return { counts, commitsWalked: walked, complete: false, shallow, unfetchedAt: oid };
    }
    for (const path of changed) counts.set(path, (counts.get(path) ?? 0) + 1);
    oid = parent;
  }
  return { counts, commitsWalked: walked, complete: oid === null, shallow, unfetchedAt: null };
}
