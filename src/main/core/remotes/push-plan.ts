// What pushing each branch to a remote would do, decided locally before anything is sent: create, fast-forward,
// nothing (up to date), or refuse as not a fast-forward. A remote tip this repository does not have cannot be
// an ancestor of the local tip, so it is refused too ("fetch first"): a push here never overwrites others' work.

import type { BranchPushPlan, PushAction } from '../../../shared/types-remotes';
import type { GitRepository } from '../git/repository';
import type { Workspace } from '../workspace/workspace';
import { FleetError } from '../../../shared/errors';
import { integrationBranchOf } from '../merge/targets';

export interface LocalBranch {
  branch: string;
  tip: string;
}

/** The branches a push covers: the given ones, else the workspace branch, every module branch and the integration branch (its merges) that exist. */
export async function branchesToPush(workspace: Workspace, requested?: string[]): Promise<LocalBranch[]> {
  const local = await workspace.repo.listBranches();
  const { manifest } = workspace;
  if (requested) {
    return requested.map((branch) => {
      const tip = local.get(branch);
      if (!tip) throw new FleetError('INVALID_INPUT', `There is no local branch "${branch}" to push.`, { branch });
      return { branch, tip };
    });
  }
  const names = [manifest.workspaceBranch, ...manifest.modules.map((m) => `${manifest.branchPrefix}${m.id}`), integrationBranchOf(manifest)];
  return names.flatMap((branch) => {
    const tip = local.get(branch);
    return tip ? [{ branch, tip }] : [];
  });
}

async function hasCommit(repo: GitRepository, oid: string): Promise<boolean> {
  if (!(await repo.hasObject(oid))) return false;
  return (await repo.readObject(oid)).type === 'commit';
}

/** The action for one branch, given the remote's tip for it (null when the remote lacks the branch). */
export async function planAction(repo: GitRepository, localTip: string, remoteTip: string | null): Promise<PushAction> {
  if (remoteTip === null) return 'create';
  if (remoteTip === localTip) return 'up-to-date';
  if (!(await hasCommit(repo, remoteTip))) return 'non-fast-forward';
  if (await repo.isAncestor(remoteTip, localTip)) return 'fast-forward';
  if (await repo.isAncestor(localTip, remoteTip)) return 'behind';
  // The two diverged: pushing would drop the remote's commits.
  return 'non-fast-forward';
}

/** Plans every branch against a remote's refs (advertised, or the remote-tracking refs when offline); `base` names the base branch new branches are counted against. */
export async function planPush(
  repo: GitRepository,
  branches: LocalBranch[],
  remoteTipOf: (branch: string) => string | null,
  countCommits?: (tip: string) => Promise<number | null>,
  base?: LocalBranch | null,
): Promise<BranchPushPlan[]> {
  const plans: BranchPushPlan[] = [];
  for (const { branch, tip } of branches) {
    const remoteTip = remoteTipOf(branch);
    const action = await planAction(repo, tip, remoteTip);
    let commitsToSend: number | null = action === 'up-to-date' || action === 'behind' ? 0 : null;
    let newBranch: BranchPushPlan['newBranch'] = null;
    if (action === 'fast-forward') commitsToSend = (await repo.aheadBehind(tip, remoteTip!)).ahead;
    else if (action === 'create' && countCommits) commitsToSend = await countCommits(tip);
    // A new branch is told by what it adds to the base, not by the whole history the remote may lack once for all.
    if (action === 'create' && base && base.branch !== branch) newBranch = { base: base.branch, ahead: (await repo.aheadBehind(tip, base.tip)).ahead };
    plans.push({ branch, localTip: tip, remoteTip, action, commitsToSend, newBranch });
  }
  return plans;
}

/** The sentence shown for a branch refused before sending. */
export async function nonFastForwardMessage(repo: GitRepository, branch: string, remote: string, remoteTip: string): Promise<string> {
  const short = remoteTip.slice(0, 7);
  if (!(await hasCommit(repo, remoteTip))) {
    return `"${remote}" has commits on ${branch} (now at ${short}) that this repository has not fetched. Fetch, combine them with yours, then push again.`;
  }
  return `${branch} on "${remote}" (at ${short}) has commits this branch lacks, so pushing would drop them. Fetch, combine them with yours, then push again.`;
}
