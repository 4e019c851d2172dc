// The contract's run operations over one workspace's runs: follow-ups (a new loop on a rested run), cancel, the run
// lists and details, working-copy usage.

import { FleetError } from '../../../../shared/errors';
import type { ImplementRun, ImplementRunDetail, WorkingCopyUsage } from '../../../../shared/types-implement';
import { engineFollowUp } from './engine-follow-up';
import { LiveRun, publicRun } from './live-run';
import { reviewable } from './review';
import { executeFollowUp, type RunAbortReason } from './run-execute';
import type { StoredRun } from './run-store';
import type { WorkspaceImplement } from './workspace-implement';

/** Continues a rested run with a new instruction (same conversation, same working copy; a CLI's own session); returns at once. */
export async function followUpRun(ws: WorkspaceImplement, runId: string, instruction: string, budgetUsd: number | undefined): Promise<ImplementRun> {
  await ws.ready();
  const run = reviewable(ws.reviewContext(), ws.run(runId));
  await ws.requireTrustedChecks([run.moduleId]);
  if (run.engine !== 'builtin') return engineFollowUp(ws, run, instruction, budgetUsd);
  const provider = await ws.context.agents.providers.get(run.provider);
  ws.context.parts.assertCanImplement(provider);
  await ws.client(provider, run.baseUrl);
  // A run a crash interrupted kept no conversation: it starts a new one over the same working copy.
  const conversation = (await ws.store.readConversation(runId)) ?? (await ws.context.parts.prompt({ workspace: ws.workspace, moduleId: run.moduleId, tip: run.startTip, instruction: run.instruction, provider, model: run.model }));
  const release = await ws.lock.hold();
  const controller = new AbortController();
  ws.followUps.set(runId, controller);
  try {
    const live = await LiveRun.open(run, ws.store, ws.hub);
    const env = await ws.environment();
    const plan = { system: conversation.system, messages: conversation.messages, dir: ws.copies.dir(runId), startTip: run.startTip, batch: null, runCapUsd: budgetUsd ?? null, instruction };
    const work = executeFollowUp(env, live, plan, controller.signal).then((ended) => ws.announce(ended));
    void ws.track(work, release).finally(() => ws.followUps.delete(runId));
    ws.context.emit('boardChanged', { reason: 'implement' });
    return publicRun(live.record);
  } catch (error) {
    ws.followUps.delete(runId);
    await release();
    throw error;
  }
}

/** Cancels a working run (its working copy stays for inspection) or a queued one. */
export async function cancelRun(ws: WorkspaceImplement, runId: string): Promise<boolean> {
  await ws.ready();
  const run = ws.run(runId);
  const controller = ws.queue.controllerOf(runId) ?? ws.followUps.get(runId);
  if (controller) {
    controller.abort('cancel' satisfies RunAbortReason);
    return true;
  }
  if (run.state !== 'queued') return false;
  const cancelled: StoredRun = { ...run, state: 'cancelled', stop: 'cancelled', finishedAt: new Date().toISOString(), error: { code: 'CANCELLED', message: 'The run was cancelled before it started.' } };
  await ws.store.saveRun(cancelled);
  ws.announce(cancelled);
  return true;
}

/** Cancels a batch: its working runs stop, its queued ones never start. An interrupted batch is cancelled on the spot. */
export async function cancelBatch(ws: WorkspaceImplement, batchId: string): Promise<boolean> {
  await ws.ready();
  if (ws.queue.cancelBatch(batchId)) return true;
  const batch = ws.store.batch(batchId);
  if (!batch) throw new FleetError('BATCH_NOT_FOUND', `There is no implementation batch ${batchId} in this workspace.`, { batchId });
  if (batch.state !== 'interrupted' && batch.state !== 'stopped') return false;
  for (const run of ws.store.runsOf(batch)) if (run.state === 'queued') await cancelRun(ws, run.runId);
  const cancelled = { ...batch, state: 'cancelled' as const, message: null };
  await ws.store.saveBatch(cancelled);
  ws.context.emit('implementBatchProgress', ws.queue.progress(cancelled));
  return true;
}

export async function listRuns(ws: WorkspaceImplement, moduleId?: string): Promise<ImplementRun[]> {
  await ws.ready();
  return ws.store.allRuns().filter((r) => !moduleId || r.moduleId === moduleId).map(publicRun);
}

/** A run with its transcript and changed files (read afresh from a working copy while the run works). */
export async function runDetail(ws: WorkspaceImplement, runId: string): Promise<ImplementRunDetail> {
  await ws.ready();
  await ws.hub.flush(runId);
  const run = ws.run(runId);
  let files = run.files;
  if (ws.isActive(runId) && run.workingCopy && run.startTip) files = await ws.copies.changes(run.startTip, ws.copies.dir(runId)).catch(() => run.files);
  return { ...publicRun(run), transcript: await ws.store.readTranscript(runId), files };
}

export async function workingCopyUsage(ws: WorkspaceImplement): Promise<WorkingCopyUsage> {
  await ws.ready();
  const usage = await ws.copies.usage();
  return { ...usage, limit: (await ws.getSettings()).maxWorkingCopies, root: ws.copies.root };
}
