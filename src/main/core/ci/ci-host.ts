// Which CI host a workspace's remote lives on, with a client bound to the remote's own token: GitHub (github.com,
// Enterprise, or a loopback stand-in, through the same host settings pull requests use) with an Octokit, or Azure
// DevOps (organisation URL, project, repository) with an azure-devops-node-api WebApi. The CI, deploy and runner
// features all start here; tokens are registered with the redactor and never appear in an error.

import { join } from 'node:path';
import { FleetError } from '../../../shared/errors';
import type { CiHostKind } from '../../../shared/types-ci';
import { readGitConfig } from '../git/git-config';
import { hostDisplayName } from '../pulls/compare-link';
import type { GitHubCallContext } from '../pulls/github-errors';
import { remoteAddress } from '../pulls/github-remote';
import { pullHostOf, pullHostSettings } from '../pulls/pull-host';
import { resolveRemoteCredential } from '../remotes/credentials';
import { listRemoteConfigs, requireRemoteConfig } from '../remotes/remote-config';
import { parseRemoteUrl } from '../remotes/remote-url';
import type { SecretStore } from '../remotes/secret-store';
import type { Workspace } from '../workspace/workspace';
import { azureRepositoryOf, createAzureConnection, type AzureConnection } from './azure-client';
import { createOctokit, type CiOctokit } from './github-ci-client';
import { meterOctokit, RateMeter } from './rate-meter';

/** What the CI calls need from the app: secrets, the environment (tokens, host settings), who we are, the clock. */
export interface CiServices {
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  /** Sent as User-Agent ("fleet-control/<version>"). */
  userAgent: string;
  /** GitHub only (Octokit takes it); Azure DevOps' client speaks node:http itself. */
  fetch?: typeof fetch;
  /** Per request; 30 s when absent. */
  timeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_CI_TIMEOUT_MS = 30_000;

/** The error context of one call: which remote, which repository, what for (the words after "could not"). */
export interface CiCallContext extends GitHubCallContext {
  host: CiHostKind;
}

interface CiHostBase {
  remote: string;
  /** The repository's web page. */
  webUrl: string;
  /** owner/repo, or organisation/project/repository. */
  repository: string;
  context(action: string): CiCallContext;
}

export interface GitHubCiHost extends CiHostBase {
  kind: 'github';
  owner: string;
  repo: string;
  /** REST base (https://api.github.com, https://<host>/api/v3, or FLEET_GITHUB_API_URL). */
  apiBase: string;
  octokit: CiOctokit;
  /** Requests sent and the rate-limit headers of every answer, per resource (core, graphql). */
  rate: RateMeter;
}

export interface AzureCiHost extends CiHostBase {
  kind: 'azure-devops';
  /** https://dev.azure.com/<org>, https://<org>.visualstudio.com, or a server's collection URL. */
  organisationUrl: string;
  organisation: string;
  project: string;
  repositoryName: string;
  connection: AzureConnection;
}

export type CiHost = GitHubCiHost | AzureCiHost;

export interface CiHostRequest {
  /** The remote to read; the one the workspace pushes to when absent (remote.pushDefault, then origin). */
  remote?: string;
  signal?: AbortSignal;
}

/** The remote CI is read from when none is named: remote.pushDefault, then origin, then the only remote. */
export async function defaultCiRemote(workspace: Workspace): Promise<string> {
  const remotes = await listRemoteConfigs(workspace.repo);
  const config = await readGitConfig(join(workspace.repo.commondir, 'config'));
  const pushDefault = config.get('remote.pushdefault');
  const named = [pushDefault, 'origin'].find((name) => name && remotes.some((r) => r.name === name));
  if (named) return named;
  if (remotes.length >= 1) return remotes[0]!.name;
  throw new FleetError('REMOTE_NOT_FOUND', 'This repository has no remote, so there is no CI to read: add the GitHub or Azure DevOps remote (git remote add origin https://…) first.');
}

/** Which remote CI is read from and the address it has now: a client made for another address is not reused. */
export async function ciHostIdentity(workspace: Workspace, remote?: string): Promise<string> {
  const name = remote ?? (await defaultCiRemote(workspace));
  const entry = await requireRemoteConfig(workspace.repo, name);
  return `${name}\n${remoteAddress(entry)}`;
}

function tokenMissing(remote: string, kind: CiHostKind, repository: string): FleetError {
  const needs =
    kind === 'github'
      ? `a token with "Checks: read", "Commit statuses: read" and "Actions: read" on ${repository}`
      : `a personal access token with the "Build (Read)" and "Code (Read)" scopes`;
  return new FleetError('TOKEN_MISSING', `No token is set for "${remote}". CI is read through the host's API with the remote's token: set one in Remotes (${needs}).`, { remote, host: kind });
}

/** The CI host behind `remote` (default: the push remote) with its client; UNSUPPORTED for hosts other than GitHub and Azure DevOps. */
export async function resolveCiHost(services: CiServices, workspace: Workspace, request: CiHostRequest = {}): Promise<CiHost> {
  const remote = request.remote ?? (await defaultCiRemote(workspace));
  const entry = await requireRemoteConfig(workspace.repo, remote);
  const address = remoteAddress(entry);
  const host = pullHostOf(address, pullHostSettings(services.env));
  if (host.kind !== 'github' && host.kind !== 'azure-devops') {
    throw new FleetError('UNSUPPORTED', `"${remote}" is on ${hostDisplayName(host)}: Fleet Control reads CI from GitHub and Azure DevOps only.`, { remote, host: host.kind });
  }
  const azure = host.kind === 'azure-devops' ? azureRepositoryOf(address) : null;
  if (host.kind === 'github' && (!host.apiBase || !host.owner || !host.name)) {
    throw new FleetError('INVALID_URL', `"${remote}" does not name a GitHub repository (https://<host>/<owner>/<repo>).`, { remote });
  }
  const parsed = parseRemoteUrl(address);
  const { credential } = await resolveRemoteCredential(services, workspace.path, remote, parsed);
  const repository = azure ? `${azure.organisation}/${azure.project}/${azure.repository}` : host.repository;
  if (!credential) throw tokenMissing(remote, host.kind, repository);
  const context = (action: string): CiCallContext => ({ remote, repository, action, host: host.kind as CiHostKind });
  const timeoutMs = services.timeoutMs ?? DEFAULT_CI_TIMEOUT_MS;
  if (azure) {
    const connection = await createAzureConnection({ organisationUrl: azure.organisationUrl, token: credential.password, userAgent: services.userAgent, timeoutMs, signal: request.signal });
    return { kind: 'azure-devops', remote, webUrl: host.webUrl, repository, context, organisationUrl: azure.organisationUrl, organisation: azure.organisation, project: azure.project, repositoryName: azure.repository, connection };
  }
  const octokit = await createOctokit({ apiBase: host.apiBase!, token: credential.password, userAgent: services.userAgent, fetch: services.fetch, timeoutMs, signal: request.signal });
  const rate = new RateMeter(services.now);
  meterOctokit(octokit, rate);
  return { kind: 'github', remote, webUrl: host.webUrl, repository, context, owner: host.owner!, repo: host.name!, apiBase: host.apiBase!, octokit, rate };
}
