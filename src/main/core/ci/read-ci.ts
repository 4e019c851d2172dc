// One read of the fleet's CI from the host: every fleet branch's checks as GitHub (one GraphQL rollup query, or REST
// where GraphQL is refused) or Azure DevOps (builds by branch) answered, with when it was read and what the read
// cost against the rate limit. Nothing here is guessed: a branch the host has no CI for is "none".

import type { CiRateUse, CiStatus } from '../../../shared/types-ci';
import { FleetError } from '../../../shared/errors';
import type { Workspace } from '../workspace/workspace';
import { readAzureBuilds } from './azure-builds';
import { resolveCiHost, type CiHost, type CiServices, type GitHubCiHost } from './ci-host';
import { fleetBranches, type FleetBranch } from './fleet-branches';
import { readRestStatus } from './github-rest-status';
import { readRollup } from './github-rollup';

export interface CiReadOptions {
  /** The remote to read (default: the push remote); ignored when `host` is given. */
  remote?: string;
  signal?: AbortSignal;
  /** A host resolved before (the poller keeps one per remote, so Azure's route discovery is not repeated). */
  host?: CiHost;
  /** False once GraphQL was refused for this host: go straight to REST. */
  graphql?: boolean;
}

export interface CiRead {
  status: CiStatus;
  host: CiHost;
}

/** GraphQL refused for this token or absent on this server (not a rate limit, not a bad token). */
export function graphQlRefused(error: unknown): boolean {
  if (!(error instanceof FleetError)) return false;
  const type = error.data?.graphqlType;
  if (type === 'FORBIDDEN' || type === 'INSUFFICIENT_SCOPES') return true;
  if (error.code === 'PERMISSION_DENIED' && error.data?.status === 403) return true;
  return error.code === 'REPO_NOT_FOUND' && error.data?.status === 404 && type === undefined;
}

function rateUse(limit: number | null, remaining: number | null, resetAt: Date | string | null, requestsPerPoll: number): CiRateUse {
  const reset = resetAt === null ? null : new Date(resetAt).toISOString();
  return { limit, remaining, resetAt: reset, requestsPerPoll, hourlyShare: null };
}

async function readGitHub(host: GitHubCiHost, branches: FleetBranch[], graphql: boolean): Promise<Pick<CiStatus, 'via' | 'branches' | 'rate'>> {
  if (graphql) {
    try {
      const rollup = await readRollup(host, branches);
      const block = rollup.rate;
      const reading = host.rate.reading('graphql');
      return {
        via: 'graphql',
        branches: rollup.branches,
        rate: rateUse(block?.limit ?? reading?.limit ?? null, block?.remaining ?? reading?.remaining ?? null, block?.resetAt ?? reading?.resetAt ?? null, rollup.cost),
      };
    } catch (error) {
      if (!graphQlRefused(error)) throw error;
    }
  }
  const rest = await readRestStatus(host, branches);
  const reading = host.rate.reading('core');
  return { via: 'rest', branches: rest.branches, rate: rateUse(reading?.limit ?? null, reading?.remaining ?? null, reading?.resetAt ?? null, rest.requests) };
}

/** Reads the CI of every fleet branch on one remote; FleetErrors as ci-errors.ts maps them. */
export async function readCiStatus(services: CiServices, workspace: Workspace, options: CiReadOptions = {}): Promise<CiRead> {
  const host = options.host ?? (await resolveCiHost(services, workspace, { remote: options.remote, signal: options.signal }));
  const branches = await fleetBranches(workspace);
  const now = () => services.now?.() ?? new Date();
  const base = { remote: host.remote, host: host.kind, repository: host.repository, webUrl: host.webUrl };
  if (host.kind === 'azure-devops') {
    const builds = await readAzureBuilds(host, branches);
    return { host, status: { ...base, via: 'builds', readAt: now().toISOString(), branches: builds.branches, rate: rateUse(null, null, null, builds.requests) } };
  }
  const read = await readGitHub(host, branches, options.graphql !== false);
  return { host, status: { ...base, ...read, readAt: now().toISOString() } };
}
