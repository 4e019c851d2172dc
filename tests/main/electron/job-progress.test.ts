// The dock/taskbar progress folds every running job into one fraction, shows busy while a job has no total yet,
// and disappears when the last job ends.

import { describe, expect, it } from 'vitest';
import { JobProgressBar, NO_PROGRESS, UNKNOWN_PROGRESS } from '../../../src/main/electron/job-progress';

describe('JobProgressBar', () => {
  it('sums the running jobs and removes the bar when the last one finishes', () => {
    const bar = new JobProgressBar();
    expect(bar.value()).toBe(NO_PROGRESS);
    expect(bar.progress({ jobId: 'push', done: 8, total: 32 })).toBe(0.25);
    expect(bar.progress({ jobId: 'fetch', done: 2, total: 8 })).toBe(10 / 40);
    expect(bar.progress({ jobId: 'push', done: 32, total: 32 })).toBe(34 / 40);
    expect(bar.finished({ jobId: 'push' })).toBe(0.25);
    expect(bar.finished({ jobId: 'fetch' })).toBe(NO_PROGRESS);
  });

  it('shows busy while any job has no total, and never goes past full', () => {
    const bar = new JobProgressBar();
    bar.progress({ jobId: 'clone', done: 0, total: 0 });
    expect(bar.progress({ jobId: 'push', done: 1, total: 2 })).toBe(UNKNOWN_PROGRESS);
    expect(bar.finished({ jobId: 'clone' })).toBe(0.5);
    expect(bar.progress({ jobId: 'push', done: 5, total: 2 })).toBe(1);
  });

  it('ignores the end of a job it never saw progress from', () => {
    const bar = new JobProgressBar();
    expect(bar.finished({ jobId: 'unknown' })).toBe(NO_PROGRESS);
  });
});
