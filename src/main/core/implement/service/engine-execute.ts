// A run of an agent CLI engine: the first (the engine checked again, the mapped key looked up, a working copy of the
// module branch's tip made a git repository whose HEAD is that tip, the CLI's prompt, then the launch-check-repair
// rounds) and a follow-up (the CLI's own session resumed where it can, else a new launch on the same working copy
// with the work so far summarised). Anything that fails first settles the run as built-in runs settle.

import { FleetError } from '../../../../shared/errors';
import type { EngineId } from '../../../../shared/types-engines';
import { moduleTip } from '../../checks/run-check';
import { initCopyRepository, objectStore } from '../engines/git-copy';
import type { EngineAdapter } from '../engines/types';
import { engineRounds, type EngineRoundsPlan } from './engine-rounds';
import type { LiveRun } from './live-run';
import { settleWithoutLoop, type RunEnvironment } from './run-execute';
import type { StoredImplementBatch, StoredRun } from './run-store';
import { moduleCheckCommand } from './working-copy-check';

/** The first launch of a queued run of a CLI engine, through its rounds to its end state. */
export async function executeEngineRun(env: RunEnvironment, live: LiveRun, batch: StoredImplementBatch, signal: AbortSignal): Promise<StoredRun> {
  const { record } = live;
  await live.update({ state: 'preparing', startedAt: new Date().toISOString(), error: null });
  try {
    await env.workspace.refreshManifest();
    const check = moduleCheckCommand(env.workspace.manifest, record.moduleId);
    if (check) await env.requireTrusted([check.consent]);
    // Asked again: the CLI may have gone since the batch started; nothing is written before this.
    const { adapter, info } = await env.engines.require(batch.engine as EngineId, env.settings);
    const keys = await env.engineCredentials(adapter.id as EngineId);
    const startTip = await moduleTip(env.workspace, record.moduleId);
    const prompt = await env.parts.enginePrompt({ workspace: env.workspace, moduleId: record.moduleId, tip: startTip, instruction: batch.instruction });
    if (signal.aborted) throw new FleetError('CANCELLED', 'The run was cancelled before it started.');
    const dir = await env.copies.create(record.runId, startTip, signal);
    await live.update({ startTip, workingCopy: true, engineVersion: info.version });
    const launch = await env.launchSetup();
    await initCopyRepository(launch.launcher, dir, objectStore(env.workspace.repo), startTip, signal);
    live.add({ type: 'instruction', text: batch.instruction ?? "Implement the module's TO-BE design.", followUp: false });
    // Kept for a follow-up that cannot resume the CLI's session: it starts from the same prompt.
    await env.store.saveConversation(record.runId, { system: '', messages: [{ role: 'user', text: prompt }] });
    const maxTurns = batch.maxTurns ?? env.settings.maxTurns;
    const maxMinutes = batch.maxMinutes ?? env.settings.maxMinutes;
    return await engineRounds(env, live, { adapter, dir, startTip, prompt, resumeSession: null, batch, runCapUsd: null, maxTurns, maxMinutes, keys }, signal);
  } catch (error) {
    return settleWithoutLoop(env, live, error, signal);
  }
}

export interface EngineFollowUpPlan {
  adapter: EngineAdapter;
  version: string | null;
  dir: string;
  startTip: string;
  instruction: string;
  prompt: string;
  resumeSession: string | null;
  runCapUsd: number | null;
  keys: EngineRoundsPlan['keys'];
}

/** A follow-up of a CLI run on its kept working copy (the copy is still the git repository the first launch made). */
export async function executeEngineFollowUp(env: RunEnvironment, live: LiveRun, plan: EngineFollowUpPlan, signal: AbortSignal): Promise<StoredRun> {
  try {
    await live.update({ state: 'preparing', error: null, stop: null, finishedAt: null, engineVersion: plan.version });
    live.add({ type: 'instruction', text: plan.instruction, followUp: true });
    if (plan.resumeSession) live.notice('info', `${plan.adapter.title} continues its own session ${plan.resumeSession}.`);
    else live.notice('info', `${plan.adapter.title} starts anew on the same working copy, with the work so far summarised in its prompt.`);
    const rounds: EngineRoundsPlan = { ...plan, batch: null, maxTurns: env.settings.maxTurns, maxMinutes: env.settings.maxMinutes };
    return await engineRounds(env, live, rounds, signal);
  } catch (error) {
    return settleWithoutLoop(env, live, error, signal);
  }
}
