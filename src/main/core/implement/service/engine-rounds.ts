// The launches of an agent CLI in one run: launch it (its transcript streamed into the run's), then the module's
// check in the working copy; a failing check goes back to the CLI for a repair round (its own session resumed where
// it can, else a new launch with the failure) up to the settings' number of rounds. Budget and time cap span all
// launches. The run then settles as a built-in run does: review when files changed, failed or cancelled otherwise.

import { homedir } from 'node:os';
import type { FleetErrorPayload } from '../../../../shared/errors';
import { toErrorPayload } from '../../../../shared/errors';
import { costOf, type PriceEntry } from '../../../../shared/prices';
import type { CheckState } from '../../../../shared/types-checks';
import type { ImplementStop } from '../../../../shared/types-implement';
import { cliRepairMessage } from '../engines/cli-prompt';
import { runEngine, type EngineCounters, type EngineRunResult } from '../engines/engine-runner';
import { objectStore } from '../engines/git-copy';
import type { EngineAdapter } from '../engines/types';
import { headAndTail, TRANSCRIPT_RESULT_CHARS } from '../loop/bounded-text';
import { budgetNotice, budgetStop, engineBudget, type BudgetLeft } from './engine-budget';
import type { LiveRun } from './live-run';
import { interrupted, settle, type RunEnvironment } from './run-execute';
import type { StoredImplementBatch, StoredRun } from './run-store';
import type { NewEntry } from './transcript';
import { moduleCheckCommand, workingCopyCheck } from './working-copy-check';

export interface EngineRoundsPlan {
  adapter: EngineAdapter;
  dir: string;
  startTip: string;
  /** The first launch's prompt; a repair round without a session to resume repeats it with the failure. */
  prompt: string;
  resumeSession: string | null;
  batch: StoredImplementBatch | null;
  runCapUsd: number | null;
  maxTurns: number;
  maxMinutes: number;
  keys: { credentials: Record<string, string>; given: string | null };
}

/** The price of the provider/model a CLI run named (for engines that report tokens but no cost), or null. */
async function runPrice(env: RunEnvironment, run: StoredRun): Promise<PriceEntry | null> {
  if (!run.model || run.provider === run.engine) return null;
  return env.price(await env.provider(run.provider), run.model);
}

/** How a launch that did not finish ends the run. */
function launchError(adapter: EngineAdapter, result: EngineRunResult, left: BudgetLeft | null): FleetErrorPayload | null {
  if (result.stop === 'budget') return left ? budgetStop(left, result.message) : { code: 'BUDGET_EXCEEDED', message: result.message, data: { scope: 'run' } };
  if (result.stop === 'error') return { code: 'ENGINE_FAILED', message: result.message, data: { engine: adapter.id, exitCode: result.exitCode } };
  return null;
}

/** Runs the launches and checks of `plan`, then settles the run. */
export async function engineRounds(env: RunEnvironment, live: LiveRun, plan: EngineRoundsPlan, signal: AbortSignal): Promise<StoredRun> {
  const { adapter } = plan;
  const run = live.record;
  await env.workspace.refreshManifest();
  const inCopy = moduleCheckCommand(env.workspace.manifest, run.moduleId);
  if (inCopy) await env.requireTrusted([inCopy.consent]);
  const launch = await env.launchSetup();
  const check = workingCopyCheck({ check: inCopy, dir: plan.dir, launch, maxSeconds: env.settings.commandTimeoutSeconds, killGraceMs: env.killGraceMs });
  const price = await runPrice(env, run);
  const budget = engineBudget(env, live, plan.batch, plan.runCapUsd);
  const hostEnv = env.hostEnv();
  const deadline = Date.now() + plan.maxMinutes * 60_000;
  live.notice('info', plan.keys.given ? `${adapter.title} was given ${plan.keys.given}, and no other stored key.` : `${adapter.title} uses its own login: no stored key was given to it.`);
  let prompt = plan.prompt;
  let session = plan.resumeSession;
  let resumeFrom = plan.resumeSession;
  let repairs = 0;
  let stop: ImplementStop = 'finished';
  let error: FleetErrorPayload | null = null;
  for (;;) {
    const left = await budget.remaining();
    if (left && left.usd <= 0) {
      stop = 'budget';
      error = budgetStop(left, `The ${left.scope} budget of $${left.capUsd.toFixed(2)} is spent; ${adapter.title} was not started again.`);
      live.notice('error', error.message);
      break;
    }
    const timeLeft = deadline - Date.now();
    if (timeLeft <= 1000) {
      stop = 'max-time';
      live.notice('warning', `The run reached its time cap of ${plan.maxMinutes} minutes.`);
      break;
    }
    if (left) live.notice('info', budgetNotice(adapter.title, left, adapter.takesBudget === true));
    await live.update({ state: 'running' });
    const base: EngineCounters = { turns: live.record.turns, toolCalls: live.record.toolCalls, tokensIn: live.record.tokensIn, tokensOut: live.record.tokensOut, costUsd: live.record.costUsd };
    const plus = (c: EngineCounters) => ({ turns: base.turns + c.turns, toolCalls: base.toolCalls + c.toolCalls, tokensIn: base.tokensIn + c.tokensIn, tokensOut: base.tokensOut + c.tokensOut, costUsd: (base.costUsd ?? 0) + (c.costUsd ?? 0) });
    let said: string | null = null;
    const result = await runEngine({
      engine: adapter,
      launcher: launch.launcher,
      workdir: plan.dir,
      prompt,
      model: run.model || null,
      maxTurns: plan.maxTurns,
      budgetUsd: left ? left.usd : null,
      timeoutMs: timeLeft,
      signal,
      hostEnv,
      home: hostEnv.HOME ?? homedir(),
      credentials: plan.keys.credentials,
      readPaths: [objectStore(env.workspace.repo)],
      resumeSession: resumeFrom,
      allowedCommands: inCopy ? [inCopy.command] : [],
      template: env.settings.customEngineTemplate,
      ...(price ? { price: (tokensIn: number, tokensOut: number) => costOf(price, tokensIn, tokensOut) } : {}),
      ...(env.killGraceMs !== undefined ? { killGraceMs: env.killGraceMs } : {}),
      ...(env.engineQuestionMs !== undefined ? { questionMs: env.engineQuestionMs } : {}),
      onEntries: (entries, counters) => {
        for (const { seq: _seq, at: _at, ...entry } of entries) {
          live.add(entry as NewEntry);
          if (entry.type === 'model') said = entry.text;
        }
        live.counters(plus(counters));
      },
    });
    session = result.sessionId ?? session;
    live.counters({ ...plus(result), summary: said ?? live.record.summary });
    await live.update({ engineSession: session });
    if (result.stop !== 'finished') {
      stop = result.stop;
      error = launchError(adapter, result, left);
      break;
    }
    if (!inCopy) {
      live.notice('info', 'No check command is configured for this module: the run ends without a check.');
      live.counters({ check: { state: 'not-configured', round: 0, exitCode: null, durationMs: 0 } });
      break;
    }
    await live.update({ state: 'checking' });
    let outcome: Awaited<ReturnType<typeof check>>;
    try {
      outcome = await check(signal);
    } catch (failure) {
      stop = signal.aborted ? 'cancelled' : 'error';
      error = signal.aborted ? null : toErrorPayload(failure);
      break;
    }
    if (!outcome) break;
    const state = outcome.state as CheckState;
    live.add({ type: 'check', round: repairs, state, exitCode: outcome.exitCode, output: headAndTail(outcome.output, TRANSCRIPT_RESULT_CHARS).text, durationMs: outcome.durationMs, ...(outcome.sandbox ? { sandbox: outcome.sandbox } : {}) });
    live.counters({ check: { state: state as NonNullable<StoredRun['check']>['state'], round: repairs, exitCode: outcome.exitCode, durationMs: outcome.durationMs } });
    if (signal.aborted) {
      stop = 'cancelled';
      break;
    }
    if (outcome.passed) break;
    if (repairs >= env.settings.repairRounds) {
      live.notice('warning', `The check still fails after ${repairs} repair round${repairs === 1 ? '' : 's'}; the run ends for review with the failing check.`);
      break;
    }
    repairs++;
    live.counters({ repairRounds: live.record.repairRounds + 1 });
    const message = cliRepairMessage(outcome, repairs, env.settings.repairRounds);
    const resume = adapter.canResume && session !== null;
    prompt = resume ? message : `${plan.prompt.trimEnd()}\n\n${message}\n`;
    resumeFrom = resume ? session : null;
    live.notice('info', `The check failed: its output goes back to ${adapter.title} (repair round ${repairs} of ${env.settings.repairRounds}, ${resume ? 'resuming its session' : 'in a new launch'}).`);
  }
  return settle(env, live, plan.startTip, plan.dir, interrupted(signal) ? 'cancelled' : stop, error, signal);
}
