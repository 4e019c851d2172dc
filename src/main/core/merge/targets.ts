// Where merges go: the base branch, or the integration branch forked from it (the default: base branches are
// usually protected, and merging into a branch of our own never touches theirs).

import { FleetError } from '../../../shared/errors';
import type { MergeTarget, MergeTargetKind } from '../../../shared/types-merge';
import { checkedOutBranches } from '../docs/commit-docs';
import type { Workspace } from '../workspace/workspace';

/** The integration branch's name; created from the base tip by the first merge into it. */
export const INTEGRATION_BRANCH = 'fleet/integration';
export const DEFAULT_TARGET_KIND: MergeTargetKind = 'integration';

/** A target with the commit merges start from: its tip, or the base tip while the integration branch is unborn. */
export interface ResolvedTarget {
  target: MergeTarget;
  startTip: string;
  baseBranch: string;
}

/** The base and integration targets as they are now, and which one merges go to by default. */
export async function listMergeTargets(workspace: Workspace): Promise<{ default: MergeTarget; targets: MergeTarget[] }> {
  const base = await resolveTarget(workspace, 'base');
  const integration = await resolveTarget(workspace, 'integration');
  const targets = [base.target, integration.target];
  return { default: targets.find((t) => t.kind === DEFAULT_TARGET_KIND)!, targets };
}

/** The branch of `kind` and its tip; BASE_BRANCH_MISSING when the base branch is gone. */
export async function resolveTarget(workspace: Workspace, kind: MergeTargetKind = DEFAULT_TARGET_KIND): Promise<ResolvedTarget> {
  const { repo, manifest } = workspace;
  const baseBranch = manifest.baseBranch;
  const baseTip = await repo.resolveRef(`refs/heads/${baseBranch}`);
  if (!baseTip) {
    throw new FleetError('BASE_BRANCH_MISSING', `The base branch "${baseBranch}" does not exist, so there is nothing to merge into.`, { baseBranch });
  }
  if (kind === 'base') return { target: { kind, branch: baseBranch, tip: baseTip }, startTip: baseTip, baseBranch };
  const tip = await repo.resolveRef(`refs/heads/${INTEGRATION_BRANCH}`);
  return { target: { kind, branch: INTEGRATION_BRANCH, tip }, startTip: tip ?? baseTip, baseBranch };
}

/** BRANCH_CHECKED_OUT when the target is checked out in the main or a linked working tree (a merge would leave it behind). */
export async function refuseCheckedOutTarget(workspace: Workspace, resolved: ResolvedTarget): Promise<void> {
  const branch = resolved.target.branch;
  if (!(await checkedOutBranches(workspace.repo)).has(branch)) return;
  const offer =
    resolved.target.kind === 'base'
      ? ` Merge into the integration branch ${INTEGRATION_BRANCH} instead, or switch that working tree to another branch.`
      : ' Switch that working tree to another branch first.';
  throw new FleetError(
    'BRANCH_CHECKED_OUT',
    `${branch} is checked out in a working tree; merging into it here would leave that working tree's files behind the branch.${offer}`,
    { branch, kind: resolved.target.kind, integrationBranch: INTEGRATION_BRANCH },
  );
}
