// Review and accept of a remote run's change, like a local run's: the review commit's files against the tip the run
// started from (the Changes view's own listing, branchFiles), one file's two sides, and accept as a compare-and-swap
// of the module branch from that tip to the review commit, once the remote's review branch is checked to still hold it.

import { FleetError } from '../../../../shared/errors';
import type { FileSides } from '../../../../shared/types-implement';
import type { RemoteRun, RemoteRunChanges } from '../../../../shared/types-remote';
import type { GitRepository } from '../../git/repository';
import { branchFiles } from '../../implement/branch/branch-files';
import { fileSides } from '../../implement/branch/file-sides';
import type { Workspace } from '../../workspace/workspace';

const DOING = "moving it to a remote run's reviewed commit here";

/** The run's review branch and commit, or RUN_NOT_REVIEWABLE when it has no change waiting. */
export function reviewOf(run: RemoteRun): { branch: string; commit: string } {
  if (run.state !== 'done' || !run.reviewBranch || !run.reviewCommit || run.review !== 'pending') {
    const why = run.review === 'accepted' ? 'it was accepted already' : run.review === 'discarded' ? 'it was discarded' : run.state !== 'done' ? `it is ${run.state}` : 'it left no change';
    throw new FleetError('RUN_NOT_REVIEWABLE', `The remote run of ${run.moduleId} has no change to review: ${why}.`, { runId: run.runId, state: run.state, review: run.review });
  }
  return { branch: run.reviewBranch, commit: run.reviewCommit };
}

/** The review commit must be one commit on the start tip, as runner-job writes it. */
async function requireOnTip(repo: GitRepository, run: RemoteRun, commit: string): Promise<{ tipTree: string; reviewTree: string }> {
  const review = await repo.readCommit(commit);
  if (review.parents.length !== 1 || review.parents[0] !== run.tip) {
    throw new FleetError('RUN_NOT_REVIEWABLE', `The review commit ${commit.slice(0, 7)} is not one commit on ${run.tip.slice(0, 7)}, the tip the run started from: it is not the runner's commit.`, { runId: run.runId, commit });
  }
  return { tipTree: (await repo.readCommit(run.tip)).tree, reviewTree: review.tree };
}

/** The review commit's changed files against the start tip (code or docs, renames paired), as the Changes view lists them. */
export async function reviewChanges(workspace: Workspace, run: RemoteRun): Promise<RemoteRunChanges> {
  const { branch, commit } = reviewOf(run);
  const { tipTree, reviewTree } = await requireOnTip(workspace.repo, run, commit);
  const files = await branchFiles(workspace.repo, tipTree, reviewTree, workspace.manifest.docsFolder);
  return { runId: run.runId, moduleId: run.moduleId, tip: run.tip, reviewBranch: branch, reviewCommit: commit, files };
}

/** One file at the start tip (before; at its old path when renamed) and at the review commit (after). */
export async function readReviewFile(workspace: Workspace, run: RemoteRun, path: string): Promise<FileSides> {
  const { repo } = workspace;
  const { commit } = reviewOf(run);
  const { tipTree, reviewTree } = await requireOnTip(repo, run, commit);
  const after = await repo.entryAtPath(reviewTree, path);
  let before = await repo.entryAtPath(tipTree, path);
  let oldPath: string | undefined;
  if (!before && after) {
    oldPath = (await branchFiles(repo, tipTree, reviewTree, workspace.manifest.docsFolder)).find((f) => f.path === path)?.oldPath;
    if (oldPath) before = await repo.entryAtPath(tipTree, oldPath);
  }
  if (!before && !after) throw new FleetError('INVALID_INPUT', `"${path}" is on neither side of the remote run's change.`, { runId: run.runId, path });
  return fileSides(repo, path, before, after, oldPath);
}

/** Moves the module branch from the run's start tip to the review commit (BRANCH_MOVED when it moved since). */
export async function moveModuleBranch(workspace: Workspace, run: RemoteRun, commit: string): Promise<void> {
  await workspace.refreshManifest();
  const branch = `${workspace.manifest.branchPrefix}${run.moduleId}`;
  await requireOnTip(workspace.repo, run, commit);
  workspace.repo.invalidateRefs();
  const now = await workspace.repo.resolveRef(`refs/heads/${branch}`);
  if (now !== run.tip) {
    throw new FleetError(
      'BRANCH_MOVED',
      now
        ? `${branch} moved since the remote run started (it is at ${now.slice(0, 7)}, the run started at ${run.tip.slice(0, 7)}): nothing was accepted. Retry the run on the new tip.`
        : `${branch} no longer exists: nothing was accepted.`,
      { moduleId: run.moduleId, branch, expected: run.tip, actual: now },
    );
  }
  await workspace.repo.updateRef(`refs/heads/${branch}`, commit, run.tip, `fleet-control: accept remote run ${run.dispatchId}`, { doing: DOING });
}
