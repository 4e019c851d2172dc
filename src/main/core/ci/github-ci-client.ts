// GitHub's official client (Octokit) set up the way Fleet Control calls GitHub: the remote's token, a User-Agent,
// the pinned REST API version, an injectable fetch with a time limit per request, a cancel signal, and no console
// logging. Imported lazily so that commands which never talk to GitHub do not load it.

import type { Octokit } from '@octokit/rest';
import { GITHUB_API_VERSION } from '../pulls/github-client';
import { registerSecret } from '../secrets/redactor';
import { requireSecureTransport } from '../secrets/secure-transport';

export type CiOctokit = Octokit;

export interface OctokitOptions {
  apiBase: string;
  token: string;
  userAgent: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A fetch that gives up after `timeoutMs` (each request on its own clock), besides the caller's signal. */
export function timedFetch(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

/** An Octokit bound to one GitHub API base and token; INSECURE_TRANSPORT when the base is plain HTTP to another computer. */
export async function createOctokit(options: OctokitOptions): Promise<CiOctokit> {
  requireSecureTransport(options.apiBase, 'the token');
  registerSecret(options.token);
  const { Octokit } = await import('@octokit/rest');
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.apiBase,
    userAgent: options.userAgent,
    log: quiet,
    request: { fetch: timedFetch(options.fetch ?? fetch, options.timeoutMs), signal: options.signal },
  });
  octokit.hook.before('request', (request) => {
    request.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  return octokit;
}
