// A small GitHub REST client over plain fetch: the headers GitHub asks for (Accept, X-GitHub-Api-Version, a
// Bearer token, a User-Agent), JSON in and out, a time limit, and failures as FleetErrors. The token stays here.

import { FleetError } from '../../../shared/errors';
import { networkError } from '../remotes/http-transport';
import { gitHubError, type GitHubCallContext, type GitHubErrorBody } from './github-errors';
import { redact, registerSecret } from '../secrets/redactor';
import { requireSecureTransport } from '../secrets/secure-transport';

export const GITHUB_API_VERSION = '2022-11-28';
const TIMEOUT_MS = 30_000;

/** A pull request as GitHub's REST API returns it (the fields Fleet Control reads). */
export interface GitHubPull {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  draft?: boolean;
  merged_at: string | null;
  title: string;
  updated_at: string;
  head: { ref: string; label?: string; repo: { full_name: string } | null };
  base: { ref: string };
}

export interface GitHubAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface GitHubClientOptions {
  apiBase: string;
  token: string;
  /** Sent as User-Agent (GitHub refuses requests without one). */
  userAgent: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export class GitHubClient {
  constructor(private readonly options: GitHubClientOptions) {
    registerSecret(options.token);
  }

  /** Sends one request and returns whatever status GitHub answered; only an unreachable host throws (NETWORK). */
  async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GitHubAnswer> {
    const url = `${this.options.apiBase}${path}`;
    requireSecureTransport(url, 'the token');
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': GITHUB_API_VERSION,
          Authorization: `Bearer ${this.options.token}`,
          'User-Agent': this.options.userAgent,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        redirect: 'follow',
      });
    } catch (error) {
      if (this.options.signal?.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
      if (timeout.aborted) throw networkError(url, Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
      // fetch reports "fetch failed" and keeps the socket's error (ECONNREFUSED, ENOTFOUND, ...) as its cause.
      throw networkError(url, (error as { cause?: unknown }).cause ?? error);
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { message: text.slice(0, 200) };
      }
    }
    // An error answer's words may echo what it was sent: redacted before any of them becomes an error message.
    return { status: response.status, headers: response.headers, body: response.ok ? parsed : redact(parsed) };
  }

  /** The JSON of a 2xx answer; any other status becomes the matching FleetError. */
  async call<T>(method: 'GET' | 'POST', path: string, context: GitHubCallContext, body?: unknown): Promise<T> {
    const answer = await this.send(method, path, body);
    if (answer.status >= 200 && answer.status < 300) return expectJson<T>(answer, context);
    throw gitHubError(answer.status, answer.headers, (answer.body ?? {}) as GitHubErrorBody, context);
  }
}

/** The body of a 2xx answer, refused when it is not JSON (the address is not GitHub's API). */
export function expectJson<T>(answer: GitHubAnswer, context: GitHubCallContext): T {
  if (typeof answer.body === 'object' && answer.body !== null && answer.headers.get('content-type')?.includes('json')) return answer.body as T;
  throw new FleetError('HOST_API_ERROR', `The server behind "${context.remote}" did not answer as GitHub's REST API does, so Fleet Control could not ${context.action}.`, {
    remote: context.remote,
    status: answer.status,
  });
}

/** The path of a repository's API resource: /repos/{owner}/{repo}. */
export function repoPath(owner: string, name: string): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}
