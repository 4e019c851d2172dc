// "Set up CI runners", the repository part: the generated workflow, the Azure pipeline and the bundled CLI committed
// as one commit on the local branch fleet/setup-ci-runners, forked from the base branch's tip, without a working tree.
// The base is protected, so this branch reaches it through a pull request (the app pushes it and opens one); a
// dispatched run uses the workflow file of the branch it is dispatched on, so runs can start once it is merged.

import { FleetError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/manifest';
import type { GitRepository } from '../git/repository';
import { personNow, resolveIdentity } from '../workspace/identity';
import { azurePipeline } from './workflows/azure-pipeline';
import { githubWorkflow } from './workflows/github-workflow';
import { AZURE_PIPELINE_PATH, GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH, type RunnerFilesOptions } from './workflows/runner-files';

export const SETUP_BRANCH = 'fleet/setup-ci-runners';

/** The three files, path -> bytes, for the workspace's branches. */
export function runnerSetupFiles(manifest: Manifest, bundle: Buffer, options: Omit<RunnerFilesOptions, 'branchPrefix' | 'baseBranch' | 'workspaceBranch'> = {}): Record<string, Buffer> {
  const facts: RunnerFilesOptions = { ...options, branchPrefix: manifest.branchPrefix, baseBranch: manifest.baseBranch, workspaceBranch: manifest.workspaceBranch };
  return { [GITHUB_WORKFLOW_PATH]: Buffer.from(githubWorkflow(facts)), [AZURE_PIPELINE_PATH]: Buffer.from(azurePipeline(facts)), [RUNNER_BUNDLE_PATH]: bundle };
}

export interface SetupBranchResult {
  branch: string;
  /** The set-up commit; null when the base already holds these exact files (nothing to propose). */
  commit: string | null;
  base: string;
}

/**
 * Commits `files` on SETUP_BRANCH (moved by compare-and-swap): on the base tip, or on top of an earlier proposal
 * the base does not hold yet, so that pushing it again is a fast-forward of the branch its pull request shows.
 */
export async function writeSetupBranch(repo: GitRepository, baseBranch: string, files: Record<string, Buffer>, now?: Date): Promise<SetupBranchResult> {
  const base = await repo.resolveRef(`refs/heads/${baseBranch}`);
  if (!base) throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${baseBranch}" does not exist here: nothing was written.`, { branch: baseBranch });
  const baseTree = (await repo.readCommit(base)).tree;
  const blobs: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(files)) blobs[path] = await repo.writeBlob(bytes);
  if ((await repo.updateTree(baseTree, blobs)) === baseTree) return { branch: SETUP_BRANCH, commit: null, base };
  const ref = `refs/heads/${SETUP_BRANCH}`;
  const previous = await repo.resolveRef(ref);
  const pending = previous && previous !== base && !(await repo.isAncestor(previous, base)) ? previous : null;
  const parentTree = pending ? (await repo.readCommit(pending)).tree : baseTree;
  const tree = await repo.updateTree(parentTree, blobs);
  // Already proposed with these files: keep the commit the pull request shows.
  if (pending && tree === parentTree) return { branch: SETUP_BRANCH, commit: pending, base };
  const person = personNow(await resolveIdentity(repo.commondir), now);
  const message = pending
    ? 'Update the Fleet Control CI runner set-up\n\nThe workflow, the Azure pipeline and the bundled command line as this version of Fleet Control writes them.\n'
    : 'Set up Fleet Control on CI runners\n\nThe GitHub Actions workflow, the Azure pipeline and the bundled command line they run\n(one implementation run or check of one module per dispatched run; see .github/workflows/fleet-control.yml).\n';
  const commit = await repo.writeCommit({ tree, parents: [pending ?? base], author: person, committer: person, message });
  await repo.updateRef(ref, commit, previous, 'fleet-control: set up CI runners');
  return { branch: SETUP_BRANCH, commit, base };
}
