// Deploys of the open workspace: start one (checked completely before it returns), follow it in the background to
// the end through its method, cancel it, and record its real outcome in the deployment log on the workspace branch.
// One deploy per environment at a time; deploys of different environments run side by side.

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeployMethodType, EnvironmentDef } from '../../../shared/deploy-config';
import { FleetError, toErrorPayload } from '../../../shared/errors';
import type { DeployOutcome, DeployRun, DeploymentRecord } from '../../../shared/types-deploy';
import { writeFileAtomic } from '../atomic';
import { workspaceDataDir } from '../paths';
import { redact } from '../secrets/redactor';
import { resolveIdentity } from '../workspace/identity';
import type { Workspace } from '../workspace/workspace';
import { commitDeploymentRecord, readDeploymentRecords } from './deploy-log';
import { DeployTracker } from './deploy-tracker';
import { confirmationOf, findEnvironment, sourceBranchOf } from './environments';
import type { DeployMethodRunner, MethodOutcome, PreparedDeploy } from './methods/method';
import { modulesMergedSince } from './modules-since';

export interface DeployServiceOptions {
  appDataDir: string;
  methods: Record<DeployMethodType, DeployMethodRunner>;
  emitRun(run: DeployRun): void;
  emitOutput(deployId: string, chunk: string): void;
  emitChanged(environment: string | null): void;
  log(message: string, error?: unknown): void;
  now?: () => Date;
  /** Keeps the CI poller at its visible pace while the deploy is followed; released when it ends, however it ends. */
  follow?(reason: string): { release(): void };
}

export interface StartRequest {
  environment: string;
  commit: string;
  confirm?: string;
}

const OUTCOME_WORDS: Record<DeployOutcome, string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'was cancelled',
  'timed-out': 'stopped at its time limit',
  error: 'could not be completed',
};

export class DeployService {
  private readonly trackers = new Map<string, DeployTracker>();

  constructor(private readonly options: DeployServiceOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  method(env: EnvironmentDef): DeployMethodRunner {
    return this.options.methods[env.method.type];
  }

  /** The id of the deploy of `environment` running now in `workspacePath`, if any. */
  activeFor(workspacePath: string, environment: string): string | null {
    for (const t of this.trackers.values()) if (t.running && t.workspacePath === workspacePath && t.run.environment === environment) return t.run.deployId;
    return null;
  }

  active(workspacePath: string): DeployRun[] {
    return [...this.trackers.values()].filter((t) => t.running && t.workspacePath === workspacePath).map((t) => t.snapshot());
  }

  /** Checks everything, then starts following the deploy; returns its id. */
  async start(workspace: Workspace, request: StartRequest): Promise<string> {
    workspace.repo.invalidateRefs();
    await workspace.refreshManifest();
    const env = findEnvironment(workspace.manifest, request.environment);
    const branch = sourceBranchOf(workspace.manifest, env);
    if (confirmationOf(env) === 'name' && request.confirm !== env.name) {
      throw new FleetError(
        'CONFIRMATION_REQUIRED',
        `Deploying ${env.name} needs its name typed as confirmation ("${env.name}")${request.confirm ? `; "${request.confirm}" does not match` : ''}.`,
        { environment: env.name },
      );
    }
    const tip = await workspace.repo.resolveRef(`refs/heads/${branch}`);
    if (tip !== request.commit) {
      throw new FleetError('BRANCH_MOVED', tip ? `${branch} moved since the plan was shown (now at ${tip.slice(0, 7)}): look at the plan again.` : `${branch} does not exist.`, {
        branch,
        expected: request.commit,
        actual: tip,
      });
    }
    const running = this.activeFor(workspace.path, env.name);
    if (running) throw new FleetError('DEPLOY_RUNNING', `A deploy of ${env.name} is running now (${running}); wait for it to end or cancel it.`, { environment: env.name, deployId: running });
    const prepared = await this.method(env).prepare({ workspace, env, branch, commit: tip });
    const records = await readDeploymentRecords(workspace, env.name);
    const since = records.find((r) => r.outcome === 'succeeded') ?? null;
    const sinceCommit = since && (await workspace.repo.hasObject(since.commit)) ? since.commit : null;
    const modules = (await modulesMergedSince(workspace, tip, sinceCommit)).map((m) => m.module.id);
    const person = await resolveIdentity(workspace.repo.commondir);
    const deployId = randomBytes(6).toString('hex');
    const tracker = new DeployTracker(
      { deployId, environment: env.name, method: env.method.type, branch, commit: tip, modules, by: `${person.name} <${person.email}>`, startedAt: this.now() },
      workspace.path,
      (run) => this.options.emitRun(run),
      (chunk) => this.options.emitOutput(deployId, chunk),
    );
    this.trackers.set(deployId, tracker);
    tracker.update({ message: `Starting: ${prepared.describe}` });
    const hold = this.options.follow?.(`deploy to ${env.name}`);
    void this.follow(workspace, env, tracker, prepared).finally(() => hold?.release());
    return deployId;
  }

  private async follow(workspace: Workspace, env: EnvironmentDef, tracker: DeployTracker, prepared: PreparedDeploy): Promise<void> {
    const started = performance.now();
    let result: MethodOutcome;
    let error: FleetError | null = null;
    try {
      result = await prepared.run({
        workspace,
        env,
        branch: tracker.run.branch,
        commit: tracker.run.commit,
        deployId: tracker.run.deployId,
        signal: tracker.controller.signal,
        deadline: Date.now() + (env.timeoutMinutes ?? 60) * 60_000,
        report: (change) => tracker.update(change),
        output: (text) => tracker.output(text),
      });
    } catch (thrown) {
      const cancelled = tracker.controller.signal.aborted;
      error = thrown instanceof FleetError ? thrown : new FleetError('INTERNAL', 'Something went wrong inside Fleet Control while following the deploy. Details are in the log.');
      if (!(thrown instanceof FleetError)) this.options.log('deploy failed unexpectedly', thrown);
      result = { outcome: cancelled ? 'cancelled' : error.code === 'RUN_NOT_STARTED' ? 'timed-out' : 'error', message: redact(error.message), link: null };
    }
    const finishedAt = this.now();
    const words = `The deploy of ${env.name} ${OUTCOME_WORDS[result.outcome]}`;
    tracker.end(result.outcome, result.message ? `${words}: ${result.message}` : `${words}.`, error ? toErrorPayload(error) : null, finishedAt);
    const record: DeploymentRecord = {
      version: 1,
      id: tracker.run.deployId,
      environment: env.name,
      method: env.method.type,
      by: tracker.run.by,
      startedAt: tracker.run.startedAt,
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      branch: tracker.run.branch,
      commit: tracker.run.commit,
      modules: tracker.run.modules,
      outcome: result.outcome,
      message: result.message,
      link: result.link ?? tracker.run.links[0]?.url ?? null,
    };
    await writeFileAtomic(this.logFile(workspace.path, record.id), tracker.log.text()).catch((e: unknown) => this.options.log('could not keep the deploy log', e));
    try {
      const recorded = await commitDeploymentRecord(workspace, record);
      tracker.settle(recorded);
    } catch (thrown) {
      this.options.log('could not record the deploy', thrown);
      const why = thrown instanceof FleetError ? thrown.message : 'the workspace branch could not be written';
      tracker.settle(null, `${tracker.run.message} It could not be recorded in the deployment log: ${why}`);
    }
    this.options.emitChanged(env.name);
  }

  /** Cancels a running deploy (its method cancels the remote run or stops the command); false when it already ended. */
  cancel(deployId: string): boolean {
    const tracker = this.require(deployId);
    if (!tracker.running) return false;
    tracker.update({ message: 'Cancelling' });
    tracker.controller.abort();
    return true;
  }

  get(deployId: string): DeployRun {
    return this.require(deployId).snapshot();
  }

  /** Resolves once the deploy ended and was recorded (tests, the CLI). */
  async finished(deployId: string): Promise<DeployRun> {
    const tracker = this.require(deployId);
    await tracker.finished();
    return tracker.snapshot();
  }

  private require(deployId: string): DeployTracker {
    const tracker = this.trackers.get(deployId);
    if (!tracker) throw new FleetError('DEPLOY_NOT_FOUND', `There is no deploy ${deployId} in this session of Fleet Control; the deployment log lists earlier ones.`, { deployId });
    return tracker;
  }

  private logFile(workspacePath: string, deployId: string): string {
    return join(workspaceDataDir(this.options.appDataDir, workspacePath), 'deploy-logs', `${deployId}.log`);
  }

  /** A deploy's log: its output so far while it runs, else the log kept on this machine. */
  async readLog(workspacePath: string, deployId: string): Promise<{ deployId: string; text: string | null; running: boolean }> {
    const tracker = this.trackers.get(deployId);
    if (tracker?.running) return { deployId, text: tracker.log.text(), running: true };
    const text = await readFile(this.logFile(workspacePath, deployId), 'utf8').catch(() => null);
    if (text === null && !tracker) throw new FleetError('DEPLOY_NOT_FOUND', `No log of deploy ${deployId} is kept on this machine.`, { deployId });
    return { deployId, text, running: false };
  }

  /** Cancels every running deploy and waits for them to be recorded (the app is closing). */
  async dispose(): Promise<void> {
    const running = [...this.trackers.values()].filter((t) => t.running);
    for (const t of running) t.controller.abort();
    await Promise.all(running.map((t) => t.finished()));
  }
}
