// The tree a merge starts from: the merge base's tree, or, in a criss-cross history with several best merge bases,
// those bases merged with each other first (oldest first, as git's merge does), conflicts settled in the tree.

import type { GitRepository } from '../git/repository';
import type { MergeBaseFinder } from './merge-base';
import type { MergeObjects } from './merge-objects';
import { mergeTrees } from './tree-merge';

const INNER_LABELS = { ours: 'Temporary merge branch 1', theirs: 'Temporary merge branch 2' };

/** The base tree for merging with `bases` (newest first, as MergeBaseFinder gives them); null when there are none. */
export async function mergeBaseTree(repo: GitRepository, finder: MergeBaseFinder, objects: MergeObjects, bases: string[], depth = 1): Promise<string | null> {
  if (bases.length === 0) return null;
  const [first, ...rest] = [...bases].reverse();
  let tree = (await repo.readCommit(first!)).tree;
  const merged = [first!];
  for (const next of rest) {
    const innerBases = await finder.mergeBasesWithMany(merged, next);
    const innerBase = await mergeBaseTree(repo, finder, objects, innerBases, depth + 1);
    tree = (await mergeTrees(objects, innerBase, tree, (await repo.readCommit(next)).tree, INNER_LABELS, depth)).tree;
    merged.push(next);
  }
  return tree;
}
