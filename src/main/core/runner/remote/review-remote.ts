// The review branch a runner pushed, from the app's side: where it is on the remote now (one ref advertisement),
// fetched into refs/remotes/<remote>/fleet/review/..., checked against the commit its record names, and deleted on
// the remote by a push whose old value is that commit (so a force-pushed branch is never deleted unseen).

import { FleetError } from '../../../../shared/errors';
import { ZERO_OID } from '../../git/oid';
import { fetchRemote } from '../../remotes/fetch';
import { sendReceivePack } from '../../remotes/receive-pack';
import { discoverRefs } from '../../remotes/ref-advertisement';
import { requireRemoteConfig } from '../../remotes/remote-config';
import { resolveEndpoint, type RemoteServices } from '../../remotes/remote-endpoint';
import type { Workspace } from '../../workspace/workspace';

export interface ReviewBranchRef {
  remote: string;
  branch: string;
  /** The commit the run's record names. */
  commit: string;
}

async function endpoint(workspace: Workspace, services: RemoteServices, remote: string, purpose: 'fetch' | 'push') {
  return resolveEndpoint(services, workspace.path, await requireRemoteConfig(workspace.repo, remote), purpose);
}

/** The branch's tip on the remote now; null when the remote has no such branch. */
export async function remoteBranchTip(workspace: Workspace, services: RemoteServices, remote: string, branch: string, signal?: AbortSignal): Promise<string | null> {
  const e = await endpoint(workspace, services, remote, 'fetch');
  const advertised = await discoverRefs({ client: services.http, url: e.url, service: 'git-upload-pack', headers: e.headers, context: e.context, signal });
  return advertised.refs.get(`refs/heads/${branch}`) ?? null;
}

/** Refuses a review branch that is gone or holds another commit than the record's (see the file header). */
export function requireReviewTip(review: ReviewBranchRef, tip: string | null): void {
  if (!tip) {
    throw new FleetError('REVIEW_BRANCH_GONE', `The review branch ${review.branch} is no longer on "${review.remote}": it was deleted, so the run's change cannot be reviewed or accepted. Retry the run.`, { ...review });
  }
  if (tip !== review.commit) {
    throw new FleetError(
      'REVIEW_BRANCH_FORCE_PUSHED',
      `The review branch ${review.branch} on "${review.remote}" is at ${tip.slice(0, 7)}, not at ${review.commit.slice(0, 7)} which the run's record names: someone pushed to it. Nothing was accepted; retry the run.`,
      { ...review, remoteTip: tip },
    );
  }
}

/** Fetches in flight per workspace: two runs finishing at once must not race on the same remote-tracking refs. */
const fetching = new Map<string, Promise<unknown>>();

/** Fetches the remote (the review branch with it) and checks the review branch against the record; returns the commit. */
export function fetchReviewBranch(workspace: Workspace, services: RemoteServices, review: ReviewBranchRef, signal?: AbortSignal): Promise<string> {
  const next = (fetching.get(workspace.path) ?? Promise.resolve()).catch(() => undefined).then(() => fetchOnce(workspace, services, review, signal));
  fetching.set(workspace.path, next);
  void next.catch(() => undefined).finally(() => fetching.get(workspace.path) === next && fetching.delete(workspace.path));
  return next;
}

async function fetchOnce(workspace: Workspace, services: RemoteServices, review: ReviewBranchRef, signal?: AbortSignal): Promise<string> {
  const result = await fetchRemote(workspace, services, review.remote, { signal });
  if (result.error) throw new FleetError(result.error.code, result.error.message, result.error.data);
  workspace.repo.invalidateRefs();
  requireReviewTip(review, await workspace.repo.resolveRef(`refs/remotes/${review.remote}/${review.branch}`));
  if (!(await workspace.repo.hasObject(review.commit))) throw new FleetError('REVIEW_BRANCH_GONE', `The review commit ${review.commit.slice(0, 7)} did not arrive with the fetch of "${review.remote}".`, { ...review });
  return review.commit;
}

/** Deletes the review branch on the remote if it still holds the record's commit (refused otherwise, as git does). */
export async function deleteReviewBranch(workspace: Workspace, services: RemoteServices, review: ReviewBranchRef, signal?: AbortSignal): Promise<void> {
  const e = await endpoint(workspace, services, review.remote, 'push');
  const advertised = await discoverRefs({ client: services.http, url: e.url, service: 'git-receive-pack', headers: e.headers, context: e.context, signal });
  const ref = `refs/heads/${review.branch}`;
  requireReviewTip(review, advertised.refs.get(ref) ?? null);
  if (!advertised.capabilities.has('delete-refs')) throw new FleetError('UNSUPPORTED', `"${review.remote}" does not let a push delete a branch: delete ${review.branch} there yourself.`, { ...review });
  // A push of deletions only carries no pack.
  const report = await sendReceivePack({ client: services.http, url: advertised.url, headers: e.headers, context: e.context, commands: [{ ref, oldOid: review.commit, newOid: ZERO_OID }], capabilities: advertised.capabilities, agent: services.agent, pack: (async function* () {})(), signal });
  const refused = report.refs.get(ref);
  if (refused) throw new FleetError('REMOTE_REJECTED', `"${review.remote}" refused to delete ${review.branch}: ${refused}.`, { ...review, reason: refused });
  // The tracking ref goes with it, as git's push does.
  const tracking = `refs/remotes/${review.remote}/${review.branch}`;
  const current = await workspace.repo.resolveRef(tracking);
  if (current) await workspace.repo.updateRefs([{ ref: tracking, newOid: null, expectedOld: current }], 'update by push', { durable: false }).catch(() => undefined);
}
