// Automatic resume: when a workspace opens in a process that serves a user (the desktop app, `fleet-control serve`),
// each batch a quit interrupted runs its unfinished runs again with the same provider, model and budget. A batch that
// cannot resume (its key is gone, its provider was removed, another process runs batches) stays interrupted, and
// a notice says why.

import { toErrorPayload, type FleetErrorPayload } from '../../../shared/errors';
import type { ResumeNotice } from '../../../shared/types-agents';
import { UNFINISHED } from './run-record';
import type { WorkspaceAgents } from './workspace-agents';

/** Resumes the workspace's interrupted batches (oldest first) unless its settings turn that off; returns a notice per batch. */
export async function resumeInterruptedBatches(agents: WorkspaceAgents, notify: (notice: ResumeNotice) => void): Promise<ResumeNotice[]> {
  if (!(await agents.settings.get()).autoResume) return [];
  const notices: ResumeNotice[] = [];
  for (const batch of [...agents.store.allBatches()].reverse()) {
    if (batch.state !== 'interrupted' || agents.runner.isActive(batch.batchId)) continue;
    const runs = agents.store.runsOf(batch);
    const runsLeft = runs.filter((r) => UNFINISHED.has(r.state)).length;
    if (runsLeft === 0) continue;
    const base = { batchId: batch.batchId, provider: batch.provider, model: batch.model, runsLeft, total: runs.length, at: new Date().toISOString() };
    let notice: ResumeNotice;
    try {
      await agents.resumeBatch(batch.batchId, { unfinishedOnly: true });
      notice = { ...base, outcome: 'resumed', reason: null };
    } catch (error) {
      const payload = toErrorPayload(error);
      notice = { ...base, outcome: 'not-resumed', reason: payload };
      // Another process passes; anything else (no key, no provider, no price) is the batch's own problem: it says so.
      if (payload.code !== 'AGENTS_BUSY') await agents.store.saveBatch({ ...batch, stopReason: notResumed(payload) });
    }
    agents.notices.set(batch.batchId, notice);
    notices.push(notice);
    notify(notice);
  }
  return notices;
}

function notResumed(reason: FleetErrorPayload): FleetErrorPayload {
  return { ...reason, message: `Not resumed automatically: ${reason.message}` };
}
