// One loop of one run: the first (a working copy of the module branch's tip, the prompt, the tools, the agent loop)
// or a follow-up (the kept conversation and working copy, a new instruction). Either way the run then settles: a run
// that changed files goes to review whatever stopped it (its work is kept); one that changed none is failed or
// cancelled; a failed run's working copy goes, a cancelled run's stays for inspection until discarded.

import { FleetError, toErrorPayload, type FleetErrorPayload } from '../../../../shared/errors';
import { costOf, type PriceEntry } from '../../../../shared/prices';
import type { ProviderConfig } from '../../../../shared/providers';
import type { ImplementSettings, RunCheckOutcome } from '../../../../shared/types-implement';
import type { RepoCommand } from '../../../../shared/types-trust';
import type { EngineId } from '../../../../shared/types-engines';
import type { EngineCatalog } from '../engines/engine-catalog';
import type { BudgetLedger } from '../../agents/budget';
import type { ConversationMessage, ConversingClient } from '../../agents/providers/types';
import { moduleTip } from '../../checks/run-check';
import type { LaunchSetup } from '../../launcher/handlers';
import type { Workspace } from '../../workspace/workspace';
import type { LoopResult, RunCheck } from '../loop/types';
import { runBudgetGate } from './budget-gate';
import type { LiveRun } from './live-run';
import type { ImplementParts, WorkingCopyPort } from './parts';
import type { ImplementRunStore, StoredImplementBatch, StoredRun } from './run-store';
import { moduleCheckCommand, workingCopyCheck } from './working-copy-check';

/** Why a run's signal fired: the user's cancel, or the app stopping (the run is then interrupted, not cancelled). */
export type RunAbortReason = 'cancel' | 'shutdown';

export interface RunEnvironment {
  workspace: Workspace;
  store: ImplementRunStore;
  copies: WorkingCopyPort;
  parts: ImplementParts;
  settings: ImplementSettings;
  ledger: BudgetLedger;
  launchSetup(): Promise<LaunchSetup>;
  requireTrusted(commands: RepoCommand[]): Promise<void>;
  provider(id: string): Promise<ProviderConfig>;
  client(provider: ProviderConfig, baseUrl: string | null): Promise<ConversingClient>;
  price(provider: ProviderConfig, model: string): Promise<PriceEntry | null>;
  killGraceMs?: number;
  engineQuestionMs?: number;
  /** Agent CLI engines: the adapters as detected, the app's environment, the workspace's cap, the mapped key. */
  engines: EngineCatalog;
  hostEnv(): NodeJS.ProcessEnv;
  workspaceCapUsd(): Promise<number | null>;
  /** The stored key the user mapped to `engine`, as its variable, and how the transcript names it (never the value). */
  engineCredentials(engine: EngineId): Promise<{ credentials: Record<string, string>; given: string | null }>;
}

/** What one loop call runs under. */
export interface LoopPlan {
  system: string;
  messages: ConversationMessage[];
  dir: string;
  startTip: string;
  batch: StoredImplementBatch | null;
  runCapUsd: number | null;
  maxTurns: number;
  maxMinutes: number;
}

export const INTERRUPTED = 'Interrupted: Fleet Control stopped while this run was working. Its working copy is kept when it changed files; continue it with a follow-up.';

export function interrupted(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === ('shutdown' satisfies RunAbortReason);
}

/** The first loop of a queued run: working copy, prompt, tools, loop, then settle. */
export async function executeRun(env: RunEnvironment, live: LiveRun, batch: StoredImplementBatch, signal: AbortSignal): Promise<StoredRun> {
  const { record } = live;
  await live.update({ state: 'preparing', startedAt: new Date().toISOString(), error: null });
  try {
    await env.workspace.refreshManifest();
    const check = moduleCheckCommand(env.workspace.manifest, record.moduleId);
    if (check) await env.requireTrusted([check.consent]);
    const provider = await env.provider(batch.provider);
    const startTip = await moduleTip(env.workspace, record.moduleId);
    const prompt = await env.parts.prompt({ workspace: env.workspace, moduleId: record.moduleId, tip: startTip, instruction: batch.instruction, provider, model: batch.model });
    if (signal.aborted) throw new FleetError('CANCELLED', 'The run was cancelled before it started.');
    const dir = await env.copies.create(record.runId, startTip, signal);
    await live.update({ startTip, workingCopy: true });
    live.add({ type: 'instruction', text: batch.instruction ?? "Implement the module's TO-BE design.", followUp: false });
    return await loopAndSettle(env, live, provider, { system: prompt.system, messages: prompt.messages, dir, startTip, batch, runCapUsd: null, maxTurns: batch.maxTurns ?? env.settings.maxTurns, maxMinutes: batch.maxMinutes ?? env.settings.maxMinutes }, signal);
  } catch (error) {
    return settleWithoutLoop(env, live, error, signal);
  }
}

/** A follow-up: the same conversation and working copy, a new instruction, a new loop. */
export async function executeFollowUp(env: RunEnvironment, live: LiveRun, plan: Omit<LoopPlan, 'batch' | 'maxTurns' | 'maxMinutes'> & { batch: StoredImplementBatch | null; instruction: string }, signal: AbortSignal): Promise<StoredRun> {
  try {
    await live.update({ state: 'preparing', error: null, stop: null, finishedAt: null });
    const provider = await env.provider(live.record.provider);
    live.add({ type: 'instruction', text: plan.instruction, followUp: true });
    const messages: ConversationMessage[] = [...plan.messages, { role: 'user', text: plan.instruction }];
    return await loopAndSettle(env, live, provider, { ...plan, messages, maxTurns: plan.batch?.maxTurns ?? env.settings.maxTurns, maxMinutes: plan.batch?.maxMinutes ?? env.settings.maxMinutes }, signal);
  } catch (error) {
    return settleWithoutLoop(env, live, error, signal);
  }
}

async function loopAndSettle(env: RunEnvironment, live: LiveRun, provider: ProviderConfig, plan: LoopPlan, signal: AbortSignal): Promise<StoredRun> {
  const run = live.record;
  // Asked again at every loop: a commit may have changed the command since the run started.
  await env.workspace.refreshManifest();
  const inCopy = moduleCheckCommand(env.workspace.manifest, run.moduleId);
  if (inCopy) await env.requireTrusted([inCopy.consent]);
  const launch = await env.launchSetup();
  const runCheck: RunCheck = inCopy
    ? async (checkSignal) => {
        await live.update({ state: 'checking' });
        try {
          return await workingCopyCheck({ check: inCopy, dir: plan.dir, launch, maxSeconds: env.settings.commandTimeoutSeconds, killGraceMs: env.killGraceMs })(checkSignal);
        } finally {
          await live.update({ state: 'running' });
        }
      }
    : async () => null;
  const client = await env.client(provider, live.record.baseUrl);
  const price = await env.price(provider, run.model);
  const base = { turns: run.turns, toolCalls: run.toolCalls, tokensIn: run.tokensIn, tokensOut: run.tokensOut, costUsd: run.costUsd };
  const batchRuns = (): number => (plan.batch ? env.store.runsOf(plan.batch).reduce((sum, r) => sum + r.costUsd, 0) : live.record.costUsd);
  const budget = runBudgetGate({
    ledger: env.ledger,
    runId: run.runId,
    batchId: run.batchId,
    runCapUsd: plan.runCapUsd,
    runSpentUsd: () => live.record.costUsd - base.costUsd,
    batchCapUsd: plan.batch?.budgetUsd ?? null,
    batchSpentUsd: batchRuns,
    describe: () => `${run.moduleId}, turn ${live.record.turns + 1}`,
  });
  const tools = env.parts.tools({ workspace: env.workspace, dir: plan.dir, startTip: plan.startTip, runCheck, launch, settings: env.settings });
  await live.update({ state: 'running' });
  let result: LoopResult;
  try {
    result = await env.parts.runLoop({
      client,
      model: run.model,
      system: plan.system,
      messages: plan.messages,
      tools,
      guards: {
        maxTurns: plan.maxTurns,
        maxMs: plan.maxMinutes * 60_000,
        maxChangedFiles: env.settings.maxChangedFiles,
        repeatedFailureLimit: env.settings.repeatedFailureLimit,
        repairRounds: env.settings.repairRounds,
        maxOutputTokensPerTurn: provider.maxOutputTokens,
      },
      pricing: { cost: (tokensIn, tokensOut) => (price ? costOf(price, tokensIn, tokensOut) : provider.needsKey ? null : 0) },
      budget: budget.gate,
      runCheck,
      signal,
      onEntry: (entry) => live.add(entry),
      onUsage: (usage) => {
        budget.settle();
        live.counters({ turns: base.turns + usage.turns, tokensIn: base.tokensIn + usage.tokensIn, tokensOut: base.tokensOut + usage.tokensOut, costUsd: base.costUsd + usage.costUsd });
      },
      turnsSoFar: base.turns,
    });
  } finally {
    budget.settle();
  }
  await env.store.saveConversation(run.runId, { system: plan.system, messages: result.messages });
  const checkOutcome: RunCheckOutcome | null = result.check
    ? { state: result.check.state as RunCheckOutcome['state'], round: result.check.round, exitCode: result.check.exitCode, durationMs: result.check.durationMs }
    : inCopy
      ? live.record.check
      : { state: 'not-configured', round: 0, exitCode: null, durationMs: 0 };
  live.counters({
    turns: base.turns + result.turns,
    toolCalls: base.toolCalls + result.toolCalls,
    tokensIn: base.tokensIn + result.tokensIn,
    tokensOut: base.tokensOut + result.tokensOut,
    costUsd: base.costUsd + result.costUsd,
    repairRounds: live.record.repairRounds + result.repairRounds,
    check: checkOutcome,
    summary: result.summary ?? live.record.summary,
  });
  const stop = interrupted(signal) ? 'cancelled' : result.stop;
  return settle(env, live, plan.startTip, plan.dir, stop, result.error ? toErrorPayload(result.error) : null, signal);
}

/** Ends the run by what its working copy holds: review when it changed files, failed or cancelled otherwise. */
export async function settle(env: RunEnvironment, live: LiveRun, startTip: string, dir: string, stop: StoredRun['stop'], error: FleetErrorPayload | null, signal: AbortSignal): Promise<StoredRun> {
  const files = await env.copies.changes(startTip, dir).catch(() => live.record.files);
  const finishedAt = new Date().toISOString();
  if (interrupted(signal)) {
    live.notice('warning', INTERRUPTED);
    if (files.length === 0) await env.copies.remove(live.record.runId);
    return live.update({ state: 'failed', stop, files, changedFiles: files.length, workingCopy: files.length > 0, finishedAt, error: { code: 'CANCELLED', message: INTERRUPTED } });
  }
  if (files.length > 0) {
    if (stop !== 'finished') live.notice('info', `The run stopped (${stop}) with ${files.length} changed file${files.length === 1 ? '' : 's'}; they are kept for review.`);
    return live.update({ state: 'review', stop, files, changedFiles: files.length, workingCopy: true, finishedAt, error });
  }
  // A cancelled run keeps its working copy for inspection until it is discarded; a failed one without changes has nothing to show.
  const cancelled = stop === 'cancelled';
  if (!cancelled) await env.copies.remove(live.record.runId);
  if (!cancelled && !error) live.notice('warning', 'The run changed no file.');
  return live.update({ state: cancelled ? 'cancelled' : 'failed', stop, files, changedFiles: 0, workingCopy: cancelled, finishedAt, error: error ?? (cancelled ? { code: 'CANCELLED', message: 'The run was cancelled.' } : null) });
}

/** A run that failed before or around its loop (no TO-BE, untrusted check, no key, cancelled while preparing). */
export async function settleWithoutLoop(env: RunEnvironment, live: LiveRun, error: unknown, signal: AbortSignal): Promise<StoredRun> {
  const payload = toErrorPayload(error);
  const { startTip } = live.record;
  if (startTip && live.record.workingCopy) return settle(env, live, startTip, env.copies.dir(live.record.runId), signal.aborted ? 'cancelled' : 'error', signal.aborted ? null : payload, signal);
  await env.copies.remove(live.record.runId).catch(() => undefined);
  const cancelled = signal.aborted && !interrupted(signal);
  if (interrupted(signal)) live.notice('warning', INTERRUPTED);
  else live.notice('error', payload.message);
  return live.update({ state: cancelled ? 'cancelled' : 'failed', stop: cancelled ? 'cancelled' : 'error', workingCopy: false, finishedAt: new Date().toISOString(), error: interrupted(signal) ? { code: 'CANCELLED', message: INTERRUPTED } : payload });
}
