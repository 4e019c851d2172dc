// What GitHub's answers say about the rate limit (x-ratelimit-limit / -remaining / -reset / -resource), kept per
// resource (core for REST, graphql for GraphQL) as the answers arrive, and how many requests were sent. The poller
// reads it to pace itself; deploys and runners can read it too.

import type { CiOctokit } from './github-ci-client';

export interface RateReading {
  resource: string;
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
  readAt: Date;
}

type HeaderBag = Record<string, string | number | undefined> | undefined;

function numberOf(value: string | number | undefined): number | null {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? null : n;
}

export class RateMeter {
  /** Requests sent through the client since it was made. */
  requests = 0;
  private readonly byResource = new Map<string, RateReading>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Records one answer's headers (any answer: a 403 with remaining 0 is the most useful of all). */
  observe(headers: HeaderBag): void {
    this.requests++;
    const limit = numberOf(headers?.['x-ratelimit-limit']);
    if (limit === null) return;
    const resource = String(headers?.['x-ratelimit-resource'] ?? 'core');
    const reset = numberOf(headers?.['x-ratelimit-reset']);
    this.byResource.set(resource, { resource, limit, remaining: numberOf(headers?.['x-ratelimit-remaining']), resetAt: reset ? new Date(reset * 1000) : null, readAt: this.now() });
  }

  /** The last reading for a resource (core, graphql, ...), if an answer has told it. */
  reading(resource: string): RateReading | null {
    return this.byResource.get(resource) ?? null;
  }
}

/** Counts every request the Octokit sends and reads the rate-limit headers of every answer, good or bad. */
export function meterOctokit(octokit: CiOctokit, meter: RateMeter): void {
  octokit.hook.after('request', (response) => meter.observe(response.headers as HeaderBag));
  octokit.hook.error('request', (error) => {
    meter.observe((error as { response?: { headers?: HeaderBag } }).response?.headers ?? {});
    throw error;
  });
}
