// A stand-in for a GitHub Actions runner: it takes the runs dispatched to the loopback Actions server, reads the
// workflow file of the dispatched commit and runs its one job's steps in a fresh temporary workspace, as a runner
// would (see stand-in-steps.ts), against the repository served by git's http-backend; it reports each step's state to
// the server as it goes, keeps the log, uploads the artifact and honours cancel. Only the repository's secrets it was
// given reach the step that names them.

import { join } from 'node:path';
import { parse } from 'yaml';
import type { ActionsServer, ServedRun, ServedStep } from './actions-server';
import { makeTempDir } from './git';
import { checkout, condition, runScript, substitute, zipFolder, type StepContext } from './stand-in-steps';

interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface StandInRunnerOptions {
  actions: ActionsServer;
  /** The repository's clone URL (without credentials) and the token the checkout uses, as GITHUB_TOKEN. */
  cloneUrl: (repo: string) => string;
  token: string;
  /** The repository's secrets, by name. */
  secrets: Record<string, string>;
  /** Jobs run at once (default 1): more dispatched runs wait queued. */
  runners?: number;
}

export class StandInRunner {
  private readonly queue: ServedRun[] = [];
  private busy = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: StandInRunnerOptions) {
    options.actions.onDispatch = (run) => {
      this.queue.push(run);
      this.next();
    };
  }

  /** Resolves once no run is queued or running. */
  idle(): Promise<void> {
    if (this.busy === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.busy < (this.options.runners ?? 1) && this.queue.length) {
      const run = this.queue.shift()!;
      this.busy++;
      void this.execute(run)
        .catch((error: Error) => this.options.actions.update(run, { status: 'completed', conclusion: 'failure', jobStatus: 'completed', jobConclusion: 'failure', log: `${run.log}${error.stack}\n` }))
        .finally(() => {
          this.busy--;
          this.next();
          if (this.busy === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }

  private async execute(run: ServedRun): Promise<void> {
    const { actions } = this.options;
    const workspace = makeTempDir('fleet-stand-in-work-');
    const temp = makeTempDir('fleet-stand-in-temp-');
    const home = makeTempDir('fleet-stand-in-home-');
    const job = Object.values((parse(run.workflow) as { jobs: Record<string, { steps: WorkflowStep[] }> }).jobs)[0]!;
    const steps: ServedStep[] = job.steps.map((s, i) => ({ name: s.name ?? s.uses ?? 'Run', number: i + 1, status: 'queued', conclusion: null, started_at: null, completed_at: null }));
    const context: StepContext = { inputs: run.inputs, secrets: this.options.secrets, runner: { temp }, github: { sha: run.sha, workspace }, steps: {}, failed: false, cancelled: false };
    let log = '';
    const write = (text: string) => actions.update(run, { log: (log += text) });
    actions.update(run, { status: 'in_progress', jobStatus: 'in_progress', steps });
    for (const [index, step] of job.steps.entries()) {
      context.cancelled ||= run.cancelRequested;
      const state = steps[index]!;
      if (!condition(step.if, context)) {
        Object.assign(state, { status: 'completed', conclusion: 'skipped' });
        if (step.id) context.steps[step.id] = { outcome: 'skipped' };
        actions.update(run, { steps });
        continue;
      }
      Object.assign(state, { status: 'in_progress', started_at: new Date().toISOString() });
      actions.update(run, { steps });
      write(`##[group]${state.name}\n`);
      const ok = await this.step(step, context, { workspace, temp, home, run, write });
      write('##[endgroup]\n');
      context.cancelled ||= run.cancelRequested;
      const conclusion = ok ? 'success' : context.cancelled ? 'cancelled' : 'failure';
      Object.assign(state, { status: 'completed', conclusion, completed_at: new Date().toISOString() });
      if (step.id) context.steps[step.id] = { outcome: conclusion };
      if (!ok) context.failed = true;
      actions.update(run, { steps });
    }
    const conclusion = context.cancelled ? 'cancelled' : context.failed ? 'failure' : 'success';
    actions.update(run, { status: 'completed', conclusion, jobStatus: 'completed', jobConclusion: conclusion });
  }

  private async step(step: WorkflowStep, context: StepContext, where: { workspace: string; temp: string; home: string; run: ServedRun; write: (text: string) => void }): Promise<boolean> {
    const value = (name: string, fallback = '') => substitute(String(step.with?.[name] ?? fallback), context);
    try {
      if (step.uses?.startsWith('actions/checkout@')) {
        await checkout({ url: this.options.cloneUrl(where.run.repo), token: this.options.token, dir: join(where.workspace, value('path', '.')), ref: value('ref', where.run.ref), depth: Number(value('fetch-depth', '1')), persistCredentials: value('persist-credentials', 'true') !== 'false' });
        return true;
      }
      if (step.uses?.startsWith('actions/setup-node@')) return Number(process.versions.node.split('.')[0]) >= Number(value('node-version'));
      if (step.uses?.startsWith('actions/upload-artifact@')) {
        const zip = zipFolder(value('path'));
        if (zip) this.options.actions.uploadArtifact(where.run, value('name'), zip);
        else where.write(`No files were found with the provided path: ${value('path')}. No artifacts will be uploaded.\n`);
        return zip !== null || value('if-no-files-found', 'warn') !== 'error';
      }
      if (step.uses) throw new Error(`the stand-in runner does not know the action ${step.uses}`);
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: where.home, LANG: 'C.UTF-8', CI: 'true', GITHUB_ACTIONS: 'true', RUNNER_TEMP: where.temp, GITHUB_WORKSPACE: where.workspace, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
      for (const [name, text] of Object.entries(step.env ?? {})) env[name] = substitute(String(text), context);
      const script = runScript(substitute(step.run ?? '', context), join(where.workspace, step['working-directory'] ?? '.'), env, where.write, join(where.temp, '_scripts'));
      const watch = setInterval(() => where.run.cancelRequested && script.stop(), 100);
      const code = await script.done.finally(() => clearInterval(watch));
      if (code !== 0) where.write(`##[error]Process completed with exit code ${code}.\n`);
      return code === 0;
    } catch (error) {
      where.write(`##[error]${(error as Error).message}\n`);
      return false;
    }
  }
}
