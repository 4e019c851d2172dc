// "Set up CI runners" up to the pull request: the set-up branch written (setup-branch.ts), pushed to the GitHub
// remote with the remote's own credential, and opened (or found) as a pull request into the base branch, which is
// protected: runs can be dispatched once it is merged, since a dispatched run uses the default branch's workflow file.

import { FleetError, type ErrorCode } from '../../../shared/errors';
import type { RunnerPipelineDefinition, RunnerSetupPull } from '../../../shared/types-runner-setup';
import type { PullServices } from '../pulls/github-remote';
import { openOrFindPull } from '../pulls/open-pull';
import type { RemoteServices } from '../remotes/remote-endpoint';
import { pushToRemotes } from '../remotes/push-all';
import type { Workspace } from '../workspace/workspace';
import { runnerSetupFiles, writeSetupBranch, SETUP_BRANCH } from './setup-branch';

export interface ProposeSetupResult {
  /** 'up-to-date': the base already holds these files, so nothing was pushed or opened. */
  outcome: 'opened' | 'existed' | 'up-to-date' | 'pipeline-created';
  commit: string | null;
  pull: RunnerSetupPull | null;
  /** Azure Repos: the pipeline the job created for the pipeline file on the base. */
  pipelineCreated?: RunnerPipelineDefinition | null;
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

export interface ProposeSetupInput {
  remote: string;
  bundle: Buffer;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, message: string): void;
}

/** Which host's words a push failure uses: the permission to name and where to look at the branch. */
export type SetupHost = 'github' | 'azure-devops';

/** The push's failure said for this branch: a token that may not push, a branch holding other commits, or as it came. */
function pushFailure(remote: string, code: string, message: string, status: unknown, host: SetupHost): FleetError {
  const data = { remote, branch: SETUP_BRANCH };
  if (code === 'AUTH_FAILED' && status === 403) {
    if (host === 'azure-devops') {
      return new FleetError('PERMISSION_DENIED', `The token of "${remote}" may not push ${SETUP_BRANCH}: it needs the scope "Code (Read & write)" (and your account the repository's "Contribute" permission). ${message}`, { ...data, needs: 'vso.code_write' });
    }
    return new FleetError('PERMISSION_DENIED', `The token of "${remote}" may not push ${SETUP_BRANCH}: it needs the permission "Contents: Read and write" on the repository (and "Pull requests: Read and write" to open the pull request). ${message}`, { ...data, needs: 'contents=write' });
  }
  if (code === 'NON_FAST_FORWARD' || code === 'BEHIND') {
    const where = host === 'azure-devops' ? 'Azure Repos: complete or abandon its pull request' : 'GitHub: merge or close its pull request';
    return new FleetError('NON_FAST_FORWARD', `${SETUP_BRANCH} already exists on "${remote}" with commits this set-up did not write, so nothing was pushed or overwritten. Look at that branch on ${where} and delete the branch, then open the set-up again.`, data);
  }
  return new FleetError(code as ErrorCode, `${SETUP_BRANCH} could not be pushed to "${remote}": ${message}`, data);
}

/** Pushes the set-up branch to `remote` with its own credential; a refusal becomes pushFailure's error (cancel: CANCELLED). */
export async function pushSetupBranch(remotes: RemoteServices, workspace: Workspace, input: { remote: string; signal?: AbortSignal; onActivity?(message: string): void }, host: SetupHost): Promise<void> {
  const report = await pushToRemotes(workspace, remotes, { remotes: [input.remote], branches: [SETUP_BRANCH], signal: input.signal, onActivity: (_remote, message) => input.onActivity?.(message) });
  const pushed = report.remotes[0];
  if (pushed?.error) throw pushFailure(input.remote, pushed.error.code, pushed.error.message, pushed.error.data?.status, host);
  const branch = pushed?.branches.find((b) => b.branch === SETUP_BRANCH);
  if (!branch) throw new FleetError('REMOTE_REJECTED', `${SETUP_BRANCH} could not be pushed to "${input.remote}": the remote did not answer for it.`, { remote: input.remote, branch: SETUP_BRANCH });
  if (branch.status === 'behind') throw pushFailure(input.remote, 'BEHIND', branch.message ?? '', null, host);
  if (branch.code) throw pushFailure(input.remote, branch.code, branch.message ?? 'the remote refused it', null, host);
}

/** Writes, pushes and opens the set-up pull request on `remote` (a GitHub remote); errors name what to do. */
export async function proposeRunnerSetup(services: { remotes: RemoteServices; pulls: PullServices }, workspace: Workspace, input: ProposeSetupInput): Promise<ProposeSetupResult> {
  const { manifest, repo } = workspace;
  const progress = (done: number, message: string) => input.onProgress?.(done, 3, message);
  progress(0, `Writing ${SETUP_BRANCH}`);
  const written = await writeSetupBranch(repo, manifest.baseBranch, runnerSetupFiles(manifest, input.bundle));
  if (!written.commit) return { outcome: 'up-to-date', commit: null, pull: null };
  if (input.signal?.aborted) throw new FleetError('CANCELLED', 'The set-up was cancelled before anything was pushed.');
  progress(1, `Pushing ${SETUP_BRANCH} to ${input.remote}`);
  await pushSetupBranch(services.remotes, workspace, { remote: input.remote, signal: input.signal, onActivity: (message) => progress(1, `Pushing ${SETUP_BRANCH} to ${input.remote}: ${message}`) }, 'github');
  if (input.signal?.aborted) throw new FleetError('CANCELLED', `The set-up was cancelled after ${SETUP_BRANCH} was pushed; no pull request was opened.`);
  progress(2, `Opening the pull request on ${input.remote}`);
  // GitHub's calls see the cancel too: the signal goes into every fetch of the pull-request client.
  const signal = input.signal;
  const base = services.pulls.fetch ?? fetch;
  const pulls: PullServices = signal ? { ...services.pulls, fetch: (url, init) => base(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }) } : services.pulls;
  const opened = await openOrFindPull(pulls, workspace, { remote: input.remote, head: SETUP_BRANCH, base: manifest.baseBranch, title: 'Set up Fleet Control on CI runners', body: BODY, recordId: SETUP_BRANCH });
  progress(3, `Pull request #${opened.pull.number} ${opened.outcome === 'created' ? 'opened' : 'found'}`);
  return { outcome: opened.outcome === 'created' ? 'opened' : 'existed', commit: written.commit, pull: opened.pull };
}
