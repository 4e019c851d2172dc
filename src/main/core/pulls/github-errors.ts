// GitHub's error answers turned into sentences a user can act on: a refused token (401), a token lacking a
// permission (403 with X-Accepted-GitHub-Permissions), a repository not found or not visible (404), the rate limit
// (403/429 with x-ratelimit-remaining 0, or Retry-After for the secondary limit), and anything else GitHub said.

import { FleetError } from '../../../shared/errors';

/** GitHub's error body: {message, errors?, documentation_url?}. */
export interface GitHubErrorBody {
  message?: string;
  errors?: Array<{ resource?: string; field?: string; code?: string; message?: string } | string>;
  documentation_url?: string;
}

export interface GitHubCallContext {
  remote: string;
  /** owner/repo. */
  repository: string;
  /** What the call was for, e.g. "open a pull request". */
  action: string;
}

function clock(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/** The rate-limit error when the answer says the limit is used up; null otherwise. */
export function rateLimitError(status: number, headers: Headers, body: GitHubErrorBody, context: GitHubCallContext, now = Date.now()): FleetError | null {
  if (status !== 403 && status !== 429) return null;
  const remaining = headers.get('x-ratelimit-remaining');
  const retryAfter = Number(headers.get('retry-after'));
  const secondary = /secondary rate limit|abuse/i.test(body.message ?? '');
  if (remaining === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'));
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
    const when = resetAt ? ` It resets at ${clock(resetAt)} (in about ${Math.max(1, Math.ceil((resetAt.getTime() - now) / 60_000))} min).` : '';
    return new FleetError('RATE_LIMITED', `GitHub's API rate limit for the token of "${context.remote}" is used up, so Fleet Control could not ${context.action}.${when}`, {
      remote: context.remote,
      resetAt: resetAt?.toISOString() ?? null,
      limit: headers.get('x-ratelimit-limit'),
    });
  }
  if (status === 429 || secondary || (Number.isFinite(retryAfter) && retryAfter > 0)) {
    const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60;
    return new FleetError('RATE_LIMITED', `GitHub asked Fleet Control to slow down (too many requests). Try again in ${seconds} s.`, {
      remote: context.remote,
      retryAfterSeconds: seconds,
      resetAt: new Date(now + seconds * 1000).toISOString(),
    });
  }
  return null;
}

/** The FleetError for a non-2xx answer from GitHub (422 is handled by the caller first where it means something). */
export function gitHubError(status: number, headers: Headers, body: GitHubErrorBody, context: GitHubCallContext): FleetError {
  const said = body.message ? ` GitHub said: "${body.message}".` : '';
  const data = { remote: context.remote, repository: context.repository, status, documentationUrl: body.documentation_url ?? null };
  const limited = rateLimitError(status, headers, body, context);
  if (limited) return limited;
  if (status === 401) {
    return new FleetError('AUTH_FAILED', `GitHub refused the token of "${context.remote}": it is wrong, expired or revoked.${said} Set a new token for the remote in Remotes.`, data);
  }
  if (status === 403) {
    const permissions = headers.get('x-accepted-github-permissions');
    const scopes = headers.get('x-accepted-oauth-scopes');
    const needs = permissions
      ? ` It needs the permission ${permissions.replace(/;\s*/g, ' or ')} on ${context.repository}.`
      : scopes
        ? ` It needs the scope ${scopes}.`
        : '';
    return new FleetError('PERMISSION_DENIED', `The token of "${context.remote}" is not allowed to ${context.action} on ${context.repository}.${said}${needs}`, {
      ...data,
      acceptedPermissions: permissions,
      acceptedScopes: scopes,
    });
  }
  if (status === 404) {
    return new FleetError(
      'REPO_NOT_FOUND',
      `GitHub has no repository ${context.repository} that the token of "${context.remote}" can see. GitHub answers "not found" both for a missing repository and for one the token has no access to: check the remote's address and the token's repository access.`,
      data,
    );
  }
  const details = (body.errors ?? []).map((e) => (typeof e === 'string' ? e : e.message ?? [e.field, e.code].filter(Boolean).join(' '))).filter(Boolean);
  const extra = details.length ? ` (${details.join('; ')})` : '';
  const when = status >= 500 ? ' This is on GitHub\'s side; try again in a moment.' : '';
  return new FleetError('HOST_API_ERROR', `GitHub answered ${status} when Fleet Control tried to ${context.action} on ${context.repository}.${said}${extra}${when}`, data);
}
