// The Fleet Control pipeline of an Azure DevOps repository, as the set-up finds it (findRunnerPipeline: the
// definition running .azure-pipelines/fleet-control.yml). Without it no run can be queued: WORKFLOW_NOT_FOUND saying
// how to create it.

import { FleetError } from '../../../../shared/errors';
import { azureRepositoryIds } from '../../ci/azure-repository';
import type { AzureCiHost } from '../../ci/ci-host';
import { findRunnerPipeline } from '../azure-setup-reads';
import { AZURE_PIPELINE_PATH } from '../workflows/runner-files';
import type { AzureRateMeter } from './azure-meter';

export interface FleetPipeline {
  id: number;
  name: string;
  projectId: string;
}

/** WORKFLOW_NOT_FOUND for `host`: the pipeline file and how to make a pipeline of it. */
export function pipelineMissing(host: AzureCiHost, branch: string, why = `no pipeline of ${host.repository} runs ${AZURE_PIPELINE_PATH}`): FleetError {
  return new FleetError(
    'WORKFLOW_NOT_FOUND',
    `Azure Pipelines has ${why}: commit the file on ${branch} and create the pipeline from it (Settings → Remotes → CI runners does both; by hand: Pipelines → New pipeline → Azure Repos Git → Existing Azure Pipelines YAML file), then add the provider keys as secret variables.`,
    { remote: host.remote, workflow: AZURE_PIPELINE_PATH, branch },
  );
}

/** The pipeline running AZURE_PIPELINE_PATH in the host's repository; WORKFLOW_NOT_FOUND when there is none. */
export async function fleetPipelineOf(host: AzureCiHost, branch: string, meter: AzureRateMeter): Promise<FleetPipeline> {
  const ids = await azureRepositoryIds(host);
  meter.watch(await host.connection.buildApi());
  const found = await findRunnerPipeline(host, ids);
  if (!found) throw pipelineMissing(host, branch);
  return { id: found.id, name: found.name, projectId: ids.projectId };
}
