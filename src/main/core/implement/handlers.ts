// Contract handlers of implementation runs over the run service: each finds the open workspace's runs, delegates,
// and returns plain data (records pass the redaction step on every way out).

import type { FleetHandlers } from '../../../shared/contract';
import { FleetError } from '../../../shared/errors';
import type { IMPLEMENT_METHOD_NAMES } from '../../../shared/names-implement';
import type { ImplementRunDetail } from '../../../shared/types-implement';
import { estimateImplement } from './service/estimate';
import type { ImplementService } from './service/implement-service';
import { publicRun } from './service/live-run';
import { acceptRun, discardRun, dropRunFile, editRunFile, readRunFile } from './service/review';
import { cancelBatch, cancelRun, followUpRun, listRuns, runDetail, workingCopyUsage } from './service/run-operations';
import type { StoredRun } from './service/run-store';
import type { WorkspaceImplement } from './service/workspace-implement';

type ImplementHandlers = Pick<FleetHandlers, (typeof IMPLEMENT_METHOD_NAMES)[number]>;

/** Handlers for every implementation method of the contract. */
export function createImplementHandlers(service: ImplementService): ImplementHandlers {
  const current = () => service.forCurrent();
  /** Review operations one at a time per run (two accepts of one run must not both commit). */
  const busy = new Set<string>();
  const exclusive = async <T>(runId: string, work: (ws: WorkspaceImplement) => Promise<T>): Promise<T> => {
    const ws = await current();
    if (busy.has(runId)) throw new FleetError('LOCKED', `The run ${runId} is being changed by another request; try again when it is done.`, { runId });
    busy.add(runId);
    try {
      return await work(ws);
    } finally {
      busy.delete(runId);
    }
  };
  const changed = (ws: WorkspaceImplement, run: StoredRun): void => service.context.emit('implementProgress', { run: publicRun(run), entries: [] });
  const detail = (ws: WorkspaceImplement, run: StoredRun): Promise<ImplementRunDetail> => {
    changed(ws, run);
    return runDetail(ws, run.runId);
  };
  return {
    listEngines: ({ refresh }) => service.listEngines(refresh === true),
    getImplementSettings: async () => (await current()).getSettings(),
    saveImplementSettings: async (settings) => (await current()).saveSettings(settings),
    estimateImplement: async (request) => estimateImplement(await current(), request),
    startImplement: async (request) => (await current()).start(request),
    cancelImplementRun: async ({ runId }) => ({ cancelled: await cancelRun(await current(), runId) }),
    cancelImplementBatch: async ({ batchId }) => ({ cancelled: await cancelBatch(await current(), batchId) }),
    resumeImplementBatch: async ({ batchId, budgetUsd }) => (await current()).resume(batchId, budgetUsd),
    listImplementRuns: async ({ moduleId }) => listRuns(await current(), moduleId),
    getImplementRun: async ({ runId }) => runDetail(await current(), runId),
    readRunFile: async ({ runId, path }) => {
      const ws = await current();
      return readRunFile(ws.reviewContext(), ws.run(runId), path);
    },
    editRunFile: ({ runId, path, content }) => exclusive(runId, async (ws) => detail(ws, await editRunFile(ws.reviewContext(), ws.run(runId), path, content))),
    dropRunFile: ({ runId, path }) => exclusive(runId, async (ws) => detail(ws, await dropRunFile(ws.reviewContext(), ws.run(runId), path))),
    followUpRun: ({ runId, instruction, budgetUsd }) => exclusive(runId, (ws) => followUpRun(ws, runId, instruction, budgetUsd)),
    discardRun: ({ runId }) =>
      exclusive(runId, async (ws) => {
        const run = await discardRun(ws.reviewContext(), ws.run(runId));
        changed(ws, run);
        service.context.emit('boardChanged', { reason: 'implement' });
        return publicRun(run);
      }),
    acceptRun: ({ runId, message }) =>
      exclusive(runId, async (ws) => {
        const run = await acceptRun(ws.reviewContext(), ws.run(runId), message);
        ws.workspace.repo.invalidateRefs();
        changed(ws, run);
        service.context.emit('boardChanged', { reason: 'implement' });
        return publicRun(run);
      }),
    workingCopyUsage: async () => workingCopyUsage(await current()),
    getBranchChanges: async ({ moduleId }) => {
      const ws = await current();
      return ws.context.parts.branchChanges(ws.workspace, moduleId);
    },
    readBranchFile: async ({ moduleId, path, tip }) => {
      const ws = await current();
      return ws.context.parts.readBranchFile(ws.workspace, moduleId, path, tip);
    },
  };
}
