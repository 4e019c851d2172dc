// `fleet-control runner-job`: one implementation run (or one check) of one module on a CI runner, headless. The
// workflow has checked out the module branch; this verifies the tip, runs the module through the same run service as
// the app, commits a change to the local branch fleet/review/<module>/<run> (the workflow's next step pushes it, with
// the checkout's credentials) and writes record.json and the transcript into the output folder the workflow uploads.

import { join } from 'node:path';
import { version } from '../../package.json';
import type { FleetApp } from './core/app';
import { withCommandConsent } from './cli-consent';
import { watchBatch } from './cli-implement-watch';
import { keyEnvironment } from './core/launcher/held-secrets';
import { runTrailers } from './core/implement/service/review';
import type { StoredRun } from './core/implement/service/run-store';
import { requireBudgetForOneRun, requireCheckoutAt, requireProviderKey } from './core/runner/preflight';
import { commitToReviewBranch } from './core/runner/review-branch';
import { runCheckJob } from './cli-runner-check';
import { writeRunnerRecord, writeRunnerTranscript } from './core/runner/runner-output';
import { Workspace } from './core/workspace/workspace';
import { FleetError, toErrorPayload } from '../shared/errors';
import type { EngineId } from '../shared/types-engines';
import type { ImplementRequest } from '../shared/types-implement';
import { reviewBranchName, RUNNER_RECORD_VERSION, type RunnerJobInput, type RunnerRecord } from '../shared/types-runner';

export interface RunnerJobOptions {
  input: RunnerJobInput;
  engine?: EngineId;
  provider?: string;
  model?: string;
  baseUrl?: string;
  maxTurns?: number;
  maxMinutes?: number;
  /** The folder the workflow uploads as the artifact. */
  outDir: string;
  /** Where the provider keys are read (default: this process's, see held-secrets.ts). */
  keyEnv?: NodeJS.ProcessEnv;
}

type Print = (line: string) => unknown;
type Ending = Pick<RunnerRecord, 'outcome' | 'reviewBranch' | 'reviewCommit' | 'costUsd' | 'costKnown' | 'run' | 'check' | 'error'>;

/** Runs the job and writes its record (also when it fails); returns the exit code: 0 for a review branch or a passed check. */
export async function runnerJobCommand(app: FleetApp, repoPath: string, options: RunnerJobOptions, print: Print, printErr: Print): Promise<number> {
  const { input } = options;
  const startedAt = new Date().toISOString();
  let branch = '';
  const finish = async (ending: Ending): Promise<void> => {
    const record: RunnerRecord = { version: RUNNER_RECORD_VERSION, kind: input.kind, runId: input.runId, moduleId: input.moduleId, branch, tip: input.tip, budgetUsd: input.budgetUsd ?? null, startedAt, finishedAt: new Date().toISOString(), fleetControlVersion: version, ...ending };
    print(`record: ${await writeRunnerRecord(options.outDir, record)}`);
  };
  try {
    const workspace = await Workspace.open(repoPath);
    branch = await requireCheckoutAt(workspace, input.moduleId, input.tip);
    const ending = input.kind === 'check' ? await checkJob(app, input, printErr) : await implementJob(app, workspace, options, printErr);
    if (ending.reviewBranch) print(`review branch: ${ending.reviewBranch} at ${ending.reviewCommit}`);
    print(`outcome: ${ending.outcome}`);
    await finish(ending);
    return ending.outcome === 'review' || ending.outcome === 'passed' ? 0 : 1;
  } catch (error) {
    const payload = toErrorPayload(error);
    await finish({ outcome: 'failed', reviewBranch: null, reviewCommit: null, costUsd: 0, costKnown: true, run: null, check: null, error: { code: payload.code, message: payload.message } }).catch((e: unknown) => printErr(`error: the record could not be written: ${(e as Error).message}`));
    throw error;
  }
}

async function checkJob(app: FleetApp, input: RunnerJobInput, printErr: Print): Promise<Ending> {
  const result = await runCheckJob(app, input.moduleId, printErr);
  return { outcome: result.state === 'passed' ? 'passed' : 'check-failed', reviewBranch: null, reviewCommit: null, costUsd: 0, costKnown: true, run: null, check: { ...result }, error: null };
}

async function implementJob(app: FleetApp, workspace: Workspace, options: RunnerJobOptions, printErr: Print): Promise<Ending> {
  const { input } = options;
  if (input.budgetUsd === undefined) throw new FleetError('INVALID_INPUT', 'An implementation run on a runner needs a budget (--budget): nothing was run.');
  const engine = options.engine ?? 'builtin';
  if (engine === 'builtin') {
    const providerId = options.provider ?? (await app.handlers.getAgentSettings({})).defaultProvider;
    const provider = (await app.handlers.listProviders({})).find((p) => p.id === providerId);
    if (!provider) throw new FleetError('PROVIDER_NOT_FOUND', `There is no provider "${providerId}" here: the runner knows the built-in ones.`, { provider: providerId });
    requireProviderKey(provider, options.keyEnv ?? keyEnvironment());
  }
  const request: ImplementRequest = { modules: [input.moduleId], engine, budgetUsd: input.budgetUsd, concurrency: 1 };
  for (const [key, value] of [['provider', options.provider], ['model', options.model], ['baseUrl', options.baseUrl], ['maxTurns', options.maxTurns], ['maxMinutes', options.maxMinutes]] as const) {
    if (value !== undefined) Object.assign(request, { [key]: value });
  }
  requireBudgetForOneRun(await app.handlers.estimateImplement(request), input.moduleId, input.budgetUsd);
  const watch = watchBatch(app, printErr);
  try {
    // The check command comes from the manifest; on the team's CI runner it runs like any CI step of the repository
    // (the dispatch came from someone with write access), without the provider key, which only this process holds.
    const started = await withCommandConsent(app, () => app.handlers.startImplement(request), { trustCommands: true }, printErr);
    await watch.follow(started.batchId, started.runIds);
    const detail = await app.handlers.getImplementRun({ runId: started.runIds[0]! });
    await writeRunnerTranscript(options.outDir, detail.transcript);
    const { transcript: _transcript, ...run } = detail;
    const base = { costUsd: run.costUsd, costKnown: run.costKnown !== false, run: { ...run }, check: null };
    if (run.state !== 'review' || detail.files.length === 0) {
      // An error ends it as failed; a run that simply changed nothing (the model saw nothing to do) is no-change.
      const error = run.error ? { code: run.error.code, message: run.error.message } : null;
      return { ...base, outcome: error ? 'failed' : 'no-change', reviewBranch: null, reviewCommit: null, error };
    }
    const reviewBranch = reviewBranchName(input.moduleId, input.runId);
    const subject = `Implement ${input.moduleId}${run.summary ? `: ${run.summary.split('\n')[0]!.slice(0, 120)}` : ''}`;
    const root = (await app.handlers.workingCopyUsage({})).root;
    const trailers = { ...runTrailers({ ...run, editedPaths: [], files: detail.files, baseUrl: null } as StoredRun), 'Fleet-Remote-Run': input.runId };
    const reviewCommit = await commitToReviewBranch({ repo: workspace.repo, branch: reviewBranch, startTip: input.tip, dir: join(root, run.runId), files: detail.files, message: subject, trailers });
    return { ...base, outcome: 'review', reviewBranch, reviewCommit, error: null };
  } finally {
    watch.stop();
  }
}
