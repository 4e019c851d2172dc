import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { workspaceDataDir } from '../../../../src/main/core/paths';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { OpenPullRequestResult, PullRequestRecord, RefreshPullRequestsResult } from '../../../../src/shared/types-pulls';
import { GitHubServer } from '../../../helpers/github-server';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { editModuleDocs, initialisedWorkspace } from '../remotes/remote-fixture';

const TOKEN = 'ghp_pulls_test_token_1234567890';
const REPO = 'acme/fleet';

let github: GitHubServer;
let app: FleetApp;
let appDataDir: string;
let workspace: Workspace;
let call: (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; data?: Record<string, unknown> } }>;

beforeAll(async () => {
  github = await GitHubServer.start({ token: TOKEN });
  appDataDir = makeTempDir('fleet-appdata-');
  // The loopback host is declared a GitHub Enterprise server: its API is <host>/api/v3.
  const env = { FLEET_GITHUB_HOSTS: new URL(github.url).host };
  app = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env } });
  call = createDispatcher(app.handlers, () => undefined).call as typeof call;
});
afterAll(async () => {
  await app.dispose();
  await github.close();
  cleanupTempDirs();
});

const SUMMARY = '---\napproved: 2026-01-02\n---\n# Fleet Hub: summary\n\nVehicle list paginates on the server now.\n';

beforeEach(async () => {
  workspace = await initialisedWorkspace();
  await app.openWorkspace(workspace.path);
  const tips = await editModuleDocs(workspace, ['fleet-hub', 'drivers-hub']);
  const { commitDocuments } = await import('../../../../src/main/core/docs/commit-docs');
  const summary = await commitDocuments(workspace.repo, {
    branch: 'module/fleet-hub',
    expectedTip: tips.get('module/fleet-hub')!,
    changes: [{ path: 'enhancements/fleet-hub/ENHANCEMENT_SUMMARY.md', content: SUMMARY }],
    message: 'docs(fleet-hub): summary',
  });
  const main = (await workspace.repo.resolveRef('refs/heads/main'))!;
  // GitHub knows main and the pushed fleet-hub branch; drivers-hub was never pushed.
  github.createRepo(REPO, { main, 'module/fleet-hub': summary.commit, 'module/safety-hub': main });
  github.requests.length = 0;
  github.permission = 'write';
  github.rateLimitRemaining = 5000;
  await addRemoteConfig(workspace.repo, 'origin', `${github.url}/${REPO}.git`);
  expect((await call('setRemoteCredential', { name: 'origin', token: TOKEN })).ok).toBe(true);
});

async function open(moduleId: string, remote = 'origin', target?: string) {
  return call('openPullRequest', { moduleId, remote, ...(target ? { target } : {}) });
}

function storedFile(): string {
  return readFileSync(join(workspaceDataDir(appDataDir, workspace.path), 'pull-requests.json'), 'utf8');
}

describe('opening a pull request on GitHub', () => {
  it('opens the integration branch\'s pull request into the base in one call, and finds the open one when asked again', async () => {
    // Before any merge there is no integration branch: said by name, nothing asked of GitHub.
    expect(await call('openIntegrationPullRequest', { remote: 'origin' })).toMatchObject({ ok: false, error: { code: 'BRANCH_NOT_PUSHED', data: { branch: 'fleet/integration', missingLocally: true } } });
    expect(github.requests).toHaveLength(0);
    // A merge went to fleet/integration and it was pushed.
    const merged = (await workspace.repo.resolveRef('refs/heads/module/fleet-hub'))!;
    await workspace.repo.updateRef('refs/heads/fleet/integration', merged, null, 'test: merged');
    github.setBranch(REPO, 'fleet/integration', merged);
    const first = await call('openIntegrationPullRequest', { remote: 'origin' });
    expect(first.ok).toBe(true);
    const { outcome, pull } = first.value as OpenPullRequestResult;
    expect(outcome).toBe('created');
    expect(pull).toMatchObject({ remote: 'origin', head: 'fleet/integration', base: 'main', title: 'Merge fleet/integration into main', state: 'open' });
    expect(github.pulls(REPO)[0]!.body).toMatch(/Merges `fleet\/integration` \(\d+ commits? ahead of `main`\) into `main`/);
    const again = await call('openIntegrationPullRequest', { remote: 'origin' });
    expect(again).toMatchObject({ ok: true, value: { outcome: 'existed', pull: { number: pull.number } } });
    expect(github.pulls(REPO)).toHaveLength(1);
  });

  it('opens a pull request titled after the module with its ENHANCEMENT_SUMMARY.md as the body, and records it', async () => {
    const answer = await open('fleet-hub');
    expect(answer.ok).toBe(true);
    const { outcome, pull } = answer.value as OpenPullRequestResult;
    expect(outcome).toBe('created');
    expect(pull).toMatchObject({ moduleId: 'fleet-hub', remote: 'origin', repository: REPO, number: 1, state: 'open', head: 'module/fleet-hub', base: 'main', title: 'Fleet Hub' });
    expect(pull.url).toBe(`${github.url}/${REPO}/pull/1`);

    const [served] = github.pulls(REPO);
    expect(served!.body).toContain('Vehicle list paginates on the server now.');
    expect(served!.body).not.toContain('approved:');
    // The API was called as GitHub asks: Enterprise layout, Bearer token, its media type and API version.
    const post = github.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/repos/${REPO}/pulls`);
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.headers.accept).toBe('application/vnd.github+json');
    expect(post.headers['x-github-api-version']).toBe('2022-11-28');
    expect(post.headers['user-agent']).toContain('fleet-control/');

    expect((await call('listPullRequests', {})).value).toEqual([pull]);
  });

  it('returns the pull request that already exists for the branch instead of opening a second one', async () => {
    const first = (await open('fleet-hub')).value as OpenPullRequestResult;
    const again = await open('fleet-hub');
    expect(again).toMatchObject({ ok: true, value: { outcome: 'existed', pull: { number: first.pull.number, state: 'open' } } });
    expect(github.pulls(REPO)).toHaveLength(1);
    const lookup = github.requests.filter((r) => r.method === 'GET').at(-1)!;
    expect(lookup.query.get('head')).toBe('acme:module/fleet-hub');
    expect(lookup.query.get('state')).toBe('all');
  });

  it('asks to push the branch first when GitHub does not have it, and records nothing', async () => {
    const answer = await open('drivers-hub');
    expect(answer).toMatchObject({ ok: false, error: { code: 'BRANCH_NOT_PUSHED', data: { branch: 'module/drivers-hub', remote: 'origin', role: 'head' } } });
    expect(answer.error!.message).toContain('push the branch first');
    expect((await call('listPullRequests', {})).value).toEqual([]);
  });

  it('says there is nothing to merge when the branch has no commits the base lacks', async () => {
    const answer = await open('safety-hub');
    expect(answer).toMatchObject({ ok: false, error: { code: 'NO_COMMITS_AHEAD' } });
    expect(answer.error!.message).toContain('nothing to merge');
  });

  it('explains a refused token (401) and records nothing', async () => {
    await call('setRemoteCredential', { name: 'origin', token: 'ghp_wrong' });
    const answer = await open('fleet-hub');
    expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(answer.error!.message).toMatch(/refused the token of "origin".*Bad credentials/);
    expect(github.pulls(REPO)).toHaveLength(0);
    expect((await call('listPullRequests', {})).value).toEqual([]);
  });

  it('names the missing permission when the token may only read (403 with X-Accepted-GitHub-Permissions)', async () => {
    github.permission = 'read';
    const answer = await open('fleet-hub');
    expect(answer).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { acceptedPermissions: 'pull_requests=write' } } });
    expect(answer.error!.message).toContain('Resource not accessible by personal access token');
    expect(answer.error!.message).toContain('pull_requests=write');
    expect(github.pulls(REPO)).toHaveLength(0);
  });

  it('says when the rate limit is used up and when it resets', async () => {
    github.rateLimitRemaining = 0;
    const answer = await open('fleet-hub');
    expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(answer.error!.message).toMatch(/rate limit .* is used up.*resets at \d\d:\d\d UTC/);
    expect(Date.parse(String(answer.error!.data!.resetAt))).toBeGreaterThan(Date.now());
  });

  it('says the repository is missing or hidden from the token (404)', async () => {
    await addRemoteConfig(workspace.repo, 'other', `${github.url}/acme/secret-fleet.git`);
    await call('setRemoteCredential', { name: 'other', token: TOKEN });
    const answer = await open('fleet-hub', 'other');
    expect(answer).toMatchObject({ ok: false, error: { code: 'REPO_NOT_FOUND', data: { repository: 'acme/secret-fleet' } } });
    expect(answer.error!.message).toContain('no repository acme/secret-fleet that the token of "other" can see');
  });

  it('asks for a token when the remote has none, and points non-GitHub remotes at their compare page', async () => {
    await call('clearRemoteCredential', { name: 'origin' });
    expect(await open('fleet-hub')).toMatchObject({ ok: false, error: { code: 'TOKEN_MISSING' } });

    await addRemoteConfig(workspace.repo, 'azure', 'https://acme@dev.azure.com/acme/fleet/_git/fleet');
    const azure = await open('fleet-hub', 'azure');
    expect(azure).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', data: { host: 'azure-devops' } } });
    expect(await call('compareLink', { moduleId: 'fleet-hub', remote: 'azure' })).toEqual({
      ok: true,
      value: { remote: 'azure', host: 'azure-devops', url: 'https://dev.azure.com/acme/fleet/_git/fleet/pullrequestcreate?sourceRef=module%2Ffleet-hub&targetRef=main', reason: null },
    });
  });

  it('reports a host that cannot be reached as a network failure', async () => {
    const closed = await freePort();
    await addRemoteConfig(workspace.repo, 'gone', `http://127.0.0.1:${closed}/${REPO}.git`);
    const offline = createFleetApp({ appDataDir, transport: 'browser', version: '0', log: () => undefined, watch: false, remotes: { env: { FLEET_GITHUB_HOSTS: `127.0.0.1:${closed}`, FLEET_GIT_TOKEN: TOKEN } } });
    await offline.openWorkspace(workspace.path);
    const answer = await createDispatcher(offline.handlers, () => undefined).call('openPullRequest', { moduleId: 'fleet-hub', remote: 'gone' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    await offline.dispose();
  });

  it('refuses bad input with the problem named', async () => {
    expect(await open('no-such-module')).toMatchObject({ ok: false, error: { code: 'MODULE_NOT_FOUND' } });
    expect(await open('fleet-hub', 'nope')).toMatchObject({ ok: false, error: { code: 'REMOTE_NOT_FOUND' } });
    expect(await call('openPullRequest', { moduleId: 'fleet-hub', remote: 'origin', target: 'bad..branch' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

describe('refreshing pull requests', () => {
  it('follows a pull request to merged, finds ones opened on the website, and keeps the token out of the records', async () => {
    await open('fleet-hub');
    github.setBranch(REPO, 'module/drivers-hub', 'b'.repeat(40));
    github.pulls(REPO).push({ ...github.pulls(REPO)[0]!, number: 2, title: 'Drivers', head: 'module/drivers-hub', draft: true });
    github.updatePull(REPO, 1, { state: 'closed', merged_at: '2026-01-06T09:00:00Z' });

    const answer = await call('refreshPullRequests', {});
    expect(answer.ok).toBe(true);
    const { pulls, errors } = answer.value as RefreshPullRequestsResult;
    expect(errors).toEqual([]);
    expect(pulls.map((p: PullRequestRecord) => [p.moduleId, p.number, p.state])).toEqual([
      ['drivers-hub', 2, 'draft'],
      ['fleet-hub', 1, 'merged'],
    ]);
    expect(storedFile()).toContain('"merged"');
    expect(storedFile()).not.toContain(TOKEN);
    expect(JSON.stringify((await call('listPullRequests', {})).value)).not.toContain(TOKEN);
  });

  it('reports a remote it could not ask and keeps what was recorded', async () => {
    await open('fleet-hub');
    await call('setRemoteCredential', { name: 'origin', token: 'ghp_revoked' });
    const { pulls, errors } = (await call('refreshPullRequests', {})).value as RefreshPullRequestsResult;
    expect(errors).toEqual([{ remote: 'origin', error: expect.objectContaining({ code: 'AUTH_FAILED' }) }]);
    expect(pulls).toMatchObject([{ moduleId: 'fleet-hub', state: 'open' }]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
