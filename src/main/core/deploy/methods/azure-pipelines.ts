// The Azure Pipelines method: the organisation, project and repository behind the environment's remote (each named
// when missing), the branch on Azure Repos at the target commit, the pipeline by id or name; then a pipeline run on
// the branch with the template parameters, followed through its stages (the build's timeline) to its result.

import { FleetError } from '../../../../shared/errors';
import type { AzurePipelinesMethod } from '../../../../shared/deploy-config';
import { azureRepositoryIds } from '../../ci/azure-repository';
import { resolveCiHost, type AzureCiHost, type CiServices } from '../../ci/ci-host';
import { deployScopeError } from './azure-scope';
import { followAzureRun } from './azure-run';
import type { FollowTuning } from './follow';
import type { DeployMethodRunner, PrepareContext } from './method';

async function azureHostOf(services: CiServices, prep: PrepareContext, remote: string | undefined): Promise<AzureCiHost> {
  const host = await resolveCiHost(services, prep.workspace, { remote, signal: prep.signal });
  if (host.kind !== 'azure-devops') {
    throw new FleetError('UNSUPPORTED', `"${host.remote}" is on GitHub, but ${prep.env.name} deploys through Azure Pipelines: name an Azure DevOps remote in the environment.`, { remote: host.remote });
  }
  return host;
}

/** The pipeline's id, from its id (checked) or its name; PIPELINE_NOT_FOUND naming the ones there are. */
async function pipelineIdOf(host: AzureCiHost, pipeline: number | string): Promise<{ id: number; name: string }> {
  const { connection } = host;
  const api = await connection.call(host.context('read the pipelines'), () => connection.webApi.getPipelinesApi());
  const list = await connection.call(host.context('read the pipelines'), () => api.listPipelines(host.project));
  const found = list.find((p) => (typeof pipeline === 'number' ? p.id === pipeline : p.name?.toLowerCase() === pipeline.toLowerCase()));
  if (!found?.id) {
    const names = list.map((p) => `${p.name} (${p.id})`).join(', ') || 'none';
    const what = typeof pipeline === 'number' ? `pipeline ${pipeline}` : `pipeline "${pipeline}"`;
    throw new FleetError('PIPELINE_NOT_FOUND', `The project "${host.project}" has no ${what} that the token of "${host.remote}" can see. Its pipelines: ${names}.`, { remote: host.remote, pipeline });
  }
  return { id: found.id, name: found.name ?? String(found.id) };
}

/** The Azure Pipelines deploy method over the CI host layer. */
export function azurePipelinesMethod(services: CiServices, tuning: FollowTuning = {}): DeployMethodRunner {
  return {
    async prepare(prep) {
      const method = prep.env.method as AzurePipelinesMethod;
      const host = await azureHostOf(services, prep, method.remote);
      try {
        const ids = await azureRepositoryIds(host);
        const { connection } = host;
        const git = await connection.gitApi();
        const refs = await connection.call(host.context(`read the branch ${prep.branch}`), () => git.getRefs(ids.repositoryId, ids.projectId, `heads/${prep.branch}`));
        const ref = refs.find((r) => r.name === `refs/heads/${prep.branch}`);
        if (!ref?.objectId) throw new FleetError('REF_NOT_FOUND', `Azure Repos has no branch ${prep.branch} in ${host.repository}: push it to "${host.remote}" first.`, { remote: host.remote, ref: prep.branch });
        if (ref.objectId !== prep.commit) {
          throw new FleetError('BRANCH_NOT_PUSHED', `${prep.branch} on "${host.remote}" is at ${ref.objectId.slice(0, 7)}, not at ${prep.commit.slice(0, 7)} which this deploy is of: push ${prep.branch} first.`, {
            remote: host.remote,
            branch: prep.branch,
            remoteTip: ref.objectId,
            commit: prep.commit,
          });
        }
        const pipeline = await pipelineIdOf(host, method.pipeline);
        return {
          describe: `Azure Pipelines "${pipeline.name}" in ${host.organisation}/${host.project} at ${prep.branch}`,
          run: (context) => followAzureRun(host, context, { pipeline, projectId: ids.projectId, parameters: method.parameters ?? {}, tuning }),
        };
      } catch (error) {
        throw deployScopeError(error, host);
      }
    },
  };
}
