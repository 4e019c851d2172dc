// Keeps the board's CI status fresh: polls the host at the pace poll-pace.ts picks (slower when nobody looks, never
// idle while a deploy or repair is followed), at once after a push, and emits each snapshot. Everything it shows is
// what the host answered, with when; a failed read keeps the last answer and says why beside it. Cancellable.

import { FleetError, toErrorPayload, type FleetErrorPayload } from '../../../shared/errors';
import type { CiSnapshot, CiStatus } from '../../../shared/types-ci';
import type { Workspace } from '../workspace/workspace';
import { ciHostIdentity, type CiHost, type CiServices } from './ci-host';
import { DEFAULT_PACES, pollPace, type Pace, type Paces } from './poll-pace';
import { readCiStatus } from './read-ci';

export interface CiPollerOptions {
  services: CiServices;
  /** The open workspace, or null (nothing to poll). */
  workspace: () => Workspace | null;
  emit: (snapshot: CiSnapshot) => void;
  /** Each status the host answered (not a failed read), before its snapshot is emitted: automatic CI repair looks at it. */
  onStatus?: (status: CiStatus) => void;
  log?: (message: string, error?: unknown) => void;
  paces?: Partial<Paces>;
  /** How long a heartbeat counts as "someone is looking" (default: 2.5 visible intervals). */
  lookingForMs?: number;
}

/** A handle a deploy or repair holds while it follows a run: the poller keeps its visible pace until released. */
export interface FollowingHold {
  release(): void;
}

const HOST_REUSE_MS = 10 * 60_000;

export class CiPoller {
  private status: CiStatus | null = null;
  private error: FleetErrorPayload | null = null;
  private remote: string | null = null;
  private host: { host: CiHost; at: number; graphql: boolean; key: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextAt: number | null = null;
  private pace: Pace | null = null;
  private inFlight: Promise<CiSnapshot> | null = null;
  private again = false;
  private failures = 0;
  private rateLimitedUntil: number | null = null;
  private lastLook = 0;
  private readonly holds = new Map<number, string>();
  private holdIds = 0;
  private abort = new AbortController();
  private running = false;
  private readonly paces: Paces;

  constructor(private readonly options: CiPollerOptions) {
    this.paces = { ...DEFAULT_PACES, ...options.paces };
  }

  private now(): number {
    return this.options.services.now?.().getTime() ?? Date.now();
  }

  /** Starts polling (first read at once); idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and cancels a read in flight; the last snapshot stays readable. */
  stop(): void {
    this.running = false;
    this.clearTimer();
    this.abort.abort();
    this.abort = new AbortController();
    this.host = null;
  }

  /** Forgets everything (another workspace opened) and starts over if it was running. */
  reset(): void {
    const wasRunning = this.running;
    this.stop();
    this.status = null;
    this.error = null;
    this.remote = null;
    this.failures = 0;
    this.rateLimitedUntil = null;
    if (wasRunning) this.start();
  }

  /** Someone is looking at the board (a visible window or tab): keep the visible pace for a while. */
  heartbeat(): CiSnapshot {
    const wasIdle = !this.looking();
    this.lastLook = this.now();
    // Coming back to an idle board: do not make the user wait out the idle interval.
    if (wasIdle && this.running && this.nextAt !== null && this.nextAt - this.now() > this.paces.visibleMs) this.schedule(0);
    return this.snapshot();
  }

  /** Keeps the visible pace while a deploy or repair is followed (`reason` is shown), until released. */
  holdFollowing(reason: string): FollowingHold {
    const id = ++this.holdIds;
    this.holds.set(id, reason);
    if (this.running && this.nextAt !== null && this.nextAt - this.now() > this.paces.visibleMs) this.schedule(0);
    return { release: () => void this.holds.delete(id) };
  }

  /** Reads now (after a push, or asked by the user); joins a read in flight and reads once more after it. */
  refreshNow(remote?: string): Promise<CiSnapshot> {
    if (remote !== undefined && remote !== this.remote) {
      // Another remote's status is not this one's: nothing from the old one is shown beside its errors.
      this.remote = remote;
      this.host = null;
      this.status = null;
      this.error = null;
    }
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.clearTimer();
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        void this.refreshNow();
      }
    });
    return this.inFlight;
  }

  snapshot(): CiSnapshot {
    return {
      remote: this.status?.remote ?? this.remote,
      status: this.status,
      error: this.error,
      polling: {
        intervalMs: this.pace?.intervalMs ?? this.paces.visibleMs,
        nextAt: this.running && this.nextAt !== null ? new Date(this.nextAt).toISOString() : null,
        reason: this.running ? (this.pace?.reason ?? 'visible') : 'stopped',
        following: [...this.holds.values()],
      },
    };
  }

  private looking(): boolean {
    return this.now() - this.lastLook < (this.options.lookingForMs ?? this.paces.visibleMs * 2.5);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.nextAt = this.now() + ms;
    this.timer = setTimeout(() => void this.refreshNow(), ms);
    this.timer.unref?.();
  }

  private async poll(): Promise<CiSnapshot> {
    const workspace = this.options.workspace();
    if (!workspace) {
      if (this.running) this.schedule(this.paces.visibleMs);
      return this.snapshot();
    }
    const signal = this.abort.signal;
    try {
      // Keyed by the remote's address too: after `git remote set-url` the next poll reads the new host.
      const key = `${workspace.path}\n${await ciHostIdentity(workspace, this.remote ?? undefined)}`;
      const reuse = this.host && this.host.key === key && this.now() - this.host.at < HOST_REUSE_MS ? this.host : null;
      const read = await readCiStatus(this.options.services, workspace, { remote: this.remote ?? undefined, signal, host: reuse?.host, graphql: reuse?.graphql });
      if (signal.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
      this.host = reuse ?? { host: read.host, at: this.now(), graphql: true, key };
      this.host.graphql = read.status.via !== 'rest';
      this.status = read.status;
      this.error = null;
      this.failures = 0;
      this.rateLimitedUntil = null;
    } catch (error) {
      if (signal.aborted) return this.snapshot();
      const previous = this.error?.code;
      this.host = null;
      this.failures++;
      this.error = toErrorPayload(error);
      const resetAt = this.error.code === 'RATE_LIMITED' ? Date.parse(String(this.error.data?.resetAt ?? '')) : NaN;
      this.rateLimitedUntil = Number.isFinite(resetAt) ? resetAt : null;
      // Said once per kind of failure, not on every poll of a long outage.
      if (this.failures === 1 || previous !== this.error.code) this.options.log?.(`could not read the CI status (${this.error.code})`, error);
    }
    this.pace = this.nextPace();
    if (this.status?.rate) this.status = { ...this.status, rate: { ...this.status.rate, hourlyShare: this.pace.hourlyShare } };
    if (this.running) this.schedule(this.pace.intervalMs);
    if (this.error === null && this.status) this.tellStatus(this.status);
    const snapshot = this.snapshot();
    this.options.emit(snapshot);
    return snapshot;
  }

  /** A listener's failure is its own: it never stops polling nor the snapshot. */
  private tellStatus(status: CiStatus): void {
    try {
      this.options.onStatus?.(status);
    } catch (error) {
      this.options.log?.('a CI status listener failed', error);
    }
  }

  private nextPace(): Pace {
    const rate = this.status?.rate;
    return pollPace(
      {
        now: this.now(),
        looking: this.looking(),
        following: this.holds.size > 0,
        requestsPerPoll: rate?.requestsPerPoll ?? 1,
        limit: rate?.limit ?? null,
        remaining: rate?.remaining ?? null,
        resetAt: rate?.resetAt ? Date.parse(rate.resetAt) : null,
        failures: this.failures,
        rateLimitedUntil: this.rateLimitedUntil,
      },
      this.paces,
    );
  }
}
