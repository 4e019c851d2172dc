// The contract's remote batch methods over the remote batch service (built on first use by app.ts): dispatch and
// follow through the service; review, accept and discard of a returned change here, over the review branch.

import type { FleetHandlers } from '../../../../shared/contract';
import { FleetError } from '../../../../shared/errors';
import type { REMOTE_BATCH_METHOD_NAMES } from '../../../../shared/names-remote';
import { reviewChanges, readReviewFile, moveModuleBranch, reviewOf } from './remote-review';
import type { RemoteService, RemoteServiceOptions } from './remote-service';
import { deleteReviewBranch, fetchReviewBranch, remoteBranchTip, requireReviewTip } from './review-remote';

export type RemoteBatchHandlers = Pick<FleetHandlers, (typeof REMOTE_BATCH_METHOD_NAMES)[number]>;

/** The handlers over `service` (whose options also carry the workspace and the remote services). */
export function createRemoteBatchHandlers(service: RemoteService, options: Pick<RemoteServiceOptions, 'current' | 'remotes' | 'log'>): RemoteBatchHandlers {
  const reviewed = async (runId: string) => {
    const batches = await service.forCurrent();
    const { run } = batches.find(runId);
    const review = reviewOf(run);
    const workspace = options.current();
    // The commit arrived when the run finished; a repository pruned since is fetched again.
    if (!(await workspace.repo.hasObject(review.commit))) await fetchReviewBranch(workspace, options.remotes, { remote: run.remote, ...review });
    return { batches, run, review, workspace };
  };
  return {
    startRemoteBatch: (request) => service.start(request),
    listRemoteBatches: () => service.listBatches(),
    listRemoteRuns: (filter) => service.list(filter),
    getRemoteRun: ({ runId }) => service.get(runId),
    cancelRemoteRun: ({ runId }) => service.cancel(runId),
    cancelRemoteBatch: ({ batchId }) => service.cancelBatch(batchId),
    retryRemoteRun: ({ runId }) => service.retry(runId),
    getRemoteRunChanges: async ({ runId }) => {
      const { batches, run, workspace } = await reviewed(runId);
      const changes = await reviewChanges(workspace, run);
      await batches.update(runId, { reviewedAt: new Date().toISOString() });
      return changes;
    },
    readRemoteRunFile: async ({ runId, path }) => {
      const { run, workspace } = await reviewed(runId);
      return readReviewFile(workspace, run, path);
    },
    acceptRemoteRun: async ({ runId }) => {
      const { batches, run, review, workspace } = await reviewed(runId);
      if (!run.reviewedAt) throw new FleetError('RUN_NOT_REVIEWABLE', `The change of the remote run of ${run.moduleId} was not reviewed yet: open its changes first. Nothing was accepted.`, { runId });
      const ref = { remote: run.remote, ...review };
      requireReviewTip(ref, await remoteBranchTip(workspace, options.remotes, run.remote, review.branch));
      await moveModuleBranch(workspace, run, review.commit);
      let message = `Accepted: ${workspace.manifest.branchPrefix}${run.moduleId} is at ${review.commit.slice(0, 7)}; ${review.branch} was deleted on "${run.remote}".`;
      try {
        await deleteReviewBranch(workspace, options.remotes, ref);
      } catch (error) {
        options.log(`the review branch ${review.branch} could not be deleted`, error);
        message = `Accepted: ${workspace.manifest.branchPrefix}${run.moduleId} is at ${review.commit.slice(0, 7)}; ${review.branch} could not be deleted on "${run.remote}": ${(error as Error).message}`;
      }
      const accepted = await batches.update(runId, { review: 'accepted', acceptedCommit: review.commit, message });
      service.refsChanged();
      return structuredClone(accepted);
    },
    discardRemoteRun: async ({ runId }) => {
      const batches = await service.forCurrent();
      const { run } = batches.find(runId);
      const review = reviewOf(run);
      const workspace = options.current();
      let message = `Discarded: ${review.branch} was deleted on "${run.remote}".`;
      try {
        await deleteReviewBranch(workspace, options.remotes, { remote: run.remote, ...review });
      } catch (error) {
        if (!(error instanceof FleetError) || error.code !== 'REVIEW_BRANCH_GONE') message = `Discarded; ${review.branch} was left on "${run.remote}": ${(error as Error).message}`;
      }
      return structuredClone(await batches.update(runId, { review: 'discarded', message }));
    },
  };
}
