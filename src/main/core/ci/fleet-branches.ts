// The branches whose CI the board shows: every module branch, the workspace branch, the integration branch and the
// base, each with its tip in the local repository (null when it has none yet).

import type { CiBranchRole } from '../../../shared/types-ci';
import { integrationBranchOf } from '../merge/targets';
import type { Workspace } from '../workspace/workspace';

export interface FleetBranch {
  branch: string;
  role: CiBranchRole;
  moduleId: string | null;
  localTip: string | null;
}

/** The fleet's branches in board order (modules first, then workspace, integration, base), with local tips. */
export async function fleetBranches(workspace: Workspace): Promise<FleetBranch[]> {
  const { manifest, repo } = workspace;
  const listed: Array<Omit<FleetBranch, 'localTip'>> = [
    ...manifest.modules.map((m) => ({ branch: `${manifest.branchPrefix}${m.id}`, role: 'module' as const, moduleId: m.id })),
    { branch: manifest.workspaceBranch, role: 'workspace', moduleId: null },
    { branch: integrationBranchOf(manifest), role: 'integration', moduleId: null },
    { branch: manifest.baseBranch, role: 'base', moduleId: null },
  ];
  return Promise.all(listed.map(async (b) => ({ ...b, localTip: await repo.resolveRef(`refs/heads/${b.branch}`) })));
}
