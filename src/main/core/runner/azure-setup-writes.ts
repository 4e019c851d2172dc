// The two things the Azure set-up writes through Azure DevOps' API: the set-up pull request (Pull Requests - Create,
// or the active one found) and the pipeline for the pipeline file (Pipelines - Create, YAML on the repository). A
// refusal names the PAT scope that is missing, keeping Azure's own TF code and sentence (never the token).

import type { GitPullRequest } from 'azure-devops-node-api/interfaces/GitInterfaces';
import { FleetError } from '../../../shared/errors';
import type { RunnerPipelineDefinition, RunnerSetupPull } from '../../../shared/types-runner-setup';
import { redact } from '../secrets/redactor';
import type { AzureRemote } from './azure-setup-state';
import { azurePullOf, azureSetupPulls, pipelineWebUrl, PULL_ACTIVE } from './azure-setup-reads';
import { SETUP_BRANCH } from './setup-branch';
import { AZURE_PIPELINE_PATH } from './workflows/runner-files';

type Needs = 'code' | 'build';

const SCOPE: Record<Needs, { scope: string; id: string; permission: string }> = {
  code: { scope: 'Code (Read & write)', id: 'vso.code_write', permission: '"Contribute to pull requests" on the repository' },
  build: { scope: 'Build (Read & execute)', id: 'vso.build_execute', permission: '"Edit build pipeline" (and "Create build pipeline") on the project\'s pipelines' },
};

interface RestError {
  statusCode?: number;
  result?: { message?: string; typeKey?: string };
}

/**
 * Azure's refusal of a write as an error naming what to give the token: 401 after reads with the same PAT worked
 * means a missing scope, 403 a missing permission of the account. Anything else: null (the generic mapping applies).
 */
function writeRefusal(error: unknown, azure: AzureRemote, action: string, needs: Needs): FleetError | null {
  const e = (error ?? {}) as RestError;
  if (e.statusCode !== 401 && e.statusCode !== 403) return null;
  const said = redact(e.result?.message ?? '').slice(0, 300);
  const tfCode = /\bTF\d+\b/.exec(said)?.[0] ?? null;
  const data = { remote: azure.host.remote, repository: azure.host.repository, status: e.statusCode, typeKey: e.result?.typeKey ?? null, tfCode, needs: SCOPE[needs].id };
  const quote = said ? ` Azure DevOps said: "${said}".` : '';
  const what = e.statusCode === 401 ? `its personal access token needs the scope "${SCOPE[needs].scope}"` : `your account needs the permission ${SCOPE[needs].permission}`;
  return new FleetError('PERMISSION_DENIED', `The token of "${azure.host.remote}" may not ${action} on ${azure.host.repository}: ${what}.${quote} Nothing else was changed.`, data);
}

async function write<T>(azure: AzureRemote, action: string, needs: Needs, request: () => Promise<T>): Promise<T> {
  return azure.host.connection.call(azure.host.context(action), async () => {
    try {
      return await request();
    } catch (error) {
      throw writeRefusal(error, azure, action, needs) ?? error;
    }
  });
}

const DESCRIPTION = `Adds what lets Fleet Control run implementation runs and checks on this repository's Azure Pipelines agents:

- \`.azure-pipelines/fleet-control.yml\`: one run of one module per queued run (on the default branch, never on a push or pull request). It checks out the module branch itself, maps the provider key (a secret variable such as \`XAI_API_KEY\`) into the Fleet Control step only, pushes its change to \`fleet/review/<module>/<run>\` (never the module branch) and publishes the run record as an artifact.
- \`.github/workflows/fleet-control.yml\`: the same for GitHub Actions.
- \`.fleet/runner/fleet-control.cjs\`: the Fleet Control command line bundled into one file (Node 20+).

Runs are reviewed and accepted in the app. Complete this pull request; the app then creates the pipeline for the file and shows when it is set up.

_Opened with Fleet Control._`;

/** The active set-up pull request into `base`, or a new one; `created` says which. */
export async function openAzureSetupPull(azure: AzureRemote, base: string): Promise<{ pull: RunnerSetupPull; created: boolean }> {
  const active = (await azureSetupPulls(azure.host, azure.ids, base, PULL_ACTIVE))[0];
  if (active) return { pull: azurePullOf(azure.host, active), created: false };
  const request: GitPullRequest = { sourceRefName: `refs/heads/${SETUP_BRANCH}`, targetRefName: `refs/heads/${base}`, title: 'Set up Fleet Control on CI runners', description: DESCRIPTION };
  try {
    const created = await write(azure, 'open the set-up pull request', 'code', async () => (await azure.host.connection.gitApi()).createPullRequest(request, azure.ids.repositoryId, azure.ids.projectId));
    return { pull: azurePullOf(azure.host, created), created: true };
  } catch (error) {
    // TF401179: another one became active since the list (opened twice at once): that one is the set-up's.
    const again = error instanceof FleetError && error.data?.status === 409 ? (await azureSetupPulls(azure.host, azure.ids, base, PULL_ACTIVE))[0] : undefined;
    if (again) return { pull: azurePullOf(azure.host, again), created: false };
    throw error;
  }
}

/**
 * Creates the pipeline that runs the pipeline file from this repository. Call it only once the file is on the base
 * (the default branch): Azure loads the YAML from there to validate it, and a pipeline without its file fails.
 */
export async function createRunnerPipeline(azure: AzureRemote): Promise<RunnerPipelineDefinition> {
  const name = `Fleet Control (${azure.host.repositoryName})`;
  // The client's CreatePipelineParameters lacks `path` and `repository`, which Azure requires for a YAML pipeline.
  const parameters = { name, folder: '\\', configuration: { type: 'yaml', path: `/${AZURE_PIPELINE_PATH}`, repository: { id: azure.ids.repositoryId, name: azure.host.repositoryName, type: 'azureReposGit' } } };
  const created = await write(azure, 'create the Fleet Control pipeline in Azure Pipelines', 'build', async () =>
    (await azure.host.connection.webApi.getPipelinesApi()).createPipeline(parameters as never, azure.ids.projectId),
  );
  const id = created?.id ?? 0;
  return { id, name: created?.name ?? name, url: pipelineWebUrl(azure.host, id) };
}
