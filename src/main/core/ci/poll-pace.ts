// How often to ask the CI host, from what its last answer said: a visible pace while someone looks or a deploy or
// repair is followed, a slower one when nobody does, never faster than a tenth of the hourly allowance allows, never
// spending more than half of what is left before the reset, and waiting for the reset once the limit is used up.

import type { CiPolling } from '../../../shared/types-ci';

export interface Paces {
  /** Someone is looking (a window visible, a browser tab in front) or a run is being followed. */
  visibleMs: number;
  /** Nobody is looking. */
  idleMs: number;
  /** The slowest pace after errors (the pace doubles per failure up to this). */
  maxBackoffMs: number;
  /** The share of the hourly allowance polling may use at most (0..1). */
  hourlyShareCap: number;
}

export const DEFAULT_PACES: Paces = { visibleMs: 60_000, idleMs: 5 * 60_000, maxBackoffMs: 15 * 60_000, hourlyShareCap: 0.1 };

export interface PaceInput {
  now: number;
  looking: boolean;
  following: boolean;
  /** What one poll costs (GraphQL points or REST requests), as the last poll measured. */
  requestsPerPoll: number;
  /** The hourly allowance and what is left of it, with when it refills; null where the host does not say (Azure). */
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  /** Failed polls in a row (0 after a good one); a rate-limit error's reset time when that was the failure. */
  failures: number;
  rateLimitedUntil: number | null;
}

export interface Pace {
  intervalMs: number;
  reason: CiPolling['reason'];
  /** requestsPerPoll x polls per hour / limit at this interval; null when the host gives no limit. */
  hourlyShare: number | null;
}

const HOUR = 3_600_000;
/** A little after the reset, so the first request does not meet the old window. */
const RESET_MARGIN_MS = 5_000;

/** The next interval and why; see the file header for the rules. */
export function pollPace(input: PaceInput, paces: Paces = DEFAULT_PACES): Pace {
  const cost = Math.max(1, input.requestsPerPoll);
  const share = (interval: number): number | null => (input.limit ? (cost * (HOUR / interval)) / input.limit : null);
  const done = (intervalMs: number, reason: CiPolling['reason']): Pace => ({ intervalMs: Math.round(intervalMs), reason, hourlyShare: share(intervalMs) });
  if (input.rateLimitedUntil !== null && input.rateLimitedUntil > input.now) return done(input.rateLimitedUntil - input.now + RESET_MARGIN_MS, 'rate-limited');
  const wanted = input.following || input.looking ? paces.visibleMs : paces.idleMs;
  let interval = wanted;
  if (input.limit) interval = Math.max(interval, (cost * HOUR) / (paces.hourlyShareCap * input.limit));
  if (input.remaining !== null && input.resetAt !== null && input.resetAt > input.now) {
    const untilReset = input.resetAt - input.now;
    const polls = Math.floor(input.remaining / 2 / cost);
    if (polls < 1) return done(untilReset + RESET_MARGIN_MS, 'rate-limited');
    interval = Math.max(interval, untilReset / polls);
  }
  if (input.failures > 0) return done(Math.min(paces.maxBackoffMs, Math.max(interval, wanted * 2 ** input.failures)), 'error');
  const reason: CiPolling['reason'] = input.following ? 'following' : input.looking ? 'visible' : 'idle';
  return done(interval, reason);
}
