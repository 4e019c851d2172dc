// A stand-in for an Azure Pipelines agent: it takes the runs queued on the loopback Azure DevOps server, expands the
// pipeline's template expressions (${{ parameters.x }}, trim()) with the run's parameters, and runs its one job's
// steps in a fresh temporary folder as an agent would: `checkout: self` of the queued commit with the git CLI,
// NodeTool, `script` steps in bash (no -e, as Azure's script step) after runtime macro expansion ($(Agent.TempDirectory),
// secret variables; an undefined variable's macro is left as written, as Azure does), conditions, and
// PublishPipelineArtifact as a zip on the run. Each step's state goes to the run's timeline; cancel is honoured.

import { join } from 'node:path';
import { parse } from 'yaml';
import type { AgentRoutes, ServedAzureRun, ServedRecord, TaskResult } from './azure-agent-routes';
import { makeTempDir } from './git';
import { checkout, runScript, zipFolder } from './stand-in-steps';

interface PipelineStep {
  checkout?: string;
  task?: string;
  script?: string;
  displayName?: string;
  condition?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  persistCredentials?: boolean;
  fetchDepth?: number;
}

interface Job {
  job: string;
  displayName?: string;
  steps: PipelineStep[];
}

export interface StandInAgentOptions {
  routes: AgentRoutes;
  /** The repository's clone address and the token the checkout persists. */
  cloneUrl: string;
  token: string;
  /** Secret variables of the pipeline, by name. */
  secrets: Record<string, string>;
  /** Jobs run at once (default 1): more queued runs wait. */
  agents?: number;
}

/** `value` with every ${{ parameters.x }} and ${{ trim(parameters.x) }} replaced, in every string of a parsed YAML. */
function expandTemplate(value: unknown, parameters: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{\{\s*(trim\()?\s*parameters\.(\w+)\s*\)?\s*\}\}/g, (_, trim: string | undefined, name: string) => {
      if (!(name in parameters)) throw new Error(`the stand-in agent has no parameter "${name}"`);
      return trim ? parameters[name]!.trim() : parameters[name]!;
    });
  }
  if (Array.isArray(value)) return value.map((v) => expandTemplate(v, parameters));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTemplate(v, parameters)]));
  return value;
}

/** A condition: and/or/not/eq/ne over string literals and the status functions. */
function evaluate(text: string, status: { failed: boolean; cancelled: boolean }): boolean {
  let at = 0;
  const skip = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const value = (): string | boolean => {
    skip();
    if (text[at] === "'") {
      const end = text.indexOf("'", at + 1);
      const literal = text.slice(at + 1, end);
      at = end + 1;
      return literal;
    }
    const name = /^[A-Za-z]+/.exec(text.slice(at))![0];
    at += name.length;
    skip();
    if (text[at++] !== '(') throw new Error(`the stand-in agent cannot evaluate "${text}"`);
    const args: Array<string | boolean> = [];
    skip();
    while (text[at] !== ')') {
      args.push(value());
      skip();
      if (text[at] === ',') at++;
      skip();
    }
    at++;
    const fns: Record<string, () => boolean> = {
      always: () => true,
      succeeded: () => !status.failed && !status.cancelled,
      failed: () => status.failed && !status.cancelled,
      canceled: () => status.cancelled,
      succeededOrFailed: () => !status.cancelled,
      and: () => args.every(Boolean),
      or: () => args.some(Boolean),
      not: () => !args[0],
      eq: () => String(args[0]).toLowerCase() === String(args[1]).toLowerCase(),
      ne: () => String(args[0]).toLowerCase() !== String(args[1]).toLowerCase(),
    };
    if (!fns[name]) throw new Error(`the stand-in agent does not know the function ${name}()`);
    return fns[name]();
  };
  return Boolean(value());
}

export class StandInAzureAgent {
  private readonly queue: ServedAzureRun[] = [];
  private busy = 0;

  constructor(private readonly options: StandInAgentOptions) {
    options.routes.onQueued = (run) => {
      this.queue.push(run);
      this.next();
    };
  }

  private next(): void {
    while (this.busy < (this.options.agents ?? 1) && this.queue.length) {
      const run = this.queue.shift()!;
      this.busy++;
      void this.execute(run)
        .catch(() => Object.assign(run, { status: 'completed', result: 'failed' }))
        .finally(() => {
          this.options.routes.touch(run, true);
          this.busy--;
          this.next();
        });
    }
  }

  private async execute(run: ServedAzureRun): Promise<void> {
    const { routes } = this.options;
    if (run.cancelRequested) return void Object.assign(run, { status: 'completed', result: 'canceled' });
    const pipeline = expandTemplate(parse(run.yaml), run.parameters) as { jobs: Job[] };
    const job = pipeline.jobs[0]!;
    const now = () => new Date().toISOString();
    const sources = makeTempDir('fleet-azure-agent-s-');
    const temp = makeTempDir('fleet-azure-agent-temp-');
    const home = makeTempDir('fleet-azure-agent-home-');
    const record = (type: ServedRecord['type'], id: string, parentId: string | null, name: string, order: number): ServedRecord => ({ id, parentId, type, name, order, state: 'pending', result: null, startTime: null, finishTime: null });
    const stage = record('Stage', 'stage-1', null, '__default', 1);
    const phase = record('Phase', 'phase-1', 'stage-1', job.job, 1);
    const jobRecord = record('Job', 'job-1', 'phase-1', job.displayName ?? job.job, 1);
    const names = ['Initialize job', ...job.steps.map((s) => s.displayName ?? (s.checkout ? `Checkout ${s.checkout}` : s.task ?? 'CmdLine')), 'Finalize Job'];
    const tasks = names.map((name, i) => record('Task', `task-${i + 1}`, 'job-1', name, i + 1));
    run.records = [stage, phase, jobRecord, ...tasks];
    const begin = (...records: ServedRecord[]) => records.forEach((r) => Object.assign(r, { state: 'inProgress', startTime: now() }));
    const end = (r: ServedRecord, result: TaskResult) => Object.assign(r, { state: 'completed', result, finishTime: now() });
    begin(stage, phase, jobRecord, tasks[0]!);
    run.status = 'inProgress';
    routes.touch(run, true);
    end(tasks[0]!, 'succeeded');
    const status = { failed: false, cancelled: false };
    const variables: Record<string, string> = { 'Agent.TempDirectory': temp, 'Build.SourcesDirectory': sources, 'Build.BuildId': String(run.id), ...this.options.secrets };
    const macros = (text: string) => text.replace(/\$\(([\w.]+)\)/g, (whole, name: string) => variables[name] ?? whole);
    for (const [index, step] of job.steps.entries()) {
      status.cancelled ||= run.cancelRequested;
      const task = tasks[index + 1]!;
      if (!evaluate(step.condition ?? 'succeeded()', status)) {
        end(task, 'skipped');
        routes.touch(run);
        continue;
      }
      begin(task);
      routes.touch(run);
      const ok = await this.step(step, run, { sources, temp, home, macros });
      status.cancelled ||= run.cancelRequested;
      if (!ok && !status.cancelled) status.failed = true;
      end(task, ok ? 'succeeded' : status.cancelled ? 'canceled' : 'failed');
      routes.touch(run);
    }
    end(tasks.at(-1)!, 'succeeded');
    const result = status.cancelled ? 'canceled' : status.failed ? 'failed' : 'succeeded';
    for (const r of [jobRecord, phase, stage]) end(r, result);
    Object.assign(run, { status: 'completed', result });
  }

  private async step(step: PipelineStep, run: ServedAzureRun, where: { sources: string; temp: string; home: string; macros: (text: string) => string }): Promise<boolean> {
    try {
      if (step.checkout === 'self') {
        await checkout({ url: this.options.cloneUrl, token: this.options.token, dir: where.sources, ref: run.sha, depth: step.fetchDepth ?? 0, persistCredentials: step.persistCredentials === true });
        return true;
      }
      const inputs = Object.fromEntries(Object.entries(step.inputs ?? {}).map(([k, v]) => [k, where.macros(String(v))]));
      if (step.task === 'NodeTool@0') return Number(process.versions.node.split('.')[0]) >= Number(inputs.versionSpec!.split('.')[0]);
      if (step.task === 'PublishPipelineArtifact@1') {
        const zip = zipFolder(inputs.targetPath!);
        if (zip) run.artifacts.set(inputs.artifact!, zip);
        return zip !== null;
      }
      if (step.task || step.script === undefined) throw new Error(`the stand-in agent does not know the step ${JSON.stringify(step)}`);
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: where.home, LANG: 'C.UTF-8', TF_BUILD: 'True', AGENT_TEMPDIRECTORY: where.temp, BUILD_SOURCESDIRECTORY: where.sources, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
      for (const [name, text] of Object.entries(step.env ?? {})) env[name] = where.macros(String(text));
      const script = runScript(where.macros(step.script), where.sources, env, (text) => (run.log += text), join(where.temp, '_scripts'), []);
      const watch = setInterval(() => run.cancelRequested && script.stop(), 100);
      return (await script.done.finally(() => clearInterval(watch))) === 0;
    } catch (error) {
      run.log += `##[error]${(error as Error).message}\n`;
      return false;
    }
  }
}
