// One 'checks' job: a queue of modules run a few at a time (modules added while it runs join it, none twice at
// once), cancel per module or all, output flushed as coalesced events, every state change reported.

import { FleetError, toErrorPayload, type FleetErrorPayload } from '../../../shared/errors';
import type { ActiveCheck, CheckBatchReport, CheckResult, CheckStatus } from '../../../shared/types-checks';
import type { JobContext } from '../jobs';
import type { Workspace } from '../workspace/workspace';
import { BoundedLog } from './bounded-log';
import type { CheckoutFolders } from './checkout-folders';
import type { LaunchSetup } from '../launcher/handlers';
import type { CheckStore } from './check-store';
import { PendingOutput } from './output-stream';
import { runModuleCheck } from './run-check';

/** What a batch needs from the service that owns it. */
export interface BatchServices {
  workspace(): Workspace;
  folders: CheckoutFolders;
  store: CheckStore;
  commandFor(moduleId: string): Promise<{ command: string; timeoutSeconds: number }>;
  concurrency(): number;
  environment(): Promise<LaunchSetup>;
  emitStatus(status: CheckStatus): void;
  emitOutput(output: { moduleId: string; jobId: string; chunk: string }): void;
  log(message: string, error?: unknown): void;
  outputIntervalMs?: number;
  killGraceMs?: number;
}

interface Running {
  controller: AbortController;
  log: BoundedLog;
  output: PendingOutput;
  commit: string | null;
  startedAt: string | null;
}

/** The modules of one checks job and the workers running them. */
export class CheckBatch {
  readonly jobId: string;
  /** Resolves with the report once nothing is queued or running any more. */
  readonly finished: Promise<CheckBatchReport>;
  private readonly queue: string[] = [];
  private readonly running = new Map<string, Running>();
  private readonly report: CheckBatchReport = { results: [], skipped: [], cancelled: false };
  private workers = 0;
  private done = 0;
  private total = 0;
  private closed = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private resolve: (report: CheckBatchReport) => void = () => undefined;

  constructor(
    private readonly job: JobContext,
    private readonly services: BatchServices,
    /** Called once when the batch closes, before its job settles. */
    private readonly onClosed: () => void,
  ) {
    this.jobId = job.jobId;
    this.finished = new Promise((resolve) => (this.resolve = resolve));
    job.signal.addEventListener('abort', () => this.cancelAll(), { once: true });
  }

  /** Queues the modules not already queued or running, and starts workers up to the concurrency limit. */
  add(moduleIds: string[]): void {
    const fresh = moduleIds.filter((id) => !this.queue.includes(id) && !this.running.has(id));
    this.queue.push(...fresh);
    this.total += fresh.length;
    for (const id of fresh) this.services.emitStatus({ moduleId: id, jobId: this.jobId, state: 'queued', commit: null, result: null, error: null });
    this.job.progress(this.done, this.total, '');
    const limit = this.services.concurrency();
    // A worker takes its first module synchronously, so the queue shrinks as workers start.
    while (this.workers < limit && this.queue.length > 0) {
      this.workers++;
      void this.work().finally(() => {
        this.workers--;
        this.closeIfIdle();
      });
    }
  }

  /** Stops one module's check; false when it is neither queued nor running. */
  cancel(moduleId: string): boolean {
    const queued = this.queue.indexOf(moduleId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(moduleId, null, null);
      this.closeIfIdle();
      return true;
    }
    const running = this.running.get(moduleId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** What is queued or running now. */
  active(): ActiveCheck[] {
    return [
      ...this.queue.map((id) => ({ moduleId: id, state: 'queued' as const, jobId: this.jobId, commit: null, startedAt: null })),
      ...[...this.running].map(([id, run]) => ({ moduleId: id, state: 'running' as const, jobId: this.jobId, commit: run.commit, startedAt: run.startedAt })),
    ];
  }

  /** A running module's output so far, or null when it is not running. */
  runningLog(moduleId: string): string | null {
    return this.running.get(moduleId)?.log.text() ?? null;
  }

  private cancelAll(): void {
    this.report.cancelled = true;
    for (const id of this.queue.splice(0)) this.settle(id, null, null);
    for (const run of this.running.values()) run.controller.abort();
    this.closeIfIdle();
  }

  private closeIfIdle(): void {
    if (this.closed || this.workers > 0 || this.queue.length > 0 || this.running.size > 0) return;
    // Closed at once: modules asked for from now on start a new job instead of joining a finished one.
    this.closed = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.onClosed();
    this.resolve(this.report);
  }

  private async work(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
      const moduleId = id;
      const run: Running = { controller: new AbortController(), log: new BoundedLog(), output: new PendingOutput(), commit: null, startedAt: null };
      this.running.set(moduleId, run);
      this.flushTimer ??= setInterval(() => this.flushAll(), this.services.outputIntervalMs ?? 100);
      try {
        const { command, timeoutSeconds } = await this.services.commandFor(moduleId);
        const { result, log } = await runModuleCheck({
          workspace: this.services.workspace(),
          moduleId,
          command,
          timeoutSeconds,
          folders: this.services.folders,
          launch: await this.services.environment(),
          signal: run.controller.signal,
          killGraceMs: this.services.killGraceMs,
          log: run.log,
          onStart: (commit) => {
            run.commit = commit;
            run.startedAt = new Date().toISOString();
            this.services.emitStatus({ moduleId, jobId: this.jobId, state: 'running', commit, result: null, error: null });
          },
          onOutput: (chunk) => run.output.append(chunk),
        });
        this.flush(moduleId, run);
        await this.services.store.save(result, log);
        this.running.delete(moduleId);
        this.settle(moduleId, result, null);
      } catch (error) {
        this.running.delete(moduleId);
        if (!(error instanceof FleetError)) this.services.log(`check of ${moduleId} failed`, error);
        this.settle(moduleId, null, toErrorPayload(error));
      }
    }
  }

  /** Counts a module as done (with its result, or why it did not run) and tells clients. */
  private settle(moduleId: string, result: CheckResult | null, error: FleetErrorPayload | null): void {
    this.done++;
    if (result) this.report.results.push(result);
    else if (error) this.report.skipped.push({ moduleId, error });
    const state = result?.state ?? (error ? 'error' : 'cancelled');
    this.services.emitStatus({ moduleId, jobId: this.jobId, state, commit: result?.commit ?? null, result, error });
    this.job.progress(this.done, this.total, `${moduleId}: ${state}`);
  }

  private flushAll(): void {
    for (const [id, run] of this.running) this.flush(id, run);
  }

  private flush(moduleId: string, run: Running): void {
    if (!run.output.empty) this.services.emitOutput({ moduleId, jobId: this.jobId, chunk: run.output.flush() });
  }
}
