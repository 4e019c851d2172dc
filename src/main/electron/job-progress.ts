// The dock/taskbar progress while long jobs run: the jobs' progress events folded into the one fraction
// BrowserWindow.setProgressBar takes. Pure (no electron import), so it is unit-tested without a binary.

import type { JobFinished, JobProgress } from '../../shared/types';

/** setProgressBar's "no bar" value. */
export const NO_PROGRESS = -1;
/** A job that has not said how much there is: above 1, setProgressBar shows the bar as indeterminate. */
export const UNKNOWN_PROGRESS = 2;

/** The running jobs' done/total, folded into one value for setProgressBar. */
export class JobProgressBar {
  private readonly jobs = new Map<string, { done: number; total: number }>();

  /** Records a progress event; returns the bar's new value. */
  progress(event: Pick<JobProgress, 'jobId' | 'done' | 'total'>): number {
    this.jobs.set(event.jobId, { done: event.done, total: event.total });
    return this.value();
  }

  /** Forgets a job that finished (done, failed or cancelled); returns the bar's new value. */
  finished(event: Pick<JobFinished, 'jobId'>): number {
    this.jobs.delete(event.jobId);
    return this.value();
  }

  /** -1 with no job running; the sum of done over the sum of totals; 2 (busy) while any job has no total yet. */
  value(): number {
    if (this.jobs.size === 0) return NO_PROGRESS;
    let done = 0;
    let total = 0;
    for (const job of this.jobs.values()) {
      if (!(job.total > 0)) return UNKNOWN_PROGRESS;
      done += Math.min(Math.max(job.done, 0), job.total);
      total += job.total;
    }
    return done / total;
  }
}
