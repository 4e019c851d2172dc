// Following a run on a host: pauses that end early on cancel, and calls that wait out the host's rate limit (saying
// until when) instead of giving up, within the deploy's time limit.

import { FleetError } from '../../../../shared/errors';
import type { RunContext } from './method';

/** Waits `ms`, or less when the deploy is cancelled meanwhile. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function clock(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/**
 * Runs a host call; a rate limit (RATE_LIMITED with data.resetAt) is waited out, saying until when, and asked again,
 * unless the wait would pass the deploy's deadline (then the error stands). `keepCancel`: still make the call after a
 * cancel (cancelling the remote run must happen then).
 */
export async function hostCall<T>(context: Pick<RunContext, 'deadline' | 'signal' | 'report' | 'output'>, host: string, call: () => Promise<T>, keepCancel = false): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof FleetError) || error.code !== 'RATE_LIMITED') throw error;
      const resetAt = typeof error.data?.resetAt === 'string' ? error.data.resetAt : new Date(Date.now() + 60_000).toISOString();
      const wait = Date.parse(resetAt) - Date.now();
      if (Date.now() + wait > context.deadline) throw error;
      if (context.signal.aborted && !keepCancel) throw error;
      context.report({ message: `${host}'s rate limit is used up: waiting until ${clock(resetAt)} to ask again.` });
      context.output(`${host} rate limit: waiting until ${resetAt}\n`);
      await pause(Math.max(wait, 0) + 250, keepCancel ? new AbortController().signal : context.signal);
    }
  }
}

/** Knobs for tests: how often a run is asked about, how long it may take to start. */
export interface FollowTuning {
  /** Between two looks at a run (default 5 s). */
  pollMs?: number;
  /** How long a dispatched run may stay queued (or unfound) before it counts as never started (default 10 min). */
  startLimitMs?: number;
}

export const DEFAULT_POLL_MS = 5000;
export const DEFAULT_START_LIMIT_MS = 10 * 60_000;
