// The refusals of a runner job before it spends anything: the checkout must hold the module branch at the tip the
// job was dispatched for, the provider's key variable must be set for this step, and the budget must cover one run.

import { FleetError } from '../../../shared/errors';
import type { ProviderInfo } from '../../../shared/types-agents';
import type { ImplementEstimate } from '../../../shared/types-implement';
import type { Workspace } from '../workspace/workspace';

/** The module branch's name; MODULE_BRANCH_MISSING or BRANCH_MOVED unless the branch and HEAD are at `tip`. */
export async function requireCheckoutAt(workspace: Workspace, moduleId: string, tip: string): Promise<string> {
  const branch = `${workspace.manifest.branchPrefix}${moduleId}`;
  if (!workspace.initialised) {
    throw new FleetError('NOT_INITIALISED', `This checkout has no workspace branch ${workspace.manifest.workspaceBranch} with a manifest: the workflow fetches it before Fleet Control runs. Nothing was run.`, { branch: workspace.manifest.workspaceBranch });
  }
  if (!workspace.manifest.modules.some((m) => m.id === moduleId)) {
    throw new FleetError('MODULE_NOT_FOUND', `There is no module "${moduleId}" in the manifest on ${workspace.manifest.workspaceBranch}. Nothing was run.`, { moduleId });
  }
  const at = await workspace.repo.resolveRef(`refs/heads/${branch}`);
  if (!at) throw new FleetError('MODULE_BRANCH_MISSING', `The job's checkout has no branch ${branch} (the workflow checks it out). Nothing was run.`, { moduleId, branch });
  if (at !== tip) {
    throw new FleetError('BRANCH_MOVED', `${branch} is at ${at.slice(0, 10)}, not at ${tip.slice(0, 10)} the run was dispatched for: the branch moved since. Nothing was run; dispatch the run again from the new tip.`, { moduleId, branch, tip, actual: at });
  }
  const head = await workspace.repo.readHead();
  if (head.oid !== tip) {
    throw new FleetError('BRANCH_MOVED', `The checkout's HEAD is at ${head.oid?.slice(0, 10) ?? 'nothing'}, not at ${tip.slice(0, 10)} on ${branch}. Nothing was run.`, { moduleId, branch, tip, actual: head.oid });
  }
  return branch;
}

/** Azure Pipelines leaves `$(NAME)` as it is when no variable NAME exists: that is no key. */
const UNDEFINED_MACRO = /^\$\([A-Za-z0-9_.]+\)$/;

/** KEY_MISSING naming the variable when the provider needs a key and neither a stored key nor its variable has one. */
export function requireProviderKey(provider: ProviderInfo, env: NodeJS.ProcessEnv): void {
  if (!provider.needsKey) return;
  const variable = provider.keyEnv;
  const macro = provider.keySource === 'environment' && variable !== null && UNDEFINED_MACRO.test(env[variable]?.trim() ?? '');
  if (provider.keySource !== 'none' && !macro) return;
  throw new FleetError(
    'KEY_MISSING',
    variable
      ? `${provider.title} needs an API key, and ${variable} is not set (or empty) in this step's environment: add it as a repository secret (GitHub Actions) or a secret variable of the pipeline (Azure Pipelines), which only the Fleet Control step gets. Nothing was run.`
      : `${provider.title} needs an API key and names no environment variable for it. Nothing was run.`,
    { provider: provider.id, variable },
  );
}

/** BUDGET_EXCEEDED when the budget is below the lowest estimate of the module's one run (or the run cannot start). */
export function requireBudgetForOneRun(estimate: ImplementEstimate, moduleId: string, budgetUsd: number): void {
  const run = estimate.runs.find((r) => r.moduleId === moduleId);
  if (!run) throw new FleetError('MODULE_NOT_FOUND', `The estimate has no run for ${moduleId}.`, { moduleId });
  if (run.blocked) throw new FleetError('INVALID_INPUT', `${moduleId} cannot run: ${run.blocked}`, { moduleId });
  if (run.lowUsd !== null && budgetUsd < run.lowUsd) {
    throw new FleetError(
      'BUDGET_EXCEEDED',
      `The budget of $${budgetUsd.toFixed(4)} is too small for one run of ${moduleId}: the lowest estimate is $${run.lowUsd.toFixed(4)} (${estimate.summary}). Nothing was run.`,
      { scope: 'run', moduleId, budgetUsd, lowUsd: run.lowUsd },
    );
  }
}
