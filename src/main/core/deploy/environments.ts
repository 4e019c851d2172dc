// The manifest's deploy environments: find one by name, the branch it deploys from, how it is described, and
// saving the list (a manifest commit by compare-and-swap, as every manifest edit).

import { confirmationOf, type EnvironmentDef } from '../../../shared/deploy-config';
import { FleetError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/manifest';
import type { RepoCommand } from '../../../shared/types-trust';
import { integrationBranchOf } from '../merge/targets';
import { updateManifest } from '../workspace/manifest-update';
import type { Workspace } from '../workspace/workspace';

/** The environment named `name`, or ENVIRONMENT_NOT_FOUND listing the ones there are. */
export function findEnvironment(manifest: Manifest, name: string): EnvironmentDef {
  const env = (manifest.environments ?? []).find((e) => e.name === name);
  if (env) return env;
  const names = (manifest.environments ?? []).map((e) => e.name);
  const there = names.length > 0 ? `It has ${names.join(', ')}.` : 'It has none yet: add environments in the Deploy screen (or the manifest).';
  throw new FleetError('ENVIRONMENT_NOT_FOUND', `The manifest has no environment "${name}". ${there}`, { environment: name, environments: names });
}

/** The branch an environment deploys from. */
export function sourceBranchOf(manifest: Manifest, env: EnvironmentDef): string {
  return env.from === 'base' ? manifest.baseBranch : integrationBranchOf(manifest);
}

/** "GitHub Actions deploy.yml", "Azure Pipelines pipeline 12", "the command \"npm run deploy\"" plus the remote. */
export function describeMethod(env: EnvironmentDef): string {
  const method = env.method;
  if (method.type === 'github-actions') return `GitHub Actions workflow ${method.workflow}${method.remote ? ` on ${method.remote}` : ''}`;
  if (method.type === 'azure-pipelines') {
    const which = typeof method.pipeline === 'number' ? `pipeline ${method.pipeline}` : `pipeline "${method.pipeline}"`;
    return `Azure Pipelines ${which}${method.remote ? ` on ${method.remote}` : ''}`;
  }
  return `the command "${method.command}" in a temporary checkout`;
}

/** The deploy command an environment asks this machine to run (for the consent gate), or null. */
export function deployCommandOf(env: EnvironmentDef): RepoCommand | null {
  return env.method.type === 'command' ? { kind: 'deploy', scope: env.name, command: env.method.command } : null;
}

export { confirmationOf };

/** Commits the environments (an empty list removes them); returns the commands the user typed, trusted as set here. */
export async function saveEnvironments(workspace: Workspace, environments: EnvironmentDef[], expectedTip?: string): Promise<RepoCommand[]> {
  const before = new Map((workspace.manifest.environments ?? []).map((e) => [e.name, deployCommandOf(e)?.command]));
  await updateManifest(workspace, {
    expectedTip,
    message: environments.length > 0 ? `Deploy environments: ${environments.map((e) => e.name).join(', ')}` : 'Deploy environments: none',
    change: (manifest) => {
      if (environments.length > 0) manifest.environments = environments;
      else delete manifest.environments;
      return manifest;
    },
  });
  // A command typed in the app counts as confirmed by typing it, as check commands do.
  return environments.map(deployCommandOf).filter((c): c is RepoCommand => c !== null && before.get(c.scope) !== c.command);
}
