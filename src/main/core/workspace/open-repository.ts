// Opens a folder as a workspace repository and refuses the kinds Fleet Control cannot work on.

import { GitRepository } from '../git/repository';
import { FleetError } from '../../../shared/errors';
import { DEFAULT_BASE_BRANCHES } from '../../../shared/catalog';

/** Opens `path` as a non-bare repository with at least one commit; clear errors otherwise. */
export async function openWorkspaceRepository(path: string): Promise<GitRepository> {
  const repo = await GitRepository.open(path);
  if (repo.bare) {
    throw new FleetError(
      'BARE_REPO',
      `${path} is a bare repository. Fleet Control needs a repository with a working tree: clone it first (git clone ${path}).`,
      { path },
    );
  }
  const branches = await repo.listBranches();
  if (branches.size === 0) {
    throw new FleetError('EMPTY_REPO', `${path} has no commits yet. Make a first commit on the base branch, then open it again.`, {
      path,
    });
  }
  return repo;
}

/** The base branch to propose for a repository without a manifest: main, master, ..., else the checked-out branch. */
export async function detectBaseBranch(repo: GitRepository): Promise<string> {
  const branches = await repo.listBranches();
  for (const name of DEFAULT_BASE_BRANCHES) if (branches.has(name)) return name;
  const head = await repo.readHead();
  if (head.branch && branches.has(head.branch)) return head.branch;
  const first = [...branches.keys()].sort()[0];
  if (!first) throw new FleetError('EMPTY_REPO', 'The repository has no branches.');
  return first;
}
