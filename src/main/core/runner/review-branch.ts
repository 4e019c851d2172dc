// On a CI runner: an implementation run's change becomes one commit on a new local branch
// fleet/review/<module>/<run>, parented on the tip the run started from. The module branch is never written: review
// and accept stay in the app, which fetches this branch once the workflow has pushed it.

import { FleetError } from '../../../shared/errors';
import type { ChangedFile } from '../../../shared/types-implement';
import { withTrailers } from '../docs/commit-docs';
import { MemoryObjects } from '../merge/merge-objects';
import { personNow, resolveIdentity } from '../workspace/identity';
import type { GitRepository } from '../git/repository';
import { buildRunTree, readRunEdits } from '../implement/accept/run-tree';

export interface ReviewCommitRequest {
  repo: GitRepository;
  /** The review branch's short name (reviewBranchName). */
  branch: string;
  startTip: string;
  /** The run's working copy and the paths it changed against `startTip`. */
  dir: string;
  files: ChangedFile[];
  message: string;
  trailers: Record<string, string>;
  now?: Date;
}

/** Writes the commit and creates the branch (it must not exist yet); returns the commit id. */
export async function commitToReviewBranch(request: ReviewCommitRequest): Promise<string> {
  const { repo, branch, startTip, files } = request;
  const ref = `refs/heads/${branch}`;
  if (await repo.resolveRef(ref)) {
    throw new FleetError('BRANCH_MOVED', `The review branch ${branch} already exists here: a run id is used once. Nothing was committed.`, { branch });
  }
  if (files.length === 0) throw new FleetError('INVALID_INPUT', 'There is nothing to commit: the run changed no file.', { branch });
  const objects = new MemoryObjects(repo);
  const startTree = (await repo.readCommit(startTip)).tree;
  const tree = await buildRunTree(objects, startTree, await readRunEdits(objects, request.dir, files));
  if (tree === startTree) throw new FleetError('INVALID_INPUT', `There is nothing to commit: the run's files are the same as at ${startTip.slice(0, 7)}.`, { branch });
  await objects.writeReachable(repo, tree);
  const person = personNow(await resolveIdentity(repo.commondir), request.now);
  const message = withTrailers(request.message, request.trailers, 'Implementation run');
  const commit = await repo.writeCommit({ tree, parents: [startTip], author: person, committer: person, message });
  // null: the branch must not exist (compare-and-swap against absence), so two jobs of one run id cannot both write it.
  await repo.updateRef(ref, commit, null, `fleet-control runner-job: ${message.split('\n')[0]}`);
  return commit;
}
