// The one poll loop of all remote runs out: each look dispatches what the concurrency cap and the budget allow, asks
// each CI host about all of its runs at once (one listing), reads the jobs and steps of a run only when it changed,
// and hands completed runs to `finish`. The pace comes from the host's rate-limit headers (pollPace, as CI status
// polling does), backs off on errors and waits out a used-up limit; a queued run no runner picks up in time, and a
// run past its time limit, are cancelled on the host and end timed-out.

import { FleetError } from '../../../../shared/errors';
import { REMOTE_POLL_SECONDS, type RemoteRun } from '../../../../shared/types-remote';
import { pollPace, type Paces } from '../../ci/poll-pace';
import { isOut, type RemoteBatches } from './remote-batches';
import type { CiRunView, RateView, RemoteTargetClient } from './target';

export interface FollowTuning {
  /** Between two looks while runs are out (default: the user's setting, else 10 s). */
  pollMs?: number;
  /** How long a dispatched run may stay queued before it counts as never picked up (default 15 min). */
  startLimitMs?: number;
  /** How long a run may run once picked up, beyond its own time cap (default: its cap + 15 min, else 2 h). */
  runLimitMs?: number;
  /** The share of the hourly allowance the loop may use (default 0.3). */
  hourlyShareCap?: number;
  /** How long after a dispatch its run may still be missing from the host's listing (default 30 s; GitHub lists it within seconds). */
  listingLagMs?: number;
}

export interface FollowParts {
  batches: () => RemoteBatches | null;
  /** The user's "check remote runs every N seconds", read at each look (tuning.pollMs, for tests, wins). */
  pollSeconds?: () => Promise<number | undefined>;
  client: (run: RemoteRun) => Promise<RemoteTargetClient>;
  /** Dispatches what may be dispatched now (the service's scheduler). */
  schedule: () => void;
  finish: (run: RemoteRun, view: CiRunView, client: RemoteTargetClient) => Promise<void>;
  log: (message: string, error?: unknown) => void;
}

const WAIT_PREFIX = "The CI host's API rate limit is used up:";
const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;

export class FollowLoop {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private failures = 0;
  private rateLimitedUntil: number | null = null;
  private readonly seen = new Map<string, string>();
  /** Runs whose cancel was sent because of a time limit: they end timed-out, not cancelled. */
  readonly timedOut = new Map<string, string>();
  /** Runs being finished (record, review branch): not looked at again meanwhile. */
  private readonly finishing = new Set<string>();
  private disposed = false;
  /** The setting as last read. */
  private settingMs: number | null = null;

  constructor(
    private readonly parts: FollowParts,
    private readonly tuning: FollowTuning = {},
  ) {}

  /** Whether the host's rate limit is used up now: nothing is dispatched or asked until it resets. */
  rateLimited(now = Date.now()): boolean {
    return this.rateLimitedUntil !== null && this.rateLimitedUntil > now;
  }

  /** A RATE_LIMITED answer (dispatch, finish, a look): wait until its reset (or Retry-After), a minute when it says none. */
  noteRateLimit(error: FleetError): void {
    const at = typeof error.data?.resetAt === 'string' ? Date.parse(error.data.resetAt) : NaN;
    const until = Number.isFinite(at) ? at : Date.now() + 60_000;
    this.rateLimitedUntil = Math.max(this.rateLimitedUntil ?? 0, until);
  }

  /** Looks now (soon), e.g. after a dispatch or a cancel. */
  kick(delayMs = 0): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.look(), delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async look(): Promise<void> {
    this.timer = null;
    if (this.running || this.disposed) return;
    this.running = true;
    let measured = null as RateView | null;
    let out = 0;
    try {
      // Nothing is asked while the limit is used up: this look only shows the wait and sleeps until the reset.
      if (this.rateLimited()) throw new FleetError('RATE_LIMITED', 'waiting for the rate limit to reset', { resetAt: new Date(this.rateLimitedUntil!).toISOString() });
      const seconds = await this.parts.pollSeconds?.().catch(() => undefined);
      this.settingMs = seconds ? seconds * 1000 : null;
      this.parts.schedule();
      const batches = this.parts.batches();
      const runs = batches ? batches.all().flatMap((s) => s.runs).filter((r) => isOut(r) && r.ciRunId && !this.finishing.has(r.runId)) : [];
      out = runs.length;
      const byClient = new Map<RemoteTargetClient, RemoteRun[]>();
      for (const run of runs) {
        const client = await this.parts.client(run);
        byClient.set(client, [...(byClient.get(client) ?? []), run]);
      }
      for (const [client, list] of byClient) {
        const before = client.rate().requests;
        await this.lookAt(batches!, client, list);
        const rate = client.rate();
        measured = { ...rate, requests: (measured?.requests ?? 0) + rate.requests - before };
      }
      this.failures = 0;
    } catch (error) {
      if (error instanceof FleetError && error.code === 'RATE_LIMITED') {
        if (!this.rateLimited()) this.parts.log('the CI host rate limited the remote runs; waiting for its reset', error);
        this.noteRateLimit(error);
      } else {
        this.failures++;
        this.parts.log('following the remote runs failed; trying again later', error);
      }
    } finally {
      this.running = false;
    }
    await this.showWait().catch((error: unknown) => this.parts.log('could not show the rate-limit wait', error));
    const pending = this.parts.batches()?.all().some((s) => s.runs.some((r) => isOut(r) || r.state === 'queued')) ?? false;
    if (!pending && out === 0) return;
    this.kick(this.nextInterval(measured));
  }

  /** While the rate limit holds, every run not ended says until when (nothing fails); after it, the usual message is back. */
  private async showWait(): Promise<void> {
    const batches = this.parts.batches();
    if (!batches) return;
    const limited = this.rateLimited();
    const until = limited ? new Date(this.rateLimitedUntil!).toISOString().slice(11, 19) : '';
    for (const run of batches.all().flatMap((s) => s.runs)) {
      if (!isOut(run) && run.state !== 'queued') continue;
      const waitShown = run.message?.startsWith(WAIT_PREFIX) ?? false;
      if (limited) {
        const message = `${WAIT_PREFIX} Fleet Control waits until ${until} UTC, then looks again.`;
        if (run.message !== message) await batches.update(run.runId, { message });
      } else if (waitShown) {
        await batches.update(run.runId, { message: run.state === 'queued' ? 'Waiting to be dispatched' : run.state === 'running' ? 'Running' : 'Waiting for a runner to pick the job up' });
      }
    }
  }

  private nextInterval(measured: RateView | null): number {
    const pollMs = this.tuning.pollMs ?? this.settingMs ?? REMOTE_POLL_SECONDS.default * 1000;
    const paces: Paces = { visibleMs: pollMs, idleMs: pollMs, maxBackoffMs: Math.max(pollMs * 16, 60_000), hourlyShareCap: this.tuning.hourlyShareCap ?? 0.3 };
    return pollPace(
      {
        now: Date.now(),
        looking: true,
        following: true,
        requestsPerPoll: measured?.requests ?? 1,
        limit: measured?.limit ?? null,
        remaining: measured?.remaining ?? null,
        resetAt: measured?.resetAt ?? null,
        failures: this.failures,
        rateLimitedUntil: this.rateLimitedUntil,
      },
      paces,
    ).intervalMs;
  }

  private async lookAt(batches: RemoteBatches, client: RemoteTargetClient, runs: RemoteRun[]): Promise<void> {
    const views = await client.readRuns(runs.map((r) => r.ciRunId!));
    const now = Date.now();
    for (const run of runs) {
      const view = views.get(run.ciRunId!);
      if (!view) continue;
      const changed = this.seen.get(run.runId) !== `${view.status} ${view.updatedAt}`;
      this.seen.set(run.runId, `${view.status} ${view.updatedAt}`);
      if (view.status === 'completed') {
        this.finishing.add(run.runId);
        void this.parts
          .finish(run, view, client)
          .catch((error: unknown) => {
            // Finished again on a later look: a rate limit waited out, another failure tried again.
            if (error instanceof FleetError && error.code === 'RATE_LIMITED') this.noteRateLimit(error);
            this.parts.log(`finishing the remote run ${run.runId} failed`, error);
          })
          .finally(() => this.finishing.delete(run.runId));
        continue;
      }
      const jobs = changed && view.status === 'in_progress' ? await client.jobs(run.ciRunId!) : run.jobs;
      const startedAt = view.status === 'in_progress' ? (run.startedAt ?? new Date().toISOString()) : run.startedAt;
      const timeout = this.timeoutOf(run, view, now);
      if (timeout && !this.timedOut.has(run.runId)) {
        this.timedOut.set(run.runId, timeout);
        await client.cancel(run.ciRunId!);
      }
      const state = view.status === 'in_progress' ? 'running' : 'dispatched';
      const message = this.timedOut.get(run.runId) ?? (state === 'running' ? runningMessage(jobs) : 'Waiting for a runner to pick the job up');
      if (changed || state !== run.state || message !== run.message || view.url !== run.url) {
        await batches.update(run.runId, { state, jobs, startedAt, url: view.url ?? run.url, message });
      }
    }
  }

  private timeoutOf(run: RemoteRun, view: CiRunView, now: number): string | null {
    const startLimit = this.tuning.startLimitMs ?? 15 * 60_000;
    if (view.status === 'queued' && run.dispatchedAt && now - Date.parse(run.dispatchedAt) > startLimit) {
      return `No runner picked the job up within ${minutes(startLimit)} (is a runner online for the workflow's runs-on?): the CI run was cancelled.`;
    }
    const cap = this.parts.batches()?.find(run.runId).stored.request.maxMinutes;
    const runLimit = this.tuning.runLimitMs ?? (cap ? (cap + 15) * 60_000 : 2 * 3_600_000);
    if (view.status === 'in_progress' && run.startedAt && now - Date.parse(run.startedAt) > runLimit) {
      return `The run took longer than ${minutes(runLimit)} on the runner: the CI run was cancelled.`;
    }
    return null;
  }
}

function runningMessage(jobs: RemoteRun['jobs']): string {
  const step = jobs.flatMap((j) => j.steps).find((s) => s.state === 'running');
  return step ? `Running: ${step.name}` : 'Running';
}
