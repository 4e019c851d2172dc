// "Set up CI runners" up to the pull request: the set-up branch written (setup-branch.ts), pushed to the GitHub
// remote with the remote's own credential, and opened (or found) as a pull request into the base branch, which is
// protected: runs can be dispatched once it is merged, since a dispatched run uses the default branch's workflow file.

import { FleetError } from '../../../shared/errors';
import type { OpenPullRequestResult } from '../../../shared/types-pulls';
import type { PullServices } from '../pulls/github-remote';
import { openOrFindPull } from '../pulls/open-pull';
import type { RemoteServices } from '../remotes/remote-endpoint';
import { pushToRemotes } from '../remotes/push-all';
import type { Workspace } from '../workspace/workspace';
import { runnerSetupFiles, writeSetupBranch, SETUP_BRANCH } from './setup-branch';

export interface ProposeSetupResult {
  /** 'up-to-date': the base already holds these files, so nothing was pushed or opened. */
  outcome: 'opened' | 'existed' | 'up-to-date';
  commit: string | null;
  pull: OpenPullRequestResult['pull'] | null;
}

const BODY = `Adds what lets Fleet Control run implementation runs and checks on this repository's CI runners:

- \`.github/workflows/fleet-control.yml\`: one run of one module per dispatch (workflow_dispatch, on the default branch);
  it checks out the module branch itself, gives the provider key (a repository secret such as \`XAI_API_KEY\`) to the
  Fleet Control step only, pushes its change to \`fleet/review/<module>/<run>\` (never the module branch) and uploads
  the run record as an artifact. Permissions: \`contents: write\` only.
- \`.azure-pipelines/fleet-control.yml\`: the same for Azure Pipelines.
- \`.fleet/runner/fleet-control.cjs\`: the Fleet Control command line bundled into one file (Node 20+).

Runs are reviewed and accepted in the app. Merge this to enable them; the app shows when it is merged.

---
_Opened with Fleet Control._
`;

/** Writes, pushes and opens the set-up pull request on `remote` (a GitHub remote); BRANCH_* / AUTH_* errors pass through. */
export async function proposeRunnerSetup(services: { remotes: RemoteServices; pulls: PullServices }, workspace: Workspace, input: { remote: string; bundle: Buffer }): Promise<ProposeSetupResult> {
  const { manifest, repo } = workspace;
  const written = await writeSetupBranch(repo, manifest.baseBranch, runnerSetupFiles(manifest, input.bundle));
  if (!written.commit) return { outcome: 'up-to-date', commit: null, pull: null };
  const report = await pushToRemotes(workspace, services.remotes, { remotes: [input.remote], branches: [SETUP_BRANCH] });
  const pushed = report.remotes[0];
  if (pushed?.error) throw new FleetError(pushed.error.code, pushed.error.message, { remote: input.remote, branch: SETUP_BRANCH });
  const branch = pushed?.branches.find((b) => b.branch === SETUP_BRANCH);
  if (!branch || branch.code) {
    throw new FleetError(branch?.code ?? 'REMOTE_REJECTED', `${SETUP_BRANCH} could not be pushed to "${input.remote}": ${branch?.message ?? 'the remote did not answer for it'}.`, { remote: input.remote, branch: SETUP_BRANCH });
  }
  const opened = await openOrFindPull(services.pulls, workspace, { remote: input.remote, head: SETUP_BRANCH, base: manifest.baseBranch, title: 'Set up Fleet Control on CI runners', body: BODY, recordId: SETUP_BRANCH });
  return { outcome: opened.outcome === 'created' ? 'opened' : 'existed', commit: written.commit, pull: opened.pull };
}
