// Is a remote set up for CI runners? The workflow, the Azure pipeline and the bundled CLI read on the base branch
// (GitHub: its contents API, Azure Repos: its items API, so a merge on the website shows at once; elsewhere: the
// remote-tracking branch of the last fetch), compared by blob id with what this app writes, plus the newest set-up pull
// request, the secrets to add and, on Azure Repos, the pipeline that runs the pipeline file.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { RunnerFileStatus, RunnerSetupPhase, RunnerSetupPull, RunnerSetupState } from '../../../shared/types-runner-setup';
import { expectJson, repoPath, type GitHubPull } from '../pulls/github-client';
import { gitHubError, type GitHubErrorBody } from '../pulls/github-errors';
import { gitHubRemote, hostOfRemote, preferredPull, recordOf, type GitHubRemote, type PullServices } from '../pulls/github-remote';
import type { PullHost } from '../pulls/pull-host';
import type { Workspace } from '../workspace/workspace';
import { blobIdOf, type AppBundle } from './app-bundle';
import { azureSetupFacts, RUNNER_FILE_PATHS as PATHS, type RunnerBlobs as Blobs } from './azure-setup-state';
import { runnerSetupFiles, SETUP_BRANCH } from './setup-branch';
import { AZURE_PIPELINE_PATH, GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH, defaultRunnerKeys } from './workflows/runner-files';

/** The blob ids of the three files on `branch` through GET /repos/{o}/{r}/contents/{path}?ref= (null: not there). */
async function blobsOnGitHub(gh: GitHubRemote, branch: string): Promise<Blobs> {
  const context = gh.context(`read the CI runner files on ${branch}`);
  const read = async (path: string): Promise<string | null> => {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const answer = await gh.client.send('GET', `${repoPath(gh.host.owner, gh.host.name)}/contents/${encoded}?ref=${encodeURIComponent(branch)}`);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw gitHubError(answer.status, answer.headers, (answer.body ?? {}) as GitHubErrorBody, context);
    const body = expectJson<{ type?: string; sha?: string }>(answer, context);
    return body.type === 'file' && typeof body.sha === 'string' ? body.sha : null;
  };
  const [workflow, pipeline, bundle] = await Promise.all(PATHS.map(read));
  return { [GITHUB_WORKFLOW_PATH]: workflow!, [AZURE_PIPELINE_PATH]: pipeline!, [RUNNER_BUNDLE_PATH]: bundle! } as Blobs;
}

/** The same from refs/remotes/<remote>/<branch>; null when that was never fetched. */
async function blobsFetched(workspace: Workspace, remote: string, branch: string): Promise<Blobs | null> {
  const tip = await workspace.repo.resolveRef(`refs/remotes/${remote}/${branch}`);
  if (!tip) return null;
  const tree = (await workspace.repo.readCommit(tip)).tree;
  const blobs = {} as Blobs;
  for (const path of PATHS) blobs[path] = (await workspace.repo.entryAtPath(tree, path))?.oid ?? null;
  return blobs;
}

/** The newest pull request from fleet/setup-ci-runners (an open one first). */
async function setupPull(gh: GitHubRemote): Promise<RunnerSetupPull | null> {
  const query = new URLSearchParams({ head: `${gh.host.owner}:${SETUP_BRANCH}`, state: 'all', per_page: '100' });
  const pulls = await gh.client.call<GitHubPull[]>('GET', `${repoPath(gh.host.owner, gh.host.name)}/pulls?${query}`, gh.context('find the set-up pull request'));
  const pull = Array.isArray(pulls) ? preferredPull(pulls) : null;
  if (!pull) return null;
  const record = recordOf(pull, SETUP_BRANCH, gh, new Date());
  return { number: record.number, url: record.url, state: record.state };
}

function statusOf(actual: string | null, expected: string | null): RunnerFileStatus {
  if (actual === null) return 'missing';
  return actual === expected ? 'current' : 'different';
}

function secretsPage(host: PullHost): string | null {
  if (host.kind === 'github' && host.owner) return `${host.webUrl}/settings/secrets/actions`;
  if (host.kind === 'azure-devops' && host.webUrl.includes('/_git/')) return host.webUrl.replace(/\/_git\/.*$/, '/_build');
  return null;
}

/** The set-up state of one remote; a failure to read it is the state's `error`, never thrown. */
export async function runnerSetupState(services: PullServices, workspace: Workspace, remote: string, appBundle: AppBundle | null): Promise<RunnerSetupState> {
  const base = workspace.manifest.baseBranch;
  const expected = runnerSetupFiles(workspace.manifest, appBundle?.bytes ?? Buffer.alloc(0));
  const want = (path: string) => (path === RUNNER_BUNDLE_PATH ? (appBundle?.blobId ?? null) : blobIdOf(expected[path]!));
  const state: RunnerSetupState = {
    remote,
    host: 'generic',
    repository: null,
    baseBranch: base,
    source: null,
    workflow: 'missing',
    pipeline: 'missing',
    bundle: 'missing',
    appBundle: appBundle !== null,
    pull: null,
    ready: false,
    phase: 'unknown',
    canPropose: false,
    secretNames: [...new Set(defaultRunnerKeys().map((key) => key.secret))],
    secretsUrl: null,
    error: null,
    checkedAt: new Date().toISOString(),
  };
  try {
    const { host } = await hostOfRemote(services, workspace, remote);
    Object.assign(state, { host: host.kind, repository: host.repository || null, secretsUrl: secretsPage(host), canPropose: host.kind === 'github' || host.kind === 'azure-devops' });
    let blobs: Blobs | null;
    if (host.kind === 'github') {
      const gh = await gitHubRemote(services, workspace, remote);
      [blobs, state.pull] = await Promise.all([blobsOnGitHub(gh, base), setupPull(gh)]);
      state.source = 'github-api';
    } else if (host.kind === 'azure-devops') {
      state.pipelineDefinition = null;
      const facts = await azureSetupFacts(services, workspace, remote);
      ({ blobs, pull: state.pull, definition: state.pipelineDefinition } = facts);
      // The secret variables belong to the pipeline: its page once it exists, the project's pipelines before.
      state.secretsUrl = facts.definition?.url ?? facts.pipelinesUrl;
      state.source = 'azure-api';
    } else {
      blobs = await blobsFetched(workspace, remote, base);
      state.source = blobs ? 'fetched' : null;
    }
    if (blobs) {
      state.workflow = statusOf(blobs[GITHUB_WORKFLOW_PATH], want(GITHUB_WORKFLOW_PATH));
      state.pipeline = statusOf(blobs[AZURE_PIPELINE_PATH], want(AZURE_PIPELINE_PATH));
      state.bundle = statusOf(blobs[RUNNER_BUNDLE_PATH], want(RUNNER_BUNDLE_PATH));
    }
    // Azure Pipelines runs the pipeline file through a pipeline; GitHub Actions finds the workflow by itself.
    state.ready = host.kind === 'azure-devops' ? state.pipeline !== 'missing' && state.bundle !== 'missing' && !!state.pipelineDefinition : state.workflow !== 'missing' && state.bundle !== 'missing';
    state.phase = phaseOf(state, blobs !== null);
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    state.error = toErrorPayload(error);
  }
  return state;
}

function phaseOf(state: RunnerSetupState, read: boolean): RunnerSetupPhase {
  const file = state.host === 'azure-devops' ? state.pipeline : state.workflow;
  if (state.ready) return file === 'current' && state.bundle === 'current' ? 'ready' : 'outdated';
  if (state.pull?.state === 'open' || state.pull?.state === 'draft') return 'proposed';
  if (state.host === 'azure-devops' && file !== 'missing' && state.bundle !== 'missing') return 'needs-pipeline';
  return read ? 'not-set-up' : 'unknown';
}
