// The checks of one open workspace: a queue of modules run a few at a time as one 'checks' job (modules asked
// for while it runs join it), one run per module at a time, cancel per module or for the whole job, output
// streamed as coalesced checkOutput events and every state change as checkStatus.

import { FleetError, toErrorPayload } from '../../../shared/errors';
import { DEFAULT_CHECK_CONCURRENCY } from '../../../shared/checks-config';
import type { ActiveCheck, CheckBatchReport, CheckLog, CheckResult, CheckStatus, ChecksOverview } from '../../../shared/types-checks';
import type { JobContext, JobRunner } from '../jobs';
import type { Workspace } from '../workspace/workspace';
import { BoundedLog } from './bounded-log';
import { CheckoutFolders } from './checkout-folders';
import { CheckStore, withStaleness } from './check-store';
import { PendingOutput } from './output-stream';
import { moduleTip, runModuleCheck } from './run-check';

export interface CheckServiceContext {
  jobs: JobRunner;
  emitStatus(status: CheckStatus): void;
  emitOutput(output: { moduleId: string; jobId: string; chunk: string }): void;
  /** The environment for commands, secrets already removed. */
  environment(): Promise<NodeJS.ProcessEnv>;
  log(message: string, error?: unknown): void;
  /** How often output is sent (default 100 ms). */
  outputIntervalMs?: number;
  /** SIGTERM -> SIGKILL grace (default 2000 ms). */
  killGraceMs?: number;
}

interface Running {
  controller: AbortController;
  log: BoundedLog;
  output: PendingOutput;
  commit: string | null;
  startedAt: string | null;
}

interface Batch {
  jobId: string;
  context: JobContext;
  queue: string[];
  running: Map<string, Running>;
  workers: number;
  done: number;
  total: number;
  report: CheckBatchReport;
  finish: () => void;
}

export class CheckService {
  readonly store: CheckStore;
  private readonly folders: CheckoutFolders;
  private batch: Batch | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  /** Settles once the last job has left the JobRunner, so a new one can start without LOCKED. */
  private draining: Promise<void> = Promise.resolve();
  private readonly swept: Promise<unknown>;

  constructor(
    private workspace: Workspace,
    store: CheckStore,
    private readonly context: CheckServiceContext,
  ) {
    this.store = store;
    this.folders = new CheckoutFolders(store.checkoutsDir);
    this.swept = this.folders.sweepLeftovers().catch((error: unknown) => context.log('could not remove old check folders', error));
  }

  /** Follows the workspace object when the same repository is opened again. */
  attach(workspace: Workspace): void {
    this.workspace = workspace;
  }

  /** The command and time limit for a module: its own override, else the workspace's; CHECKS_NOT_CONFIGURED otherwise. */
  commandFor(moduleId: string): { command: string; timeoutSeconds: number } {
    const { manifest } = this.workspace;
    const own = manifest.modules.find((m) => m.id === moduleId)?.check;
    const command = own?.command ?? manifest.checks?.command;
    const timeoutSeconds = own?.timeoutSeconds ?? manifest.checks?.timeoutSeconds;
    if (!command || !timeoutSeconds) {
      throw new FleetError('CHECKS_NOT_CONFIGURED', 'No check command is set for this workspace. Set one (for example "npm test" with a time limit) in the checks settings first.', { moduleId });
    }
    return { command, timeoutSeconds };
  }

  /** Queues checks of `moduleIds` (or every module with a branch); joins the running job if there is one. */
  async run(moduleIds: string[] | 'all'): Promise<string> {
    await this.workspace.refreshManifest();
    const { manifest, repo } = this.workspace;
    let wanted: string[];
    if (moduleIds === 'all') {
      const branches = await repo.listBranches();
      wanted = manifest.modules.filter((m) => branches.has(`${manifest.branchPrefix}${m.id}`)).map((m) => m.id);
      if (wanted.length === 0) throw new FleetError('BRANCH_NOT_FOUND', 'No module branch exists yet: initialise the workspace before running checks.');
    } else {
      wanted = [...new Set(moduleIds)];
      for (const id of wanted) {
        if (!manifest.modules.some((m) => m.id === id)) throw new FleetError('MODULE_NOT_FOUND', `There is no module "${id}" in this workspace.`, { moduleId: id });
        await moduleTip(this.workspace, id);
      }
    }
    // Refused before anything is queued: a check with no command is not a result worth recording.
    for (const id of wanted) this.commandFor(id);
    await this.swept;

    if (!this.batch) await this.draining;
    const batch = this.batch ?? this.startBatch();
    const fresh = wanted.filter((id) => !batch.queue.includes(id) && !batch.running.has(id));
    batch.queue.push(...fresh);
    batch.total += fresh.length;
    for (const id of fresh) this.status(batch, id, 'queued');
    batch.context.progress(batch.done, batch.total, '');
    this.pump(batch);
    return batch.jobId;
  }

  /** Stops one module's check (queued or running); false when it was not queued or running. */
  cancel(moduleId: string): boolean {
    const batch = this.batch;
    if (!batch) return false;
    const queued = batch.queue.indexOf(moduleId);
    if (queued >= 0) {
      batch.queue.splice(queued, 1);
      this.settle(batch, moduleId, null, null);
      return true;
    }
    const running = batch.running.get(moduleId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** Latest results (stale judged now) and what is queued or running. */
  async overview(moduleIds?: string[]): Promise<ChecksOverview> {
    await this.workspace.refreshManifest();
    const all = await withStaleness(this.workspace, await this.store.readAll());
    const results = moduleIds ? all.filter((r) => moduleIds.includes(r.moduleId)) : all;
    const active: ActiveCheck[] = [];
    const batch = this.batch;
    if (batch) {
      for (const id of batch.queue) active.push({ moduleId: id, state: 'queued', jobId: batch.jobId, commit: null, startedAt: null });
      for (const [id, run] of batch.running) active.push({ moduleId: id, state: 'running', jobId: batch.jobId, commit: run.commit, startedAt: run.startedAt });
    }
    return { results, active: moduleIds ? active.filter((a) => moduleIds.includes(a.moduleId)) : active, jobId: batch?.jobId ?? null };
  }

  /** The module's output so far while it runs, else its last stored log. */
  async readLog(moduleId: string): Promise<CheckLog> {
    const running = this.batch?.running.get(moduleId);
    if (running) return { moduleId, text: running.log.text(), running: true };
    return { moduleId, text: await this.store.readLog(moduleId), running: false };
  }

  private startBatch(): Batch {
    let finish = () => undefined as void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let batch!: Batch;
    const jobId = this.context.jobs.start(
      'checks',
      async (context) => {
        batch = { jobId: context.jobId, context, queue: [], running: new Map(), workers: 0, done: 0, total: 0, report: { results: [], skipped: [], cancelled: false }, finish };
        this.batch = batch;
        context.signal.addEventListener('abort', () => this.cancelAll(batch), { once: true });
        await finished;
        return batch.report;
      },
      (report) => report,
    );
    // The runner forgets a job a few microtasks after it finishes; a macrotask later it surely has.
    this.draining = finished.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    // The job's body ran synchronously up to its first await, so `batch` is set.
    return batch ?? this.failStart(jobId);
  }

  private failStart(jobId: string): never {
    throw new FleetError('INTERNAL', `The checks job ${jobId} did not start.`);
  }

  private cancelAll(batch: Batch): void {
    batch.report.cancelled = true;
    for (const id of batch.queue.splice(0)) this.settle(batch, id, null, null);
    for (const run of batch.running.values()) run.controller.abort();
    this.maybeFinish(batch);
  }

  private pump(batch: Batch): void {
    const limit = this.workspace.manifest.checks?.concurrency ?? DEFAULT_CHECK_CONCURRENCY;
    // A worker takes its first module synchronously, so the queue shrinks as workers start.
    while (batch.workers < limit && batch.queue.length > 0) {
      batch.workers++;
      void this.work(batch).finally(() => {
        batch.workers--;
        this.maybeFinish(batch);
      });
    }
  }

  private maybeFinish(batch: Batch): void {
    if (batch.workers === 0 && batch.queue.length === 0 && batch.running.size === 0) {
      // Closed at once: modules asked for from now on start a new job instead of joining a finished one.
      if (this.batch === batch) this.batch = null;
      this.stopFlushing();
      batch.finish();
    }
  }

  private async work(batch: Batch): Promise<void> {
    for (let moduleId = batch.queue.shift(); moduleId !== undefined; moduleId = batch.queue.shift()) {
      const run: Running = { controller: new AbortController(), log: new BoundedLog(), output: new PendingOutput(), commit: null, startedAt: null };
      batch.running.set(moduleId, run);
      this.startFlushing();
      const id = moduleId;
      try {
        const { command, timeoutSeconds } = this.commandFor(id);
        const { result, log } = await runModuleCheck({
          workspace: this.workspace,
          moduleId: id,
          command,
          timeoutSeconds,
          folders: this.folders,
          env: await this.context.environment(),
          signal: run.controller.signal,
          killGraceMs: this.context.killGraceMs,
          log: run.log,
          onStart: (commit) => {
            run.commit = commit;
            run.startedAt = new Date().toISOString();
            this.status(batch, id, 'running', commit);
          },
          onOutput: (chunk) => run.output.append(chunk),
        });
        this.flushOne(batch, id, run);
        await this.store.save(result, log);
        batch.running.delete(id);
        this.settle(batch, id, result, null);
      } catch (error) {
        batch.running.delete(id);
        if (!(error instanceof FleetError)) this.context.log(`check of ${id} failed`, error);
        this.settle(batch, id, null, toErrorPayload(error));
      }
    }
  }

  /** Counts a module as done (with its result, or why it did not run) and tells clients. */
  private settle(batch: Batch, moduleId: string, result: CheckResult | null, error: ReturnType<typeof toErrorPayload> | null): void {
    batch.done++;
    if (result) batch.report.results.push(result);
    else if (error) batch.report.skipped.push({ moduleId, error });
    const state = result?.state ?? (error ? 'error' : 'cancelled');
    this.context.emitStatus({ moduleId, jobId: batch.jobId, state, commit: result?.commit ?? null, result, error });
    batch.context.progress(batch.done, batch.total, `${moduleId}: ${state}`);
  }

  private status(batch: Batch, moduleId: string, state: 'queued' | 'running', commit: string | null = null): void {
    this.context.emitStatus({ moduleId, jobId: batch.jobId, state, commit, result: null, error: null });
  }

  private startFlushing(): void {
    this.flushTimer ??= setInterval(() => {
      const batch = this.batch;
      if (batch) for (const [id, run] of batch.running) this.flushOne(batch, id, run);
    }, this.context.outputIntervalMs ?? 100);
  }

  private stopFlushing(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = null;
  }

  private flushOne(batch: Batch, moduleId: string, run: Running): void {
    if (!run.output.empty) this.context.emitOutput({ moduleId, jobId: batch.jobId, chunk: run.output.flush() });
  }
}
