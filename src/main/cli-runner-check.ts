// A runner job of kind `check`: the module's check command on its branch tip, as `fleet-control check` runs it, for one
// module, returning its result for the job's record (the command's output goes to the CI log as it comes).

import type { FleetApp } from './core/app';
import { withCommandConsent } from './cli-consent';
import { formatCheckLine } from './cli-checks';
import { FleetError } from '../shared/errors';
import type { JobFinished } from '../shared/types';
import type { CheckBatchReport, CheckOutput, CheckResult } from '../shared/types-checks';

/** Runs the check of `moduleId` and resolves with its result; the check's own failure is a result, not an error. */
export async function runCheckJob(app: FleetApp, moduleId: string, printErr: (line: string) => unknown): Promise<CheckResult> {
  let jobId: string | null = null;
  const early: JobFinished[] = [];
  let settle: (finished: JobFinished) => void = (finished) => void early.push(finished);
  const off = app.onEvent((event, payload) => {
    if (event === 'checkOutput' && (payload as CheckOutput).moduleId === moduleId) process.stderr.write((payload as CheckOutput).chunk);
    if (event === 'jobFinished' && (payload as JobFinished).kind === 'checks') settle(payload as JobFinished);
  });
  try {
    // On the team's runner the manifest's command runs like any CI step of the repository (see cli-runner-job.ts).
    jobId = (await withCommandConsent(app, () => app.handlers.runChecks({ modules: [moduleId] }), { trustCommands: true }, printErr)).jobId;
    const finished = await new Promise<JobFinished>((resolve) => {
      const mine = early.find((f) => f.jobId === jobId);
      if (mine) return resolve(mine);
      settle = (f) => f.jobId === jobId && resolve(f);
    });
    if (!finished.ok || finished.kind !== 'checks') throw new FleetError(finished.error?.code ?? 'INTERNAL', finished.error?.message ?? 'The check did not finish.');
    const report = finished.result as CheckBatchReport;
    const skipped = report.skipped.find((s) => s.moduleId === moduleId);
    if (skipped) throw new FleetError(skipped.error.code, skipped.error.message, { moduleId });
    const result = report.results.find((r) => r.moduleId === moduleId);
    if (!result) throw new FleetError('INTERNAL', `The check of ${moduleId} left no result.`, { moduleId });
    printErr(formatCheckLine(result));
    return result;
  } finally {
    off();
  }
}
