// One Octokit call of a deploy with its failure as a FleetError (the CI layer's mapping: token, permission, rate
// limit, not found), after a chance to name a status more precisely (a missing branch, workflow or trigger).

import type { FleetError } from '../../../../shared/errors';
import { gitHubCiError } from '../../ci/ci-errors';
import type { GitHubCiHost } from '../../ci/ci-host';

interface StatusError {
  status?: number;
  response?: { data?: { message?: string } };
}

/** One Octokit call with its failure as a FleetError; `special` may turn a status into a more precise error first. */
export async function gitHubCall<T>(host: GitHubCiHost, action: string, call: () => Promise<T>, special?: (status: number, message: string) => FleetError | null): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const e = error as StatusError;
    const precise = typeof e.status === 'number' ? special?.(e.status, e.response?.data?.message ?? '') : null;
    throw precise ?? gitHubCiError(error, host.context(action));
  }
}

