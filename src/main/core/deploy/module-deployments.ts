// Each module's deployed state from the deployment log: per environment, the latest successful deploy that sent out
// the module's changes, and whether that environment's latest successful deploy holds the module branch's tip now.

import type { DeploymentRecord, ModuleDeployState } from '../../../shared/types-deploy';
import type { Workspace } from '../workspace/workspace';

/** Per module of the catalog, its deployments (records newest first, any outcome: only successes count). */
export async function moduleDeployments(workspace: Workspace, records: DeploymentRecord[]): Promise<ModuleDeployState[]> {
  const { repo, manifest } = workspace;
  const succeeded = records.filter((r) => r.outcome === 'succeeded');
  const latestByEnv = new Map<string, DeploymentRecord>();
  for (const r of succeeded) if (!latestByEnv.has(r.environment)) latestByEnv.set(r.environment, r);
  const states: ModuleDeployState[] = [];
  for (const module of manifest.modules) {
    const tip = await repo.resolveRef(`refs/heads/${manifest.branchPrefix}${module.id}`);
    const deployments: ModuleDeployState['deployments'] = [];
    for (const [environment, latest] of latestByEnv) {
      const record = succeeded.find((r) => r.environment === environment && r.modules.includes(module.id));
      if (!record) continue;
      const current = tip !== null && (await repo.hasObject(latest.commit)) && (await repo.isAncestor(tip, latest.commit));
      deployments.push({ environment, deployId: record.id, deployedAt: record.finishedAt, commit: record.commit, current });
    }
    states.push({ moduleId: module.id, deployments });
  }
  return states;
}
