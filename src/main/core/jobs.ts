// Long work (init, push, fetch, clone, checks, forecasts, merges, reports) runs as a job: an id at once, progress as
// events, cancel. Cancel aborts the job's signal, which every file-system and network step of the job watches; a
// job that still has not stopped after a grace period is let go: its slot is freed and it is announced cancelled.

import { randomUUID } from 'node:crypto';
import type { JobFinished, JobKind, JobProgress, JobResults } from '../../shared/types';
import { FleetError, toErrorPayload } from '../../shared/errors';

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  progress(done: number, total: number, message: string): void;
}

export interface JobEvents {
  progress(event: JobProgress): void;
  finished(event: JobFinished): void;
}

export interface JobRunnerOptions {
  /** How long a cancelled job may take to stop before its slot is freed anyway (default 3 s). */
  cancelGraceMs?: number;
}

interface RunningJob {
  kind: JobKind;
  controller: AbortController;
  /** Resolves once the job is announced finished (settled, or let go after a cancel). */
  done: Promise<void>;
  settle: (event: JobFinished) => void;
  graceTimer?: ReturnType<typeof setTimeout>;
}

const DEFAULT_CANCEL_GRACE_MS = 3000;

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  private readonly cancelGraceMs: number;

  constructor(private readonly events: JobEvents, private readonly log: (message: string, error?: unknown) => void, options: JobRunnerOptions = {}) {
    this.cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
  }

  /** Starts `work` and returns its id; only one job of a kind runs at a time. */
  start<K extends JobKind, T>(kind: K, work: (context: JobContext) => Promise<T>, toResult: (value: T) => JobResults[K]): string {
    for (const job of this.running.values()) {
      if (job.kind === kind) throw new FleetError('LOCKED', `A ${kind} job is already running; wait for it or cancel it.`);
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    let announce!: () => void;
    const job: RunningJob = {
      kind,
      controller,
      done: new Promise<void>((resolve) => (announce = resolve)),
      // The job leaves the running set before it is announced finished, so a listener may start the next one at once.
      settle: (event) => {
        if (this.running.get(jobId) !== job) return;
        clearTimeout(job.graceTimer);
        this.running.delete(jobId);
        this.events.finished(event);
        announce();
      },
    };
    this.running.set(jobId, job);
    const context: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (done, total, message) => {
        if (this.running.get(jobId) === job) this.events.progress({ jobId, kind, done, total, message });
      },
    };
    void work(context)
      // TypeScript cannot tie `kind` to `result` through the generic; the signature above does.
      .then((value) => job.settle({ jobId, kind, ok: true, result: toResult(value) } as JobFinished))
      .catch((error: unknown) => {
        // Whatever a cancelled job failed with (a cut connection, a closed file) is the cancel's doing.
        const payload = controller.signal.aborted && !(error instanceof FleetError && error.code === 'CANCELLED') ? cancelledPayload(kind) : toErrorPayload(error);
        if (!(error instanceof FleetError) && !controller.signal.aborted) this.log(`${kind} job failed`, error);
        job.settle({ jobId, kind, ok: false, error: payload } as JobFinished);
      });
    return jobId;
  }

  /** Asks a running job to stop; it is announced cancelled when it stops, or after the grace period at the latest. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    if (job.controller.signal.aborted) return true;
    job.controller.abort(new FleetError('CANCELLED', `The ${job.kind} job was cancelled.`));
    job.graceTimer = setTimeout(() => {
      this.log(`the ${job.kind} job did not stop within ${this.cancelGraceMs / 1000} s of being cancelled; its slot is free again`);
      job.settle({ jobId, kind: job.kind, ok: false, error: cancelledPayload(job.kind) } as JobFinished);
    }, this.cancelGraceMs);
    job.graceTimer.unref?.();
    return true;
  }

  /** Cancels every running job; resolves once each is announced finished (at most the grace period later). */
  async cancelAll(): Promise<void> {
    const jobs = [...this.running.entries()];
    for (const [jobId] of jobs) this.cancel(jobId);
    await Promise.all(jobs.map(([, job]) => job.done));
  }
}

function cancelledPayload(kind: JobKind) {
  return toErrorPayload(new FleetError('CANCELLED', `The ${kind} job was cancelled.`));
}
