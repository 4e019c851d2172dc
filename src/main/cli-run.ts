// `fleet-control run`: a batch of agent runs from the command line. Prints the estimate (and exits 1 with what would
// stop the batch from starting, such as a missing key), asks for approval on stdin (unless --yes), streams progress to stderr, writes drafts (or commits them with --commit, with the runs'
// provenance trailers), prints the totals, and reports whether every run succeeded.

import { createInterface } from 'node:readline';
import type { FleetApp } from './core/app';
import { DOC_KINDS, type DocKind } from '../shared/documents';
import { FleetError } from '../shared/errors';
import type { CommitResult } from '../shared/types';
import type { BatchEstimate, BatchProgress, BatchRequest, BatchStarted, RunList, RunProgress, RunRecord } from '../shared/types-agents';

export interface RunCommandOptions {
  request: BatchRequest;
  yes: boolean;
  commit: boolean;
}

export interface RunValues {
  doc?: string[];
  modules?: string[];
  all?: boolean;
  provider?: string;
  model?: string;
  'base-url'?: string;
  budget?: string;
  concurrency?: string;
  yes?: boolean;
  commit?: boolean;
}

type Print = (line?: string) => unknown;
type PrintErr = (line: string) => unknown;

const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** Turns the parsed flags into a batch request; `usage` builds the error for bad usage (exit code 2). */
export function parseRunValues(values: RunValues, usage: (message: string) => Error): RunCommandOptions {
  const kinds = list(values.doc);
  if (kinds.length === 0) throw usage(`run needs --doc (${DOC_KINDS.join(', ')})`);
  for (const kind of kinds) if (!(DOC_KINDS as readonly string[]).includes(kind)) throw usage(`--doc must be one of ${DOC_KINDS.join(', ')}, got "${kind}"`);
  const modules = list(values.modules);
  if (values.all && modules.length) throw usage('give either --modules or --all, not both');
  if (!values.all && modules.length === 0) throw usage('run needs --modules a,b or --all');
  const request: BatchRequest = { modules: values.all ? 'all' : modules, kinds: kinds as DocKind[] };
  if (values.provider) request.provider = values.provider;
  if (values.model) request.model = values.model;
  if (values['base-url']) request.baseUrl = values['base-url'];
  if (values.budget !== undefined) {
    const budget = Number(values.budget);
    if (!/^\d+(\.\d+)?$/.test(values.budget) || !Number.isFinite(budget)) throw usage(`--budget must be a number of dollars such as 2.50, got "${values.budget}"`);
    request.budgetUsd = budget;
  }
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || n < 1 || n > 32) throw usage(`--concurrency must be a whole number from 1 to 32, got "${values.concurrency}"`);
    request.concurrency = n;
  }
  return { request, yes: values.yes === true, commit: values.commit === true };
}

const dollars = (n: number | null): string => (n === null ? '?' : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`);

function printEstimate(estimate: BatchEstimate, print: Print): void {
  const rows = estimate.runs.map((r) => [`${r.moduleId}`, r.kind, `${r.filesSent}/${r.matchedFiles}`, String(r.inputTokens), String(r.outputTokens), dollars(r.costUsd), r.blocked ? `blocked: ${r.blocked}` : r.warnings.join(' ')]);
  const header = ['MODULE', 'DOC', 'FILES', 'IN', 'OUT', 'COST', 'NOTES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < 6 ? r[i]!.length : 0))));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 6 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
  print(line(header));
  for (const row of rows) print(line(row));
  const { budget } = estimate;
  const caps = [budget.batchUsd !== null ? `batch budget ${dollars(budget.batchUsd)}` : '', budget.workspaceUsd !== null ? `workspace budget ${dollars(budget.workspaceUsd)} (${dollars(budget.workspaceSpentUsd)} spent)` : ''].filter(Boolean);
  print('');
  print(`${estimate.summary.replace(/: approve\?$/, '')}${caps.length ? `; ${caps.join(', ')}` : ''}.`);
}

function ask(question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
    let answered = false;
    process.stderr.write(question);
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve(null);
    });
  });
}

function waitForBatch(app: FleetApp, batchId: string, printErr: PrintErr): { done: Promise<BatchProgress>; stop: () => void } {
  let stop: () => void = () => undefined;
  const done = new Promise<BatchProgress>((resolve) => {
    stop = app.onEvent((event, payload) => {
      if (event === 'runProgress') {
        const p = payload as RunProgress;
        if (p.message && p.state === 'running') printErr(`  ${p.moduleId} ${p.kind}: ${p.message}`);
        else if (p.state === 'running' && p.delta === '' && p.outputChars === 0) printErr(`  ${p.moduleId} ${p.kind}: running`);
      } else if (event === 'runFinished') {
        const r = payload as RunRecord;
        const figures = r.state === 'succeeded' ? `${r.tokensIn} in, ${r.tokensOut} out, ${dollars(r.costUsd)}, ${(r.durationMs / 1000).toFixed(1)} s` : (r.error?.message ?? '');
        printErr(`${r.state === 'succeeded' ? 'done' : r.state}: ${r.moduleId} ${r.kind}${figures ? ` (${figures})` : ''}`);
      } else if (event === 'batchProgress') {
        const b = payload as BatchProgress;
        if (b.batchId !== batchId) return;
        printErr(`[${b.done}/${b.total}] ${dollars(b.spentUsd)} spent`);
        if (b.state !== 'running') resolve(b);
      }
    });
  });
  return { done, stop };
}

/** The error codes of a commit that changed nothing; anything else is rethrown. */
const errorCode = (error: unknown): string | undefined => (error instanceof FleetError ? error.code : undefined);

/**
 * Commits a run's draft onto its module branch's current tip, as the app's "commit all reviewed" does: the branch
 * may have moved during the run (another document committed), but not the document itself, else BRANCH_MOVED and
 * the draft stays. The commit is a compare-and-swap on the tip just read; a branch moving again in between is read
 * and checked once more.
 */
async function commitAtCurrentTip(app: FleetApp, run: RunRecord): Promise<CommitResult> {
  for (let attempt = 1; ; attempt++) {
    app.refreshRefs(); // no repository watcher here: the branch is read as it is now, not as the run found it
    const { card } = await app.handlers.getModule({ moduleId: run.moduleId });
    if (!card.tip) throw new FleetError('MODULE_BRANCH_MISSING', `${card.branch} does not exist: run fleet-control init first`, { branch: card.branch });
    if ((card.docs.find((doc) => doc.kind === run.kind)?.blobId ?? null) !== run.baseBlobId) {
      throw new FleetError('BRANCH_MOVED', `${run.moduleId} ${run.kind} changed on ${card.branch} while the run worked; the draft is kept: open it in Fleet Control to merge the two, then commit`, { branch: card.branch });
    }
    try {
      return await app.handlers.commitRun({ runId: run.runId, expectedTip: card.tip });
    } catch (error) {
      if (errorCode(error) !== 'BRANCH_MOVED' || attempt >= 3) throw error;
    }
  }
}

async function commitRuns(app: FleetApp, runs: RunRecord[], print: Print): Promise<number> {
  let failures = 0;
  for (const run of runs.filter((r) => r.state === 'succeeded')) {
    try {
      const result = await commitAtCurrentTip(app, run);
      print(`committed ${run.moduleId} ${run.kind} on ${result.branch} as ${result.commit.slice(0, 10)}`);
    } catch (error) {
      failures++;
      print(`not committed: ${run.moduleId} ${run.kind}: ${(error as Error).message}`);
    }
  }
  return failures;
}

/** Runs the batch; true when every run that could run succeeded (and, with --commit, was committed). */
export async function runCommand(app: FleetApp, options: RunCommandOptions, print: Print, printErr: PrintErr): Promise<boolean> {
  const estimate = await app.handlers.estimateBatch(options.request);
  printEstimate(estimate, print);
  // What Approve would refuse (a missing key, a price missing under a budget, another process's batches) is said
  // now: asking first would only lead to the same refusal.
  const { cannotStart } = estimate;
  if (cannotStart) throw new FleetError(cannotStart.code, `cannot start: ${cannotStart.message}`, cannotStart.data);
  if (estimate.totals.runs === 0) throw new FleetError('NO_FILES_MATCH', 'Every run is blocked (see the notes above): nothing to run.');
  if (!options.yes) {
    const answer = await ask('Approve? [y/N] ');
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
      print('Not approved: nothing ran.');
      return false;
    }
  }
  const started: BatchStarted = await app.handlers.startBatch(options.request);
  const watch = waitForBatch(app, started.batchId, printErr);
  const end = await watch.done.finally(watch.stop);
  const { runs, totals } = (await app.handlers.listRuns({ batchId: started.batchId })) as RunList;
  const commitFailures = options.commit ? await commitRuns(app, runs, print) : 0;
  print('');
  print(`Batch ${started.batchId}: ${end.state}${end.stopReason ? ` (${end.stopReason.message})` : ''}`);
  print(`  runs ${totals.runs}: ${totals.succeeded} succeeded, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.cancelled} cancelled`);
  print(`  tokens ${totals.tokensIn} in, ${totals.tokensOut} out; cost ${dollars(totals.costUsd)}; ${(totals.durationMs / 1000).toFixed(1)} s of run time`);
  for (const run of runs.filter((r) => r.state === 'failed')) print(`  failed: ${run.moduleId} ${run.kind}: ${run.error?.message ?? 'unknown error'}`);
  if (!options.commit && totals.succeeded > 0) print('  Drafts are saved: review them in Fleet Control, or run again with --commit.');
  return totals.failed === 0 && commitFailures === 0 && end.state === 'finished';
}
