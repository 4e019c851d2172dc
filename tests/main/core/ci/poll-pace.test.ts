import { describe, expect, it } from 'vitest';
import { pollPace, type PaceInput } from '../../../../src/main/core/ci/poll-pace';

const NOW = Date.parse('2026-01-05T10:00:00Z');
const base: PaceInput = { now: NOW, looking: true, following: false, requestsPerPoll: 1, limit: 5000, remaining: 4990, resetAt: NOW + 3_600_000, failures: 0, rateLimitedUntil: null };

describe('the polling pace', () => {
  it('polls every minute while someone looks, using a small share of the hourly allowance (one GraphQL point a poll)', () => {
    const pace = pollPace(base);
    expect(pace).toMatchObject({ intervalMs: 60_000, reason: 'visible' });
    expect(pace.hourlyShare).toBeCloseTo(60 / 5000);
  });

  it('slows to five minutes when nobody looks, but keeps the visible pace while a deploy or repair is followed', () => {
    expect(pollPace({ ...base, looking: false })).toMatchObject({ intervalMs: 300_000, reason: 'idle' });
    expect(pollPace({ ...base, looking: false, following: true })).toMatchObject({ intervalMs: 60_000, reason: 'following' });
  });

  it('never spends more than a tenth of the hourly allowance: 41 REST requests a poll means one poll every ~5 minutes', () => {
    const pace = pollPace({ ...base, requestsPerPoll: 41 });
    expect(pace.intervalMs).toBe(Math.round((41 * 3_600_000) / 500));
    expect(pace.hourlyShare).toBeCloseTo(0.1);
  });

  it('spreads what is left before the reset: 10 requests left for 30 minutes allow a poll every 6 minutes', () => {
    expect(pollPace({ ...base, remaining: 10, resetAt: NOW + 1_800_000 }).intervalMs).toBe(360_000);
  });

  it('waits for the reset (plus a margin) when the allowance is used up or the host said so', () => {
    expect(pollPace({ ...base, remaining: 1, resetAt: NOW + 600_000 })).toMatchObject({ intervalMs: 605_000, reason: 'rate-limited' });
    expect(pollPace({ ...base, rateLimitedUntil: NOW + 120_000, following: true })).toMatchObject({ intervalMs: 125_000, reason: 'rate-limited' });
  });

  it('backs off after failures, doubling up to fifteen minutes', () => {
    expect(pollPace({ ...base, failures: 1 })).toMatchObject({ intervalMs: 120_000, reason: 'error' });
    expect(pollPace({ ...base, failures: 3 }).intervalMs).toBe(480_000);
    expect(pollPace({ ...base, failures: 9 }).intervalMs).toBe(900_000);
  });

  it('uses only its own paces where the host gives no limit (Azure DevOps)', () => {
    expect(pollPace({ ...base, limit: null, remaining: null, resetAt: null, requestsPerPoll: 2 })).toMatchObject({ intervalMs: 60_000, hourlyShare: null });
  });
});
