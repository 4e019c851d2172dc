// Where merges go: the base branch, or the integration branch forked from it (the default: base branches are
// usually protected, and merging into a branch of our own never touches theirs).

import { FleetError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/manifest';
import type { MergeTarget, MergeTargetKind } from '../../../shared/types-merge';
import { checkedOutBranches, checkedOutError } from '../git/worktrees';
import type { Workspace } from '../workspace/workspace';

/** The integration branch's default name; created from the base tip by the first merge into it. */
export const INTEGRATION_BRANCH = 'fleet/integration';

/** The workspace's integration branch: the manifest's `integrationBranch`, else fleet/integration. */
export function integrationBranchOf(manifest: Manifest): string {
  return manifest.integrationBranch ?? INTEGRATION_BRANCH;
}

/** Where merges go unless the user picks: the manifest's `mergeTarget`, else the integration branch. */
export function defaultTargetKind(manifest: Manifest): MergeTargetKind {
  return manifest.mergeTarget ?? 'integration';
}

/** A target with the commit merges start from: its tip, or the base tip while the integration branch is unborn. */
export interface ResolvedTarget {
  target: MergeTarget;
  startTip: string;
  baseBranch: string;
}

/** The base and integration targets as they are now (with the working tree holding each), and the default one. */
export async function listMergeTargets(workspace: Workspace): Promise<{ default: MergeTarget; targets: MergeTarget[] }> {
  const base = await resolveTarget(workspace, 'base');
  const integration = await resolveTarget(workspace, 'integration');
  // Said before the user picks a target, not only once a merge into it is refused.
  const held = checkedOutBranches(workspace.repo.commondir);
  const heldBy = (branch: string) => {
    const hold = held.get(branch);
    return hold ? { worktree: hold.worktree, state: hold.kind } : null;
  };
  const targets = [base.target, integration.target].map((target) => ({ ...target, heldBy: heldBy(target.branch) }));
  const kind = defaultTargetKind(workspace.manifest);
  return { default: targets.find((t) => t.kind === kind)!, targets };
}

/** The branch of `kind` and its tip; BASE_BRANCH_MISSING when the base branch is gone. */
export async function resolveTarget(workspace: Workspace, kind: MergeTargetKind = defaultTargetKind(workspace.manifest)): Promise<ResolvedTarget> {
  const { repo, manifest } = workspace;
  const baseBranch = manifest.baseBranch;
  const baseTip = await repo.resolveRef(`refs/heads/${baseBranch}`);
  if (!baseTip) {
    throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${baseBranch}" does not exist, so there is nothing to merge into.`, { baseBranch });
  }
  if (kind === 'base') return { target: { kind, branch: baseBranch, tip: baseTip }, startTip: baseTip, baseBranch };
  const branch = integrationBranchOf(manifest);
  const tip = await repo.resolveRef(`refs/heads/${branch}`);
  return { target: { kind, branch, tip }, startTip: tip ?? baseTip, baseBranch };
}

/** BRANCH_CHECKED_OUT when any working tree holds the target (checked out, being rebased or bisected). */
export async function refuseCheckedOutTarget(workspace: Workspace, resolved: ResolvedTarget): Promise<void> {
  const hold = checkedOutBranches(workspace.repo.commondir).get(resolved.target.branch);
  if (!hold) return;
  const integrationBranch = integrationBranchOf(workspace.manifest);
  const advice =
    resolved.target.kind === 'base'
      ? `Merge into the integration branch ${integrationBranch} instead, or free that working tree's branch first.`
      : hold.kind === 'checked-out'
        ? 'Switch that working tree to another branch first.'
        : undefined;
  throw checkedOutError(hold, 'merging into it here', advice, { kind: resolved.target.kind, integrationBranch });
}
