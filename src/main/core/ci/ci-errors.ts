// Failures of the CI hosts' clients turned into FleetErrors a user can act on. GitHub: Octokit's RequestError (HTTP
// status, headers, GitHub's error body; read by the pull requests' gitHubError) and GraphQL's error list; Azure
// DevOps: typed-rest-client's errors (statusCode, result, responseHeaders). No token ever reaches a message.

import { FleetError } from '../../../shared/errors';
import { gitHubError, type GitHubCallContext, type GitHubErrorBody } from '../pulls/github-errors';
import { networkError } from '../remotes/http-transport';
import { redact } from '../secrets/redactor';

interface OctokitLikeError {
  status?: number;
  name?: string;
  message?: string;
  cause?: unknown;
  request?: { url?: string };
  response?: { status: number; url?: string; headers: Record<string, string | number | undefined>; data: unknown };
  /** GraphqlResponseError: the query's `errors` and the answer's headers. */
  errors?: Array<{ type?: string; message?: string }>;
  headers?: Record<string, string | number | undefined>;
}

function headersOf(record: Record<string, string | number | undefined> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record ?? {})) if (value !== undefined) headers.set(name, String(value));
  return headers;
}

function clock(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/** "It resets at 10:30 UTC (in about 12 min)." from an epoch-seconds reset or Retry-After seconds; null without either. */
export function resetTimeOf(headers: Headers, now = Date.now()): Date | null {
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const after = Number(headers.get('retry-after'));
  if (Number.isFinite(after) && after > 0) return new Date(now + after * 1000);
  return null;
}

function resetSentence(resetAt: Date | null, now: number): string {
  return resetAt ? ` It resets at ${clock(resetAt)} (in about ${Math.max(1, Math.ceil((resetAt.getTime() - now) / 60_000))} min).` : '';
}

function graphQlError(error: OctokitLikeError, context: GitHubCallContext, now: number): FleetError {
  const first = error.errors?.[0] ?? {};
  const said = first.message ? ` GitHub said: "${redact(first.message)}".` : '';
  const data = { remote: context.remote, repository: context.repository, graphqlType: first.type ?? null };
  if (first.type === 'RATE_LIMITED') {
    const resetAt = resetTimeOf(headersOf(error.headers), now);
    return new FleetError('RATE_LIMITED', `GitHub's GraphQL rate limit for the token of "${context.remote}" is used up, so Fleet Control could not ${context.action}.${resetSentence(resetAt, now)}`, {
      ...data,
      resetAt: resetAt?.toISOString() ?? null,
    });
  }
  if (first.type === 'NOT_FOUND') {
    return new FleetError('REPO_NOT_FOUND', `GitHub has no repository ${context.repository} that the token of "${context.remote}" can see.${said}`, { ...data, missing: 'repository' });
  }
  if (first.type === 'FORBIDDEN' || first.type === 'INSUFFICIENT_SCOPES') {
    return new FleetError('PERMISSION_DENIED', `The token of "${context.remote}" is not allowed to ${context.action} on ${context.repository}.${said}`, data);
  }
  return new FleetError('HOST_API_ERROR', `GitHub's GraphQL API refused to ${context.action} on ${context.repository}.${said}`, data);
}

/** The FleetError for anything Octokit (REST or GraphQL) threw; FleetErrors pass through unchanged. */
export function gitHubCiError(error: unknown, context: GitHubCallContext, now = Date.now()): FleetError {
  if (error instanceof FleetError) return error;
  const e = (error ?? {}) as OctokitLikeError;
  if (Array.isArray(e.errors) && e.name === 'GraphqlResponseError') return graphQlError(e, context, now);
  if (e.response && typeof e.response.status === 'number') {
    return gitHubError(e.response.status, headersOf(e.response.headers), (redact(e.response.data) ?? {}) as GitHubErrorBody, context);
  }
  // No answer at all: cancelled, timed out, or the host could not be reached.
  const cause = e.cause as { name?: string; cause?: unknown } | undefined;
  if (e.name === 'AbortError' || cause?.name === 'AbortError') return new FleetError('CANCELLED', 'The operation was cancelled.');
  const url = e.request?.url ?? '';
  if (cause?.name === 'TimeoutError' || e.name === 'TimeoutError') return networkError(url, Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
  return networkError(url, cause?.cause ?? cause ?? error);
}

export interface AzureErrorContext {
  remote: string;
  /** organisation/project/repository. */
  repository: string;
  action: string;
  organisationUrl?: string;
}

interface RestClientError {
  statusCode?: number;
  message?: string;
  code?: string;
  result?: { message?: string; typeKey?: string };
  responseHeaders?: Record<string, string | undefined>;
}

/** The FleetError for anything azure-devops-node-api threw (typed-rest-client's statusCode/result/responseHeaders). */
export function azureCiError(error: unknown, context: AzureErrorContext, now = Date.now()): FleetError {
  if (error instanceof FleetError) return error;
  const e = (error ?? {}) as RestClientError;
  const where = context.organisationUrl ?? context.repository;
  const message = redact(e.result?.message ?? e.message ?? '');
  const said = message ? ` Azure DevOps said: "${message.slice(0, 300)}".` : '';
  const data = { remote: context.remote, repository: context.repository, status: e.statusCode ?? null, typeKey: e.result?.typeKey ?? null };
  const status = e.statusCode;
  if (status === 429 || (status === 503 && e.responseHeaders?.['retry-after'])) {
    const resetAt = resetTimeOf(headersOf(e.responseHeaders), now) ?? new Date(now + 60_000);
    return new FleetError('RATE_LIMITED', `Azure DevOps is throttling the token of "${context.remote}", so Fleet Control could not ${context.action}.${resetSentence(resetAt, now)}`, {
      ...data,
      resetAt: resetAt.toISOString(),
    });
  }
  if (status === 401) {
    return new FleetError(
      'AUTH_FAILED',
      `Azure DevOps refused the token of "${context.remote}" (401): it is wrong, expired, not valid for ${where}, or lacks the scope needed to ${context.action} ("Build (Read)" and "Code (Read)").${said} Set a new personal access token for the remote in Remotes.`,
      data,
    );
  }
  if (status === 403) {
    return new FleetError('PERMISSION_DENIED', `The token of "${context.remote}" is not allowed to ${context.action} on ${context.repository}.${said} It needs the scopes "Build (Read)" and "Code (Read)".`, data);
  }
  if (status === 404) {
    return new FleetError('REPO_NOT_FOUND', `Azure DevOps has nothing at ${where} that the token of "${context.remote}" can see.${said}`, { ...data, missing: 'resource' });
  }
  if (typeof status === 'number') {
    const later = status >= 500 ? " This is on Azure DevOps' side; try again in a moment." : '';
    return new FleetError('HOST_API_ERROR', `Azure DevOps answered ${status} when Fleet Control tried to ${context.action} on ${context.repository}.${said}${later}`, data);
  }
  if (/Failed to find api location|Could not find information for resource area|Failed to retrieve resource areas/i.test(e.message ?? '')) {
    return new FleetError('REPO_NOT_FOUND', `${where} is not an Azure DevOps organisation the token of "${context.remote}" can see (it has no API there). Check the remote's address.`, {
      ...data,
      missing: 'organisation',
    });
  }
  if (/^Request timeout/i.test(e.message ?? '')) return networkError(where, Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
  return networkError(where, error);
}
