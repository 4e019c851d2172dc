// Document runs end in drafts: which wait for review (finished, uncommitted, the newest run of their document,
// the draft still there), the user's "reviewed" mark, and "commit all reviewed" through commitRun, the path
// `fleet-control run --commit` takes.

import { FleetError, type FleetErrorPayload } from '../../../shared/errors';
import { moduleDocPath, type DocKind } from '../../../shared/documents';
import type { ReviewedRunCommit, RunRecord } from '../../../shared/types-agents';
import { commitRun } from './run-commit';
import type { WorkspaceAgents } from './workspace-agents';

const docOf = (run: { moduleId: string; kind: DocKind }) => `${run.moduleId}/${run.kind}`;

/** The runs among `runs` whose draft waits for review. */
export async function runsAwaitingReview(agents: WorkspaceAgents, runs: RunRecord[]): Promise<RunRecord[]> {
  const drafts = new Set((await agents.docs.listDrafts()).map(docOf));
  // The draft holds the newest run's text: an older run of the same document has nothing left to review.
  const newest = new Map<string, RunRecord>();
  for (const run of agents.listRuns({}).runs) {
    const seen = newest.get(docOf(run));
    if (run.startedAt !== null && (!seen || (seen.startedAt ?? '') < run.startedAt)) newest.set(docOf(run), run);
  }
  return runs.filter((run) => run.state === 'succeeded' && run.commit === null && drafts.has(docOf(run)) && newest.get(docOf(run))?.runId === run.runId);
}

/** The document kinds waiting for review, per module. */
export async function reviewKindsByModule(agents: WorkspaceAgents): Promise<Map<string, DocKind[]>> {
  const byModule = new Map<string, DocKind[]>();
  for (const run of await runsAwaitingReview(agents, agents.listRuns({}).runs)) byModule.set(run.moduleId, [...(byModule.get(run.moduleId) ?? []), run.kind]);
  return byModule;
}

/** Marks (or unmarks) a run's draft reviewed; INVALID_INPUT when nothing of the run waits for review. */
export async function markRunReviewed(agents: WorkspaceAgents, runId: string, reviewed: boolean): Promise<RunRecord> {
  const run = agents.run(runId);
  if ((await runsAwaitingReview(agents, [run])).length === 0) {
    throw new FleetError('INVALID_INPUT', `Run ${runId.slice(0, 8)} (${run.moduleId} ${run.kind}) has no draft waiting for review: it was committed, discarded or replaced by a later run.`, { runId });
  }
  const marked = { ...run, reviewedAt: reviewed ? new Date().toISOString() : null };
  await agents.store.saveRun(marked);
  return marked;
}

const payload = (error: unknown): FleetErrorPayload =>
  error instanceof FleetError ? { code: error.code, message: error.message, data: error.data } : { code: 'INTERNAL', message: (error as Error).message ?? String(error) };

/**
 * Commits every reviewed draft (or those of `runIds`), one at a time at its branch's current tip, so several
 * documents of one module each land; a document that changed on its branch since its run began is left alone.
 */
export async function commitReviewedRuns(agents: WorkspaceAgents, runIds?: string[]): Promise<ReviewedRunCommit[]> {
  const wanted = runIds ? new Set(runIds) : null;
  const candidates = (await runsAwaitingReview(agents, agents.listRuns({}).runs)).filter((r) => r.reviewedAt && (!wanted || wanted.has(r.runId)));
  const { repo, manifest } = agents.workspace;
  repo.invalidateRefs(); // a branch a terminal moved is read as it is now, with or without a repository watcher
  const results: ReviewedRunCommit[] = [];
  for (const run of candidates) {
    const base = { runId: run.runId, moduleId: run.moduleId, kind: run.kind };
    try {
      const branch = `${manifest.branchPrefix}${run.moduleId}`;
      const tip = await repo.resolveRef(`refs/heads/${branch}`);
      if (!tip) throw new FleetError('MODULE_BRANCH_MISSING', `${branch} does not exist: run init first.`, { branch });
      const entry = await repo.entryAtPath((await repo.readCommit(tip)).tree, moduleDocPath(manifest.docsFolder, run.moduleId, run.kind));
      if ((entry?.oid ?? null) !== run.baseBlobId) {
        throw new FleetError('BRANCH_MOVED', `${run.moduleId} ${run.kind} changed on ${branch} since the run began: open it in the editor to merge the two before committing.`, { branch });
      }
      const result = await commitRun(agents, { runId: run.runId, expectedTip: tip });
      results.push({ ...base, commit: result.commit, error: null });
    } catch (error) {
      results.push({ ...base, commit: null, error: payload(error) });
    }
  }
  return results;
}
