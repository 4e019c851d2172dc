// `fleet-control check <repo> (--modules a,b | --all) [--json] [--trust-commands]`: the manifest's check command on module branches,
// each in its own temporary checkout, a few at a time. A line per module as it ends; Ctrl+C cancels cleanly.

import type { FleetApp } from './core/app';
import { withCommandConsent, type ConsentOptions } from './cli-consent';
import { FleetError } from '../shared/errors';
import type { JobFinished } from '../shared/types';
import type { CheckBatchReport, CheckResult, CheckStatus } from '../shared/types-checks';

type Print = (line?: string) => void;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One module's outcome in a line: id, state, duration, commit, and the reason when it did not pass. */
export function formatCheckLine(result: CheckResult): string {
  const reason = result.state === 'passed' ? '' : `  ${result.message ?? ''}`;
  return `${result.moduleId}  ${result.state}  ${seconds(result.durationMs)}  ${result.commit.slice(0, 7)}${reason}`.trimEnd();
}

/** Runs the checks as one job and prints them; true when every module's check passed. */
export async function checkCommand(app: FleetApp, modules: string[] | 'all', json: boolean, print: Print, printErr: (line: string) => void, consent: ConsentOptions = { trustCommands: false }): Promise<boolean> {
  let jobId: string | null = null;
  let done = 0;
  const early: JobFinished[] = [];
  let settle: (finished: JobFinished) => void = (finished) => void early.push(finished);
  const off = app.onEvent((event, payload) => {
    if (event === 'jobFinished' && (payload as JobFinished).kind === 'checks') settle(payload as JobFinished);
    if (event !== 'checkStatus') return;
    const status = payload as CheckStatus;
    if (status.state === 'queued' || status.state === 'running') return;
    done++;
    if (status.result) printErr(`[${done}] ${formatCheckLine(status.result)}`);
    else if (status.error) printErr(`[${done}] ${status.moduleId}  not run  ${status.error.message}`);
  });
  // The commands run in their own process groups: Ctrl+C must stop them, not leave them behind.
  const cancel = () => {
    printErr('Cancelling the checks…');
    if (jobId) void app.handlers.cancelJob({ jobId });
  };
  process.once('SIGINT', cancel);
  try {
    // The manifest's command runs only once this machine's user confirmed it (asked, or --trust-commands).
    jobId = (await withCommandConsent(app, () => app.handlers.runChecks({ modules }), consent, printErr)).jobId;
    const finished = await new Promise<JobFinished>((resolve) => {
      const mine = early.find((f) => f.jobId === jobId);
      if (mine) return resolve(mine);
      settle = (f) => f.jobId === jobId && resolve(f);
    });
    if (!finished.ok || finished.kind !== 'checks') throw new FleetError(finished.error?.code ?? 'INTERNAL', finished.error?.message ?? 'The checks did not finish.');
    const report = finished.result as CheckBatchReport;
    if (json) print(JSON.stringify(report, null, 2));
    else {
      const passed = report.results.filter((r) => r.state === 'passed').length;
      print(`${passed} of ${report.results.length + report.skipped.length} modules passed${report.cancelled ? ' (cancelled)' : ''}.`);
      for (const result of report.results.filter((r) => r.state !== 'passed')) print(`  ${formatCheckLine(result)}`);
      for (const skipped of report.skipped) print(`  ${skipped.moduleId}  not run  ${skipped.error.message}`);
    }
    return !report.cancelled && report.skipped.length === 0 && report.results.every((r) => r.state === 'passed');
  } finally {
    off();
    process.off('SIGINT', cancel);
  }
}
