// Each module branch (and the workspace branch) against its remote-tracking branch from the last fetch: ahead,
// behind, or not on the remote. Reads only local refs: it works offline and costs no request.

import type { RemoteBranchState, RemoteStatus } from '../../../shared/types-remotes';
import type { Workspace } from '../workspace/workspace';

/** The state of every workspace branch on `remote`, as of its last fetch or push. */
export async function remoteStatus(workspace: Workspace, remote: string): Promise<RemoteStatus> {
  const { repo, manifest } = workspace;
  const local = await repo.listBranches();
  const rows: { branch: string; moduleId: string | null }[] = [
    { branch: manifest.workspaceBranch, moduleId: null },
    ...manifest.modules.map((m) => ({ branch: `${manifest.branchPrefix}${m.id}`, moduleId: m.id })),
  ];
  const branches: RemoteBranchState[] = [];
  for (const { branch, moduleId } of rows) {
    const localTip = local.get(branch) ?? null;
    const remoteTip = await repo.resolveRef(`refs/remotes/${remote}/${branch}`);
    let ahead: number | null = null;
    let behind: number | null = null;
    if (localTip && remoteTip) ({ ahead, behind } = await repo.aheadBehind(localTip, remoteTip));
    branches.push({ branch, moduleId, localTip, remoteTip, onRemote: remoteTip !== null, ahead, behind });
  }
  return { remote, branches };
}
