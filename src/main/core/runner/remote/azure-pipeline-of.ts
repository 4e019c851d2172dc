// The Fleet Control pipeline of an Azure DevOps repository: the build definition whose YAML file is
// .azure-pipelines/fleet-control.yml (one Definitions - List request filtered by that file). Without it no run can be
// queued: WORKFLOW_NOT_FOUND saying how to create it.

import { FleetError } from '../../../../shared/errors';
import { azureRepositoryIds } from '../../ci/azure-repository';
import type { AzureCiHost } from '../../ci/ci-host';
import { AZURE_PIPELINE_PATH } from '../workflows/runner-files';
import type { AzureRateMeter } from './azure-meter';

export interface FleetPipeline {
  id: number;
  name: string;
  projectId: string;
}

const samePath = (a: string | undefined, b: string) => (a ?? '').replace(/^[/\\]+/, '').replace(/\\/g, '/').toLowerCase() === b.toLowerCase();

/** WORKFLOW_NOT_FOUND for `host`: the pipeline file and how to make a pipeline of it. */
export function pipelineMissing(host: AzureCiHost, branch: string, why = `no pipeline of ${host.repository} runs ${AZURE_PIPELINE_PATH}`): FleetError {
  return new FleetError(
    'WORKFLOW_NOT_FOUND',
    `Azure Pipelines has ${why}: commit the file on ${branch} (Settings → Remotes → CI runners writes it), then create the pipeline from it in Azure DevOps (Pipelines → New pipeline → Azure Repos Git → Existing Azure Pipelines YAML file) and add the provider keys as secret variables.`,
    { remote: host.remote, workflow: AZURE_PIPELINE_PATH, branch },
  );
}

/** The pipeline running AZURE_PIPELINE_PATH in the host's repository; WORKFLOW_NOT_FOUND when there is none. */
export async function fleetPipelineOf(host: AzureCiHost, branch: string, meter: AzureRateMeter): Promise<FleetPipeline> {
  const { connection } = host;
  const ids = await azureRepositoryIds(host);
  const definitions = await connection.call(host.context('find the Fleet Control pipeline'), async () => {
    const build = await connection.buildApi();
    meter.watch(build);
    // includeAllProperties: Azure filters by yamlFilename only then, and returns each definition's process (its YAML file).
    return build.getDefinitions(ids.projectId, undefined, ids.repositoryId, 'TfsGit', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, true, undefined, undefined, undefined, AZURE_PIPELINE_PATH);
  });
  const found = (definitions ?? []).find((d) => samePath((d as { process?: { yamlFilename?: string } }).process?.yamlFilename, AZURE_PIPELINE_PATH));
  if (!found?.id) throw pipelineMissing(host, branch);
  return { id: found.id, name: found.name ?? String(found.id), projectId: ids.projectId };
}
