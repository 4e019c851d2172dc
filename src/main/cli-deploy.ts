// `fleet-control deploy`: the plan printed, the confirmation asked (a name typed where the environment asks for it),
// the deploy started and followed through its events to the end. Exit 0 only when it succeeded.

import { createInterface } from 'node:readline';
import type { FleetApp } from './core/app';
import { FleetError } from '../shared/errors';
import type { DeployPlan, DeployRun } from '../shared/types-deploy';
import { withCommandConsent, type ConsentOptions } from './cli-consent';

export interface DeployCommandOptions {
  environment: string;
  yes: boolean;
  /** --confirm NAME: the typed name, for environments that ask for it. */
  confirm?: string;
  json: boolean;
  consent: ConsentOptions;
  /** Reads one answer from the terminal; absent when stdin is not one. */
  ask?: (question: string) => Promise<string>;
  print(line: string): void;
  printErr(line: string): void;
}

/** One line typed on the terminal (the question on stderr). */
export function readAnswer(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answer = '';
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => resolve(answer.trim()));
  });
}

function planLines(plan: DeployPlan): string[] {
  const { environment: env, target } = plan;
  const lines = [`Deploy ${env.def.name}: ${env.describe}`, `  from ${target.branch} at ${target.commit?.slice(0, 8) ?? '(missing)'}`];
  lines.push(plan.since ? `  last successful deploy: ${plan.since.commit.slice(0, 8)} on ${plan.since.finishedAt} by ${plan.since.by}` : '  never deployed before');
  if (plan.upToDate) lines.push('  nothing new since the last deploy (it would deploy the same commit again)');
  for (const m of plan.modules) {
    const check = m.check ? `check ${m.check.state}${m.check.stale ? ' (stale)' : ''}` : 'no check';
    lines.push(`  module ${m.moduleId}: ${check}${m.ci ? `, CI ${m.ci.state}` : ''}`);
  }
  if (plan.credentialNames.length > 0) lines.push(`  the command gets: ${plan.credentialNames.join(', ')}`);
  for (const blocker of plan.blockers) lines.push(`  cannot deploy: ${blocker}`);
  return lines;
}

/** The name typed or the yes given, per the environment's confirmation; CONFIRMATION_REQUIRED / CANCELLED otherwise. */
async function confirmation(plan: DeployPlan, options: DeployCommandOptions): Promise<string | undefined> {
  const name = plan.environment.def.name;
  if (plan.confirmation === 'name') {
    if (options.confirm !== undefined) return options.confirm;
    if (!options.ask) throw new FleetError('CONFIRMATION_REQUIRED', `Deploying ${name} needs its name typed as confirmation: pass --confirm ${name}, or run this in a terminal to be asked (--yes is not enough here).`, { environment: name });
    return options.ask(`Type the environment's name (${name}) to deploy it: `);
  }
  if (options.yes) return undefined;
  if (!options.ask) throw new FleetError('CONFIRMATION_REQUIRED', `Deploying ${name} needs a yes: pass --yes, or run this in a terminal to be asked.`, { environment: name });
  if (!/^y(es)?$/i.test(await options.ask(`Deploy ${name} now? [y/N] `))) throw new FleetError('CANCELLED', 'Not confirmed: nothing was deployed.');
  return undefined;
}

/** Plans, confirms, starts and follows the deploy; returns the finished run (null when it never started). */
export async function deployCommand(app: FleetApp, options: DeployCommandOptions): Promise<DeployRun> {
  const plan = await app.handlers.deployPlan({ environment: options.environment });
  for (const line of planLines(plan)) options.printErr(line);
  if (!plan.target.commit) throw new FleetError('BRANCH_NOT_FOUND', plan.blockers[0] ?? `${plan.target.branch} does not exist.`, { branch: plan.target.branch });
  const confirm = await confirmation(plan, options);
  let deployId: string | null = null;
  const seen: DeployRun[] = [];
  let lastMessage = '';
  let finish: (run: DeployRun) => void = () => undefined;
  const finished = new Promise<DeployRun>((resolve) => (finish = resolve));
  // Listen before starting, so no early event is missed.
  const off = app.onEvent((event, payload) => {
    if (event === 'deployOutput' && (payload as { deployId: string }).deployId === deployId) process.stderr.write((payload as { chunk: string }).chunk);
    if (event !== 'deployProgress') return;
    const run = payload as DeployRun;
    if (deployId === null) seen.push(run);
    if (run.deployId !== deployId) return;
    if (run.message !== lastMessage) options.printErr(`[${run.phase}] ${(lastMessage = run.message)}`);
    if (run.phase === 'finished') finish(run);
  });
  const onSigint = () => {
    if (deployId) void app.handlers.cancelDeploy({ deployId }).catch(() => undefined);
    process.exitCode = 130;
  };
  process.on('SIGINT', onSigint);
  try {
    ({ deployId } = await withCommandConsent(app, () => app.handlers.startDeploy({ environment: options.environment, commit: plan.target.commit!, confirm }), options.consent, options.printErr));
    const early = seen.find((r) => r.deployId === deployId && r.phase === 'finished');
    const run = early ?? (await finished);
    for (const link of run.links) options.printErr(`  ${link.label}: ${link.url}`);
    if (run.recorded) options.printErr(`  recorded in ${run.recorded.file} (${run.recorded.commit.slice(0, 8)})`);
    options.print(options.json ? JSON.stringify({ plan, run }, null, 2) : run.message);
    return run;
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
}
