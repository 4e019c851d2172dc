// What the remote batch screens derive from the store: the batches worth showing on the board, a batch's runs in
// dispatch order, a module's runs newest first, what a run can do now, and the colour of its state.

import type { RemoteBatch, RemoteRun, RemoteRunState, RemoteStepState } from '../../../../shared/types-remote';

/** One shared empty list, so a selector never answers a fresh [] (React's update-depth error #185). */
export const EMPTY_RUNS: readonly RemoteRun[] = [];

/** States in which the run is still out (cancel applies). */
const OUT: ReadonlySet<RemoteRunState> = new Set(['queued', 'dispatched', 'running']);
/** States retry starts a new attempt from. */
const RETRYABLE: ReadonlySet<RemoteRunState> = new Set(['failed', 'cancelled', 'timed-out', 'skipped']);

export const isOut = (run: RemoteRun): boolean => OUT.has(run.state);
export const canRetry = (run: RemoteRun): boolean => RETRYABLE.has(run.state);
/** A done implement run whose change waits for review. */
export const awaitsReview = (run: RemoteRun): boolean => run.state === 'done' && run.review === 'pending' && !!run.reviewCommit;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Batches on the board: those running, and finished ones not dismissed that ended in the last day or await review. */
export function visibleBatches(batches: Record<string, RemoteBatch>, runs: Record<string, RemoteRun>, dismissed: readonly string[], now: number): RemoteBatch[] {
  return Object.values(batches)
    .filter((b) => {
      if (b.state === 'running') return true;
      if (dismissed.includes(b.batchId)) return false;
      const recent = b.finishedAt !== null && now - new Date(b.finishedAt).getTime() < DAY_MS;
      return recent || b.runIds.some((id) => runs[id] && awaitsReview(runs[id]!));
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** A batch's runs in the batch's own order (those this window knows). */
export function runsOfBatch(batch: RemoteBatch, runs: Record<string, RemoteRun>): RemoteRun[] {
  const list = batch.runIds.map((id) => runs[id]).filter((r): r is RemoteRun => !!r);
  return list.length ? list : (EMPTY_RUNS as RemoteRun[]);
}

/** A module's remote implementation runs, newest first. */
export function remoteRunsOfModule(runs: Record<string, RemoteRun>, moduleId: string): RemoteRun[] {
  const list = Object.values(runs)
    .filter((r) => r.moduleId === moduleId && r.kind === 'implement')
    .sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0));
  return list.length ? list : (EMPTY_RUNS as RemoteRun[]);
}

/** Which step a run's progress names: the one under way while out, the one it stopped at once failed, else none. */
export function stepPhase(run: RemoteRun): 'out' | 'failed' | 'ended' {
  if (isOut(run)) return 'out';
  return run.state === 'failed' || run.state === 'timed-out' ? 'failed' : 'ended';
}

/** The agents' state colours: out blue, done green, failed and timed-out red, the rest muted. */
export function remoteStateClass(state: RemoteRunState): string {
  if (OUT.has(state)) return 'running';
  if (state === 'done') return 'succeeded';
  if (state === 'failed' || state === 'timed-out') return 'failed';
  return 'cancelled';
}

/** A step or job state's colour class. */
export function stepClass(state: RemoteStepState): string {
  return `remote-step remote-step-${state}`;
}

/** The Changes view address of one remote run. */
export function remoteRunHref(run: Pick<RemoteRun, 'moduleId' | 'runId'>): string {
  return `#/module/${encodeURIComponent(run.moduleId)}/changes/remote/${encodeURIComponent(run.runId)}`;
}

/** The number of runs per state for the summary (from the batch's counts, else from the runs known here). */
export function countOf(batch: RemoteBatch, runs: RemoteRun[], state: RemoteRunState): number {
  return batch.counts[state] ?? runs.filter((r) => r.state === state).length;
}
