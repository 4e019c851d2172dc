// "Set up CI runners" on an Azure Repos remote, as one cancellable job: what the base branch holds is read through
// the items API first; if it lacks these files the set-up branch is written, pushed with the remote's PAT and opened as
// a pull request into the base (protected, so it goes through review); once the pipeline file is on the base (the
// default branch Azure validates it on), the pipeline that runs it is created if Azure Pipelines has none yet.

import { FleetError } from '../../../shared/errors';
import type { RunnerPipelineDefinition, RunnerSetupPull } from '../../../shared/types-runner-setup';
import type { CiServices } from '../ci/ci-host';
import type { RemoteServices } from '../remotes/remote-endpoint';
import type { Workspace } from '../workspace/workspace';
import { blobIdOf } from './app-bundle';
import { findRunnerPipeline } from './azure-setup-reads';
import { azureBlobs, azureRemote, RUNNER_FILE_PATHS } from './azure-setup-state';
import { createRunnerPipeline, openAzureSetupPull } from './azure-setup-writes';
import { pushSetupBranch, type ProposeSetupInput, type ProposeSetupResult } from './propose-setup';
import { runnerSetupFiles, writeSetupBranch, SETUP_BRANCH } from './setup-branch';
import { AZURE_PIPELINE_PATH } from './workflows/runner-files';

const STEPS = 4;

function stopIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new FleetError('CANCELLED', `The set-up was cancelled ${what}.`);
}

/** Proposes the set-up on an Azure Repos remote and creates its pipeline when the file is already on the base. */
export async function proposeAzureRunnerSetup(services: { remotes: RemoteServices; ci: CiServices }, workspace: Workspace, input: ProposeSetupInput): Promise<ProposeSetupResult> {
  const { manifest, repo } = workspace;
  const base = manifest.baseBranch;
  const progress = (done: number, message: string) => input.onProgress?.(done, STEPS, message);
  progress(0, `Reading what ${base} holds on ${input.remote}`);
  const azure = await azureRemote(services.ci, workspace, input.remote, input.signal);
  const files = runnerSetupFiles(manifest, input.bundle);
  const onBase = await azureBlobs(azure, base);
  const current = RUNNER_FILE_PATHS.every((path) => onBase[path] === blobIdOf(files[path]!));

  let commit: string | null = null;
  let pull: RunnerSetupPull | null = null;
  let opened = false;
  if (!current) {
    progress(1, `Writing ${SETUP_BRANCH}`);
    commit = (await writeSetupBranch(repo, base, files)).commit;
    if (commit) {
      stopIfCancelled(input.signal, 'before anything was pushed');
      progress(1, `Pushing ${SETUP_BRANCH} to ${input.remote}`);
      await pushSetupBranch(services.remotes, workspace, { remote: input.remote, signal: input.signal, onActivity: (message) => progress(1, `Pushing ${SETUP_BRANCH} to ${input.remote}: ${message}`) }, 'azure-devops');
      stopIfCancelled(input.signal, `after ${SETUP_BRANCH} was pushed; no pull request was opened`);
      progress(2, `Opening the pull request on ${input.remote}`);
      ({ pull, created: opened } = await openAzureSetupPull(azure, base));
    }
  }

  // Any version of the file on the base can have its pipeline now; an update reaches it when its pull request completes.
  let pipelineCreated: RunnerPipelineDefinition | null = null;
  if (onBase[AZURE_PIPELINE_PATH] !== null) {
    progress(3, `Looking for the Fleet Control pipeline on ${input.remote}`);
    if (!(await findRunnerPipeline(azure.host, azure.ids))) {
      stopIfCancelled(input.signal, 'before the pipeline was created');
      pipelineCreated = await createRunnerPipeline(azure);
    }
  }
  progress(STEPS, pull ? `Pull request #${pull.number} ${opened ? 'opened' : 'found'}` : pipelineCreated ? `Pipeline ${pipelineCreated.name} created` : `${base} already holds these files`);
  const outcome = pull ? (opened ? 'opened' : 'existed') : pipelineCreated ? 'pipeline-created' : 'up-to-date';
  return { outcome, commit, pull: pull && { number: pull.number, url: pull.url, state: pull.state }, pipelineCreated };
}
