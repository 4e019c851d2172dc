// The files one commit changed, as `git diff --name-status` names them: the git layer's tree diff (which descends
// only into folders that differ) with each change called added, modified or deleted.

import type { GitRepository } from '../git/repository';
import { changedFiles as diffTrees } from '../git/tree-diff';

export type FileChangeKind = 'added' | 'modified' | 'deleted';

export interface FileChange {
  path: string;
  change: FileChangeKind;
}

/** Every file path that differs between `parentTree` (null: an empty tree) and `tree`, sorted by path. */
export async function changedFiles(repo: GitRepository, parentTree: string | null, tree: string): Promise<FileChange[]> {
  return (await diffTrees(repo, parentTree, tree)).map(({ path, before, after }) => ({
    path,
    change: !before ? 'added' : !after ? 'deleted' : 'modified',
  }));
}
