// The integration branch's pull request into the base: after merges went to fleet/integration, one click asks GitHub
// to merge it into the base (the base is usually protected, so this is how the merges reach it). Not recorded per
// module: asking again finds the open one.

import { FleetError } from '../../../shared/errors';
import type { OpenPullRequestResult } from '../../../shared/types-pulls';
import { integrationBranchOf } from '../merge/targets';
import type { Workspace } from '../workspace/workspace';
import type { PullServices } from './github-remote';
import { openOrFindPull } from './open-pull';

/** The body: which module branches the integration branch holds merges of (by their merge commits' subjects). */
async function integrationBody(workspace: Workspace, branch: string, base: string, tip: string, baseTip: string | null): Promise<string> {
  const ahead = baseTip ? (await workspace.repo.aheadBehind(tip, baseTip)).ahead : null;
  const count = ahead === null ? '' : ` (${ahead} commit${ahead === 1 ? '' : 's'} ahead of \`${base}\`)`;
  return `Merges \`${branch}\`${count} into \`${base}\`: the module branches merged there with Fleet Control, after their forecast and checks.\n\n---\n_Opened with Fleet Control from \`${branch}\`._\n`;
}

/** Opens the pull request of the integration branch into `target` (default: the base branch), or finds the open one. */
export async function openIntegrationPullRequest(services: PullServices, workspace: Workspace, input: { remote: string; target?: string }): Promise<OpenPullRequestResult> {
  const { manifest, repo } = workspace;
  const branch = integrationBranchOf(manifest);
  const base = input.target ?? manifest.baseBranch;
  if (base === branch) throw new FleetError('INVALID_INPUT', `A pull request cannot merge ${branch} into itself.`, { target: base });
  const tip = await repo.resolveRef(`refs/heads/${branch}`);
  if (!tip) {
    throw new FleetError('BRANCH_NOT_PUSHED', `There is no ${branch} yet: merge module branches into it first (Merge screen), push it, then open its pull request.`, {
      branch,
      remote: input.remote,
      missingLocally: true,
    });
  }
  const body = await integrationBody(workspace, branch, base, tip, await repo.resolveRef(`refs/heads/${base}`));
  return openOrFindPull(services, workspace, { remote: input.remote, head: branch, base, title: `Merge ${branch} into ${base}`, body, recordId: branch });
}
