import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { resolveCiHost, defaultCiRemote, type AzureCiHost, type CiServices, type GitHubCiHost } from '../../../../src/main/core/ci/ci-host';
import { azureRepositoryIds } from '../../../../src/main/core/ci/azure-repository';
import { gitHubCiError } from '../../../../src/main/core/ci/ci-errors';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import { FleetError } from '../../../../src/shared/errors';
import { AzureDevOpsServer } from '../../../helpers/azure-devops-server';
import { GitHubCiServer } from '../../../helpers/github-ci-server';
import { cleanupTempDirs } from '../../../helpers/git';
import { initialisedWorkspace } from '../remotes/remote-fixture';

const GH_TOKEN = 'ghp_ci_host_test_token_0123456789';
const AZ_TOKEN = 'azurepat0123456789abcdefghijklmnopqrstuvwxyz';

let github: GitHubCiServer;
let azure: AzureDevOpsServer;
let workspace: Workspace;
let services: CiServices;

beforeAll(async () => {
  github = await GitHubCiServer.start({ token: GH_TOKEN, repository: 'acme/fleet', branches: { main: 'a'.repeat(40) } });
  azure = await AzureDevOpsServer.start({ token: AZ_TOKEN, organisation: 'acme' });
  azure.addProject('Fleet', ['fleet']);
});
afterAll(async () => {
  await github.close();
  await azure.close();
  cleanupTempDirs();
});

beforeEach(async () => {
  workspace = await initialisedWorkspace();
  await addRemoteConfig(workspace.repo, 'origin', `${github.url}/acme/fleet.git`);
  await addRemoteConfig(workspace.repo, 'azure', azure.remoteUrl('Fleet', 'fleet'));
  // The loopback host is a GitHub Enterprise server (its API under /api/v3), as pull requests declare it.
  services = {
    secrets: new MemorySecretStore(),
    env: { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: GH_TOKEN, FLEET_GIT_TOKEN_AZURE: AZ_TOKEN },
    userAgent: 'fleet-control/test',
  };
  github.remaining.core = 5000;
  github.permissions = new Set(['checks', 'statuses', 'actions']);
  github.requests.length = 0;
});

async function rejection(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}

describe('resolving the CI host of a remote', () => {
  it('reads CI from the remote the workspace pushes to: remote.pushDefault, else origin', async () => {
    expect(await defaultCiRemote(workspace)).toBe('origin');
    execFileSync('git', ['config', 'remote.pushDefault', 'azure'], { cwd: workspace.path });
    expect(await defaultCiRemote(workspace)).toBe('azure');
    expect((await resolveCiHost(services, workspace)).kind).toBe('azure-devops');
  });

  it('gives a GitHub Enterprise remote an Octokit on its /api/v3 base that sends the token, User-Agent and API version', async () => {
    const host = (await resolveCiHost(services, workspace, { remote: 'origin' })) as GitHubCiHost;
    expect(host).toMatchObject({ kind: 'github', owner: 'acme', repo: 'fleet', repository: 'acme/fleet', apiBase: `${github.url}/api/v3` });
    github.report('a'.repeat(40), [{ name: 'test', status: 'completed', conclusion: 'success' }]);
    const { data } = await host.octokit.rest.checks.listForRef({ owner: 'acme', repo: 'fleet', ref: 'main' });
    expect(data.check_runs.map((r) => r.name)).toEqual(['test']);
    const sent = github.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`token ${GH_TOKEN}`);
    expect(sent.headers['user-agent']).toMatch(/^fleet-control\/test/);
    expect(sent.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('refuses a remote without a token before asking the host, naming what the token needs', async () => {
    const error = await rejection(resolveCiHost({ ...services, env: { FLEET_GITHUB_HOSTS: services.env.FLEET_GITHUB_HOSTS } }, workspace, { remote: 'origin' }));
    expect(error.code).toBe('TOKEN_MISSING');
    expect(error.message).toMatch(/Checks: read/);
    expect(github.requests).toHaveLength(0);
  });

  it('says which permission a token lacks (X-Accepted-GitHub-Permissions), and never shows the token', async () => {
    github.permissions.delete('checks');
    const host = (await resolveCiHost(services, workspace, { remote: 'origin' })) as GitHubCiHost;
    const thrown = await host.octokit.rest.checks.listForRef({ owner: 'acme', repo: 'fleet', ref: 'main' }).catch((e: unknown) => e);
    const error = gitHubCiError(thrown, host.context('read the check runs'));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('checks=read');
    expect(JSON.stringify(error.toPayload())).not.toContain(GH_TOKEN);
  });

  it('turns a used-up rate limit into RATE_LIMITED saying until when', async () => {
    github.remaining.core = 0;
    const host = (await resolveCiHost(services, workspace, { remote: 'origin' })) as GitHubCiHost;
    const thrown = await host.octokit.rest.checks.listForRef({ owner: 'acme', repo: 'fleet', ref: 'main' }).catch((e: unknown) => e);
    const error = gitHubCiError(thrown, host.context('read the check runs'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.data?.resetAt).toBe(new Date(github.resetAt * 1000).toISOString());
    expect(error.message).toMatch(/resets at \d\d:\d\d UTC/);
  });

  it('turns a refused token (401) into AUTH_FAILED and an unreachable host into NETWORK', async () => {
    const wrong = { ...services, env: { ...services.env, FLEET_GIT_TOKEN_ORIGIN: 'ghp_wrong_token_000000000000' } };
    const host = (await resolveCiHost(wrong, workspace, { remote: 'origin' })) as GitHubCiHost;
    const thrown = await host.octokit.rest.checks.listForRef({ owner: 'acme', repo: 'fleet', ref: 'main' }).catch((e: unknown) => e);
    expect(gitHubCiError(thrown, host.context('read the check runs')).code).toBe('AUTH_FAILED');
    await addRemoteConfig(workspace.repo, 'gone', 'http://127.0.0.1:9/acme/fleet.git');
    const offline = (await resolveCiHost({ ...services, env: { ...services.env, FLEET_GITHUB_HOSTS: '127.0.0.1:9', FLEET_GIT_TOKEN_GONE: GH_TOKEN } }, workspace, { remote: 'gone' })) as GitHubCiHost;
    const unreachable = await offline.octokit.rest.checks.listForRef({ owner: 'acme', repo: 'fleet', ref: 'main' }).catch((e: unknown) => e);
    expect(gitHubCiError(unreachable, offline.context('read the check runs')).code).toBe('NETWORK');
  });

  it('refuses hosts other than GitHub and Azure DevOps by name', async () => {
    await addRemoteConfig(workspace.repo, 'lab', 'https://gitlab.com/acme/fleet.git');
    expect((await rejection(resolveCiHost(services, workspace, { remote: 'lab' }))).code).toBe('UNSUPPORTED');
  });
});

describe('resolving an Azure DevOps remote', () => {
  it('reads organisation, project and repository from the address and finds them through the location service', async () => {
    const host = (await resolveCiHost(services, workspace, { remote: 'azure' })) as AzureCiHost;
    expect(host).toMatchObject({ kind: 'azure-devops', organisationUrl: azure.organisationUrl, organisation: 'acme', project: 'Fleet', repositoryName: 'fleet', repository: 'acme/Fleet/fleet' });
    const ids = await azureRepositoryIds(host);
    expect(ids.repositoryId).toMatch(/^[0-9a-f-]{36}$/);
    // What the official client asked first: the Location area's routes, then the resource areas.
    const asked = azure.requests.map((r) => `${r.method} ${r.path}`);
    expect(asked).toContain('OPTIONS /_apis/Location');
    expect(asked).toContain('GET /_apis/ResourceAreas');
    expect(azure.requests.every((r) => r.headers.authorization === `Basic ${Buffer.from(`PAT:${AZ_TOKEN}`).toString('base64')}`)).toBe(true);
  });

  it('names the missing organisation, project or repository', async () => {
    const cases: Array<[string, string]> = [
      [`${azure.url}/nobody/Fleet/_git/fleet`, 'organisation'],
      [azure.remoteUrl('Nope', 'fleet'), 'project'],
      [azure.remoteUrl('Fleet', 'nope'), 'repository'],
    ];
    for (const [url, missing] of cases) {
      execFileSync('git', ['remote', 'set-url', 'azure', url], { cwd: workspace.path });
      const host = (await resolveCiHost(services, workspace, { remote: 'azure' })) as AzureCiHost;
      const error = await rejection(azureRepositoryIds(host));
      expect(error.code).toBe('REPO_NOT_FOUND');
      expect(error.data?.missing).toBe(missing);
    }
  });

  it('turns a refused PAT into AUTH_FAILED naming the scopes, and throttling into RATE_LIMITED until a time', async () => {
    const wrong = { ...services, env: { ...services.env, FLEET_GIT_TOKEN_AZURE: 'not-the-pat-000000000000' } };
    const refused = await rejection(azureRepositoryIds((await resolveCiHost(wrong, workspace, { remote: 'azure' })) as AzureCiHost));
    expect(refused.code).toBe('AUTH_FAILED');
    expect(refused.message).toContain('Build (Read)');
    expect(refused.message).not.toContain('not-the-pat-000000000000');
    azure.throttleSeconds = 120;
    const throttled = await rejection(azureRepositoryIds((await resolveCiHost(services, workspace, { remote: 'azure' })) as AzureCiHost));
    expect(throttled.code).toBe('RATE_LIMITED');
    expect(Date.parse(String(throttled.data?.resetAt)) - Date.now()).toBeGreaterThan(100_000);
  });
});
