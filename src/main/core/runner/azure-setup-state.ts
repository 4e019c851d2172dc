// The set-up facts of an Azure Repos remote read now through Azure DevOps' API (not the last fetch, so a pull request
// completed on the website shows at once): the three files on the base branch by object id, the newest set-up pull
// request, and the pipeline that runs our pipeline file (with its page, where the secret variables are added).

import { FleetError } from '../../../shared/errors';
import type { RunnerPipelineDefinition, RunnerSetupPull } from '../../../shared/types-runner-setup';
import { azureRepositoryIds, type AzureRepositoryIds } from '../ci/azure-repository';
import { resolveCiHost, type AzureCiHost, type CiServices } from '../ci/ci-host';
import type { Workspace } from '../workspace/workspace';
import { azureBlobOnBranch, azureSetupPull, findRunnerPipeline } from './azure-setup-reads';
import { AZURE_PIPELINE_PATH, GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from './workflows/runner-files';

export const RUNNER_FILE_PATHS = [GITHUB_WORKFLOW_PATH, AZURE_PIPELINE_PATH, RUNNER_BUNDLE_PATH] as const;
/** Each set-up file's object id on the base branch (null: not there). */
export type RunnerBlobs = Record<(typeof RUNNER_FILE_PATHS)[number], string | null>;

export interface AzureRemote {
  host: AzureCiHost;
  ids: AzureRepositoryIds;
}

/** The Azure Repos repository behind `remote`, with a client holding its PAT (TOKEN_MISSING / REPO_NOT_FOUND named). */
export async function azureRemote(services: CiServices, workspace: Workspace, remote: string, signal?: AbortSignal): Promise<AzureRemote> {
  const host = await resolveCiHost(services, workspace, { remote, signal });
  if (host.kind !== 'azure-devops') throw new FleetError('UNSUPPORTED', `"${remote}" is not an Azure Repos remote.`, { remote, host: host.kind });
  return { host, ids: await azureRepositoryIds(host) };
}

/** The three files' object ids on `branch` (Items - Get, one request each, in parallel). */
export async function azureBlobs(azure: AzureRemote, branch: string): Promise<RunnerBlobs> {
  const [workflow, pipeline, bundle] = await Promise.all(RUNNER_FILE_PATHS.map((path) => azureBlobOnBranch(azure.host, azure.ids, branch, path)));
  return { [GITHUB_WORKFLOW_PATH]: workflow!, [AZURE_PIPELINE_PATH]: pipeline!, [RUNNER_BUNDLE_PATH]: bundle! } as RunnerBlobs;
}

export interface AzureSetupFacts {
  blobs: RunnerBlobs;
  pull: RunnerSetupPull | null;
  definition: RunnerPipelineDefinition | null;
  /** The pipelines page of the project: where the pipeline (and its secret variables) will be. */
  pipelinesUrl: string;
}

/** Everything the set-up state needs from an Azure Repos remote, read in parallel. */
export async function azureSetupFacts(services: CiServices, workspace: Workspace, remote: string): Promise<AzureSetupFacts> {
  const azure = await azureRemote(services, workspace, remote);
  const base = workspace.manifest.baseBranch;
  const [blobs, pull, definition] = await Promise.all([azureBlobs(azure, base), azureSetupPull(azure.host, azure.ids, base), findRunnerPipeline(azure.host, azure.ids)]);
  return { blobs, pull, definition, pipelinesUrl: `${azure.host.organisationUrl}/${encodeURIComponent(azure.host.project)}/_build` };
}
