// What Azure DevOps' answers say about its rate limit, for the follow loop to pace itself by: every request an API
// client sends is counted and the X-RateLimit-* headers Azure adds once a token nears its limit (Resource, Limit,
// Remaining, Reset) are kept. azure-devops-node-api hands its callers no headers, so its HTTP clients are wrapped.

import type { ClientApiBase } from 'azure-devops-node-api/ClientApiBases';
import type { HttpClient } from 'typed-rest-client/HttpClient';
import { RateMeter } from '../../ci/rate-meter';
import type { RateView } from './target';

const metered = new WeakSet<HttpClient>();

export class AzureRateMeter {
  private readonly meter = new RateMeter();
  /** Azure names the throttled resource (Global, ATCPUTime, ...): the newest reading is the one that counts. */
  private resource: string | null = null;

  /** Counts the requests of an API client (its JSON and its raw HTTP client) and reads their answers' headers. */
  watch(api: ClientApiBase): void {
    for (const http of [api.http, api.rest.client]) {
      if (metered.has(http)) continue;
      metered.add(http);
      const send = http.requestRaw.bind(http);
      http.requestRaw = async (info, data) => {
        const response = await send(info, data);
        this.observe(response.message.headers as Record<string, string | undefined>);
        return response;
      };
    }
  }

  observe(headers: Record<string, string | undefined>): void {
    this.meter.observe(headers);
    if (headers['x-ratelimit-limit'] !== undefined) this.resource = String(headers['x-ratelimit-resource'] ?? 'core');
  }

  view(): RateView {
    const reading = this.resource ? this.meter.reading(this.resource) : null;
    return { requests: this.meter.requests, limit: reading?.limit ?? null, remaining: reading?.remaining ?? null, resetAt: reading?.resetAt?.getTime() ?? null };
  }
}
