// What an Azure Repos remote holds for CI runners, read through Azure DevOps' own API (azure-devops-node-api) with the
// remote's PAT: the set-up files on the base branch by object id (Items - Get), the pipeline whose YAML is our pipeline
// file in this repository (Definitions - List filtered by repository), and the newest set-up pull request.

import type { GitPullRequest, GitVersionType, PullRequestStatus } from 'azure-devops-node-api/interfaces/GitInterfaces';
import type { RunnerPipelineDefinition, RunnerSetupPull } from '../../../shared/types-runner-setup';
import type { AzureCiHost } from '../ci/ci-host';
import type { AzureRepositoryIds } from '../ci/azure-repository';
import { SETUP_BRANCH } from './setup-branch';
import { AZURE_PIPELINE_PATH } from './workflows/runner-files';

// The client's enum values, named here: importing its interfaces module at run time would slow the CLI's start.
const BRANCH = 0 as GitVersionType;
export const PULL_ACTIVE = 1 as PullRequestStatus;
const PULL_ABANDONED = 2 as PullRequestStatus;
const PULL_COMPLETED = 3 as PullRequestStatus;
const PULL_ALL = 4 as PullRequestStatus;

/** The object id of `path` on `branch`; null when the branch or the file is not there (Azure answers 404 -> null). */
export async function azureBlobOnBranch(host: AzureCiHost, ids: AzureRepositoryIds, branch: string, path: string): Promise<string | null> {
  const { connection } = host;
  const item = await connection.call(host.context(`read ${path} on ${branch}`), async () =>
    (await connection.gitApi()).getItem(ids.repositoryId, path, ids.projectId, undefined, undefined, false, false, false, { version: branch, versionType: BRANCH }, false),
  );
  // A folder at that path is not the file.
  return item && !item.isFolder && typeof item.objectId === 'string' ? item.objectId : null;
}

/** "/.azure-pipelines/x.yml", ".azure-pipelines/x.yml" and "\.azure-pipelines\x.yml" name the same file. */
function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** The pipelines page of one definition (Azure's own web address for it). */
export function pipelineWebUrl(host: AzureCiHost, id: number): string {
  return `${host.organisationUrl}/${encodeURIComponent(host.project)}/_build?definitionId=${id}`;
}

interface DefinitionWithProcess {
  id?: number;
  name?: string;
  process?: { yamlFilename?: string };
  repository?: { id?: string };
}

/**
 * The pipeline that runs our pipeline file from this repository, or null. Definitions - List filtered by repository
 * with all properties returns each YAML file name in one request (Pipelines - List carries no configuration, so
 * matching there would take one more request per pipeline of the project).
 */
export async function findRunnerPipeline(host: AzureCiHost, ids: AzureRepositoryIds): Promise<RunnerPipelineDefinition | null> {
  const { connection } = host;
  const definitions = await connection.call(host.context('find the Fleet Control pipeline'), async () =>
    (await connection.buildApi()).getDefinitions(ids.projectId, undefined, ids.repositoryId, 'TfsGit', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, true),
  );
  const match = ((definitions ?? []) as DefinitionWithProcess[]).find(
    (d) => typeof d.id === 'number' && samePath(d.process?.yamlFilename ?? '', AZURE_PIPELINE_PATH) && (!d.repository?.id || d.repository.id === ids.repositoryId),
  );
  return match ? { id: match.id!, name: match.name ?? `#${match.id}`, url: pipelineWebUrl(host, match.id!) } : null;
}

/** The pull request's page on Azure Repos. */
export function azurePullUrl(host: AzureCiHost, id: number): string {
  return `${host.webUrl}/pullrequest/${id}`;
}

/** A pull request as the app shows it: active (or draft), completed = merged, abandoned = closed. */
export function azurePullOf(host: AzureCiHost, pull: GitPullRequest): RunnerSetupPull {
  const id = pull.pullRequestId ?? 0;
  const state = pull.status === PULL_COMPLETED ? 'merged' : pull.status === PULL_ABANDONED ? 'closed' : pull.isDraft ? 'draft' : 'open';
  return { number: id, url: azurePullUrl(host, id), state };
}

/** The set-up pull requests from fleet/setup-ci-runners into `base` (any state), newest first. */
export async function azureSetupPulls(host: AzureCiHost, ids: AzureRepositoryIds, base: string, status = PULL_ALL): Promise<GitPullRequest[]> {
  const { connection } = host;
  const pulls = await connection.call(host.context('find the set-up pull request'), async () =>
    (await connection.gitApi()).getPullRequests(ids.repositoryId, { sourceRefName: `refs/heads/${SETUP_BRANCH}`, targetRefName: `refs/heads/${base}`, status }, ids.projectId, undefined, 0, 100),
  );
  return [...(pulls ?? [])].sort((a, b) => (b.pullRequestId ?? 0) - (a.pullRequestId ?? 0));
}

/** The newest set-up pull request, an active one first. */
export async function azureSetupPull(host: AzureCiHost, ids: AzureRepositoryIds, base: string): Promise<RunnerSetupPull | null> {
  const pulls = await azureSetupPulls(host, ids, base);
  const pull = pulls.find((p) => p.status === PULL_ACTIVE) ?? pulls[0];
  return pull ? azurePullOf(host, pull) : null;
}
