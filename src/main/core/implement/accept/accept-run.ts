// Accept: an implementation run's changes become one commit on the module branch, made without a working tree. Only
// the paths the run changed are applied onto the tree it started from; the branch moves by compare-and-swap on the
// tip the run started from, and a branch that moved meanwhile gets the change merged three ways onto its new tip.

import { FleetError } from '../../../../shared/errors';
import type { ChangedFile } from '../../../../shared/types-implement';
import { withTrailers } from '../../docs/commit-docs';
import { refuseHeldBranch } from '../../git/worktrees';
import { MemoryObjects } from '../../merge/merge-objects';
import { mergeTrees } from '../../merge/tree-merge';
import { personNow, resolveIdentity } from '../../workspace/identity';
import type { Workspace } from '../../workspace/workspace';
import { buildRunTree, readRunEdits } from './run-tree';

export interface AcceptRequest {
  workspace: Workspace;
  moduleId: string;
  /** The module branch tip the run's working copy was written from. */
  startTip: string;
  /** The run's working copy (names on disk are the encoded bytes of the paths). */
  dir: string;
  /** The paths the run changed against `startTip` (after the user's drops and edits in review). */
  files: ChangedFile[];
  message: string;
  /** Provenance (Fleet-Run, Fleet-Engine, Fleet-Model, Fleet-Tokens-In, ...), written as git trailers. */
  trailers: Record<string, string>;
  signal?: AbortSignal;
  now?: Date;
}

export interface AcceptResult {
  /** The new commit; the module branch points at it. */
  commit: string;
  /** The branch tip the commit was made on: `startTip`, or the tip the branch had moved to. */
  tip: string;
  /** True when the branch had moved and the change was merged three ways onto its new tip. */
  merged: boolean;
}

/** How many times a branch that moves between our read and our compare-and-swap is read and merged again. */
const ATTEMPTS = 3;
const DOING = "committing the run's change to it here";

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', 'Accepting the run was cancelled; nothing was committed.');
}

/** Commits the run's changed paths as one commit on `<branchPrefix><moduleId>` (see the file header). */
export async function acceptRunChanges(request: AcceptRequest): Promise<AcceptResult> {
  const { workspace, moduleId, startTip, files } = request;
  await workspace.refreshManifest();
  if (files.length === 0) throw new FleetError('INVALID_INPUT', `There is nothing to accept: the run changed no file of ${moduleId}.`, { moduleId });
  if (!workspace.manifest.modules.some((m) => m.id === moduleId)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in this workspace.`, { moduleId });
  const { repo } = workspace;
  const branch = `${workspace.manifest.branchPrefix}${moduleId}`;
  const ref = `refs/heads/${branch}`;
  // Before any object is written; the ref update checks again (a working tree may switch to the branch meanwhile).
  refuseHeldBranch(repo.commondir, branch, DOING);
  const objects = new MemoryObjects(repo);
  const startTree = (await repo.readCommit(startTip)).tree;
  const runTree = await buildRunTree(objects, startTree, await readRunEdits(objects, request.dir, files));
  if (runTree === startTree) throw new FleetError('INVALID_INPUT', `There is nothing to accept: the run's files are the same as on ${branch} at ${startTip.slice(0, 7)}.`, { moduleId });
  const person = personNow(await resolveIdentity(repo.commondir), request.now);
  const message = withTrailers(request.message, request.trailers, `${moduleId}: implementation`);
  for (let attempt = 1; ; attempt++) {
    checkCancelled(request.signal);
    repo.invalidateRefs(); // the tip on disk now, not a cached one: someone may have committed to the branch
    const tip = await repo.resolveRef(ref);
    if (!tip) throw new FleetError('MODULE_BRANCH_MISSING', `The branch ${branch} no longer exists; nothing was committed.`, { moduleId, branch });
    const tree = tip === startTip ? runTree : await mergeOntoMovedTip(request, objects, branch, startTree, tip, runTree);
    checkCancelled(request.signal);
    await objects.writeReachable(repo, tree);
    const commit = await repo.writeCommit({ tree, parents: [tip], author: person, committer: person, message });
    try {
      await repo.updateRef(ref, commit, tip, `fleet-control: ${message.split('\n')[0]}`, { doing: DOING });
    } catch (error) {
      // Moved between our read and the swap: merge onto the newer tip (the commit just written stays unreferenced).
      if (error instanceof FleetError && error.code === 'BRANCH_MOVED' && attempt < ATTEMPTS) continue;
      throw error;
    }
    return { commit, tip, merged: tip !== startTip };
  }
}

/** The run's change merged onto `tip` (base: the start tree); MERGE_CONFLICT with the paths, nothing written. */
async function mergeOntoMovedTip(request: AcceptRequest, objects: MemoryObjects, branch: string, startTree: string, tip: string, runTree: string): Promise<string> {
  const tipTree = (await request.workspace.repo.readCommit(tip)).tree;
  const merged = await mergeTrees(objects, startTree, tipTree, runTree, { ours: branch, theirs: 'implementation run' });
  if (merged.conflicts.length > 0) {
    const paths = merged.conflicts.map((c) => c.path);
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
    throw new FleetError(
      'MERGE_CONFLICT',
      `${branch} moved since the run started (now at ${tip.slice(0, 7)}) and its changes conflict with the run's in ${shown}. Nothing was committed: review the run again on the new tip, or drop those files.`,
      { moduleId: request.moduleId, branch, startTip: request.startTip, tip, paths, conflicts: merged.conflicts },
    );
  }
  if (merged.tree === tipTree) {
    throw new FleetError('INVALID_INPUT', `There is nothing to accept: ${branch} already holds the run's changes (at ${tip.slice(0, 7)}).`, { moduleId: request.moduleId, tip });
  }
  return merged.tree;
}
