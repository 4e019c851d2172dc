// Long work (init, push, fetch, clone; agent runs later) runs as a job: an id at once, progress as events, cancel.

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

export class JobRunner {
  private readonly running = new Map<string, { kind: JobKind; controller: AbortController }>();

  constructor(private readonly events: JobEvents, private readonly log: (message: string, error?: unknown) => void) {}

  /** Starts `work` and returns its id; only one job of a kind runs at a time. */
  start<K extends JobKind, T>(kind: K, work: (context: JobContext) => Promise<T>, toResult: (value: T) => JobResults[K]): string {
    for (const job of this.running.values()) {
      if (job.kind === kind) throw new FleetError('LOCKED', `A ${kind} job is already running; wait for it or cancel it.`);
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, { kind, controller });
    const context: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (done, total, message) => this.events.progress({ jobId, kind, done, total, message }),
    };
    // The job leaves the running set before it is announced finished, so a listener may start the next one at once.
    void work(context)
      // TypeScript cannot tie `kind` to `result` through the generic; the signature above does.
      .then((value) => {
        this.running.delete(jobId);
        this.events.finished({ jobId, kind, ok: true, result: toResult(value) } as JobFinished);
      })
      .catch((error: unknown) => {
        this.running.delete(jobId);
        if (!(error instanceof FleetError)) this.log(`${kind} job failed`, error);
        this.events.finished({ jobId, kind, ok: false, error: toErrorPayload(error) } as JobFinished);
      });
    return jobId;
  }

  /** Asks a running job to stop at its next safe point. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }
}
