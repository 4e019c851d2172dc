// followUpRun for a run an agent CLI made: the engine checked (ENGINE_UNAVAILABLE when it went), its session resumed
// where the engine can and one was recorded, else the first prompt again with the work so far summarised and the new
// instruction; then the same rounds and settling as the first launch. Returns at once, like the built-in follow-up.

import { FleetError } from '../../../../shared/errors';
import type { EngineId } from '../../../../shared/types-engines';
import type { ImplementRun } from '../../../../shared/types-implement';
import { cliFollowUpPrompt, summariseRun } from '../engines/cli-prompt';
import { executeEngineFollowUp } from './engine-execute';
import { LiveRun, publicRun } from './live-run';
import type { StoredRun } from './run-store';
import type { WorkspaceImplement } from './workspace-implement';

/** Starts the follow-up of `run` (reviewable, its checks trusted) and returns its record. */
export async function engineFollowUp(ws: WorkspaceImplement, run: StoredRun & { startTip: string }, instruction: string, budgetUsd: number | undefined): Promise<ImplementRun> {
  const env = await ws.environment();
  const { adapter, info } = await ws.context.engines.require(run.engine as EngineId, env.settings);
  if (budgetUsd !== undefined && run.costKnown === false) {
    throw new FleetError('PRICE_MISSING', `${adapter.title} reports no cost for this run and no price applies, so a budget cannot be held: follow up without one (the time cap of the settings applies).`, { engine: adapter.id });
  }
  const keys = await env.engineCredentials(adapter.id as EngineId);
  const dir = ws.copies.dir(run.runId);
  const resumeSession = adapter.canResume && run.engineSession ? run.engineSession : null;
  let prompt = cliFollowUpPrompt(instruction, true, null);
  if (!resumeSession) {
    const kept = (await ws.store.readConversation(run.runId))?.messages[0];
    const first = kept?.role === 'user' ? kept.text : await ws.context.parts.enginePrompt({ workspace: ws.workspace, moduleId: run.moduleId, tip: run.startTip, instruction: run.instruction });
    const summary = summariseRun(await ws.store.readTranscript(run.runId), await ws.copies.changes(run.startTip, dir));
    prompt = cliFollowUpPrompt(instruction, false, { prompt: first, summary });
  }
  const release = await ws.lock.hold();
  const controller = new AbortController();
  ws.followUps.set(run.runId, controller);
  try {
    const live = await LiveRun.open(run, ws.store, ws.hub);
    const plan = { adapter, version: info.version, dir, startTip: run.startTip, instruction, prompt, resumeSession, runCapUsd: budgetUsd ?? null, keys };
    const work = executeEngineFollowUp(env, live, plan, controller.signal).then((ended) => ws.announce(ended));
    void ws.track(work, release).finally(() => ws.followUps.delete(run.runId));
    ws.context.emit('boardChanged', { reason: 'implement' });
    return publicRun(live.record);
  } catch (error) {
    ws.followUps.delete(run.runId);
    await release();
    throw error;
  }
}
