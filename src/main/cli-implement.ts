// `fleet-control implement`: agents change modules' code, each in its own working copy. Without --yes it prints the
// estimate and starts nothing; with --yes it streams every run's transcript as lines (stderr), commits the runs whose
// check passed when asked (--commit), prints a summary per run (stdout) and returns the exit code (see exitCodeFor).

import type { FleetApp } from './core/app';
import { withCommandConsent, type ConsentOptions } from './cli-consent';
import { estimateLines, runSummaryLine } from './cli-implement-lines';
import { hasEnded, watchBatch } from './cli-implement-watch';
import { FleetError } from '../shared/errors';
import type { ImplementRequest, ImplementRun, ImplementStarted } from '../shared/types-implement';
import { INTERRUPTED } from './cli-exit';

export { parseImplementValues, type ImplementValues } from './cli-implement-flags';

export interface ImplementCommandOptions {
  request: ImplementRequest;
  yes: boolean;
  commit: boolean;
  commitFailing: boolean;
  /** --fix-ci: read the module branch's failing CI (from `remote`, default the push remote) and start a repair run. */
  fixCi?: { remote?: string };
}

type Print = (line?: string) => unknown;
type PrintErr = (line: string) => unknown;


/** Why a run in review is not committed by --commit, or null when it is. No check command counts as not passed. */
export function commitRefusal(run: ImplementRun, commitFailing: boolean): string | null {
  if (run.state !== 'review') return `it is ${run.state}`;
  if (run.changedFiles === 0) return 'it changed no file';
  if (commitFailing) return null;
  if (!run.check || run.check.state === 'not-configured') return 'no check command is set, so nothing shows the change works (--commit-failing commits it anyway)';
  return run.check.state === 'passed' ? null : `its check ${run.check.state} (--commit-failing commits it anyway)`;
}

/**
 * Whether a run counts as a success for the exit code: committed, or (without --commit) waiting for review with at
 * least one changed file and a check that passed or is not set. Failed, cancelled, discarded, no change (whatever
 * stopped it: budget, max turns, the model) and a check that did not pass all count as failures.
 */
export function runSucceeded(run: ImplementRun, commit: boolean): boolean {
  if (run.state === 'committed') return true;
  if (commit || run.state !== 'review' || run.changedFiles === 0) return false;
  return !run.check || run.check.state === 'passed' || run.check.state === 'not-configured';
}

async function commitRuns(app: FleetApp, runs: ImplementRun[], options: ImplementCommandOptions, print: Print): Promise<ImplementRun[]> {
  const after: ImplementRun[] = [];
  for (const run of runs) {
    const refusal = run.state === 'review' ? commitRefusal(run, options.commitFailing) : 'skip';
    if (refusal === 'skip') after.push(run);
    else if (refusal) {
      print(`not committed: ${run.moduleId}: ${refusal}`);
      after.push(run);
    } else {
      try {
        const committed = await app.handlers.acceptRun({ runId: run.runId });
        print(`committed ${run.moduleId} on module/${run.moduleId} as ${committed.commit?.slice(0, 10) ?? '?'}`);
        after.push(committed);
      } catch (error) {
        print(`not committed: ${run.moduleId}: ${(error as Error).message}`);
        after.push(run);
      }
    }
  }
  return after;
}

/** --fix-ci: the failure context read from the host (printed), and the start of a repair run whose instruction holds it. */
async function ciRepairStart(app: FleetApp, request: ImplementRequest, remote: string | undefined, print: Print): Promise<() => Promise<ImplementStarted>> {
  const moduleId = (request.modules as string[])[0]!;
  const context = await app.handlers.ciFailureContext({ moduleId, ...(remote ? { remote } : {}) });
  print(`CI of ${context.branch} fails at ${context.tip.slice(0, 10)} on ${context.repository}: ${context.checks.map((c) => c.name).join(', ')}.`);
  if (context.localTip !== context.tip) print(`Note: the local ${context.branch} is at ${context.localTip?.slice(0, 10) ?? 'nothing'}; the repair starts from it.`);
  const instruction = request.instruction ? `${context.instruction}\n## From the user\n${request.instruction}` : context.instruction;
  const { modules: _modules, concurrency: _concurrency, instruction: _given, ...choice } = request;
  const repairs = { remote: context.remote, host: context.host, tip: context.tip, checks: context.checks.map((c) => c.name), url: context.checks.find((c) => c.url)?.url ?? null };
  return () => app.handlers.startCiRepair({ ...choice, moduleId, instruction: instruction.slice(0, 20_000), repairs });
}

/** Prints the estimate; with --yes runs the batch to its end. Returns the process's exit code. */
export async function implementCommand(app: FleetApp, options: ImplementCommandOptions, print: Print, printErr: PrintErr, consent: ConsentOptions): Promise<number> {
  const estimate = await app.handlers.estimateImplement(options.request);
  for (const line of estimateLines(estimate)) print(line);
  if (estimate.totals.runs === 0) {
    throw new FleetError('DESIGN_MISSING', estimate.runs.length ? 'Every module is blocked (see the notes above): nothing to run.' : 'No module to implement: none has an approved TO-BE design.');
  }
  if (!options.yes) {
    print('Nothing started: add --yes to start these runs.');
    return 0;
  }
  const watch = watchBatch(app, printErr);
  let batchId: string | null = null;
  let interrupted = false;
  const cancel = () => {
    if (interrupted) process.exit(INTERRUPTED); // a second Ctrl+C does not wait
    interrupted = true;
    printErr('Cancelling the runs (changes made so far stay for review)… Ctrl+C again to quit at once.');
    if (batchId) void app.handlers.cancelImplementBatch({ batchId }).catch(() => undefined);
  };
  process.on('SIGINT', cancel);
  try {
    // The check command (and any run_command allow-list) come from the manifest: they run only once confirmed here.
    const start = options.fixCi ? await ciRepairStart(app, options.request, options.fixCi.remote, print) : () => app.handlers.startImplement(options.request);
    const started = await withCommandConsent(app, start, consent, (line) => printErr(line));
    batchId = started.batchId;
    if (interrupted) void app.handlers.cancelImplementBatch({ batchId }).catch(() => undefined);
    print(`Batch ${started.batchId}: ${started.runIds.length} run${started.runIds.length === 1 ? '' : 's'} started.`);
    await watch.follow(started.batchId, started.runIds);
    const listed = await app.handlers.listImplementRuns({});
    let runs = started.runIds.map((id) => listed.find((r) => r.runId === id)).filter((r): r is ImplementRun => r !== undefined);
    if (options.commit && !interrupted) runs = await commitRuns(app, runs, options, print);
    print('');
    for (const run of runs) print(runSummaryLine(run));
    const waiting = runs.filter((r) => r.state === 'review' || (r.workingCopy && !hasEnded(r)));
    if (waiting.length > 0) print(`Waiting for review: ${waiting.map((r) => r.moduleId).join(', ')}. Review, accept or discard in Fleet Control (the module's Changes view), e.g. \`fleet-control serve <repo>\`.`);
    const cost = runs.reduce((sum, r) => sum + r.costUsd, 0);
    const ok = runs.filter((r) => runSucceeded(r, options.commit)).length;
    print(`${ok} of ${started.runIds.length} runs ${options.commit ? 'committed' : 'ready for review'}; ${cost.toFixed(4)} USD spent.`);
    if (interrupted) return INTERRUPTED;
    return ok === started.runIds.length && runs.length === started.runIds.length ? 0 : 1;
  } finally {
    watch.stop();
    process.off('SIGINT', cancel);
  }
}
