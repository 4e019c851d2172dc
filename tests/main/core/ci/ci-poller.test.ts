import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { CiPoller } from '../../../../src/main/core/ci/ci-poller';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CiSnapshot } from '../../../../src/shared/types-ci';
import { GitHubCiServer } from '../../../helpers/github-ci-server';
import { GitHttpServer } from '../../../helpers/git-http-server';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { editModuleDocs, initialisedWorkspace } from '../remotes/remote-fixture';

const TOKEN = 'ghp_poller_test_token_0123456789ab';

let github: GitHubCiServer;
let gitServer: GitHttpServer;
let app: FleetApp;
let workspace: Workspace;
let env: NodeJS.ProcessEnv;
let events: CiSnapshot[];
let call: (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

beforeAll(async () => {
  github = await GitHubCiServer.start({ token: TOKEN, repository: 'acme/fleet' });
  gitServer = await GitHttpServer.start({ token: TOKEN });
  // Branches are pushed to a real git server whose host is declared GitHub; its API is the CI stand-in.
  env = { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN };
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env } });
  call = createDispatcher(app.handlers, () => undefined).call as typeof call;
  events = [];
  app.onEvent((event, payload) => {
    if (event === 'ciStatusChanged') events.push(payload as CiSnapshot);
  });
  workspace = await initialisedWorkspace();
  gitServer.createBareRepo('acme/fleet');
  await addRemoteConfig(workspace.repo, 'origin', gitServer.url('acme/fleet'));
  await app.openWorkspace(workspace.path);
});
afterAll(async () => {
  await app.dispose();
  await github.close();
  await gitServer.stop();
  cleanupTempDirs();
});

beforeEach(() => {
  github.requests.length = 0;
});

async function nextSnapshot(after: number): Promise<CiSnapshot> {
  for (let i = 0; i < 200 && events.length <= after; i++) await new Promise((r) => setTimeout(r, 25));
  expect(events.length).toBeGreaterThan(after);
  return events[after]!;
}

describe('polling CI in main', () => {
  it('starts when a client asks, reads once at once and says the share of the hourly allowance it uses', async () => {
    github.branches.set('module/fleet-hub', 'f'.repeat(40));
    github.report('f'.repeat(40), [{ name: 'test', status: 'completed', conclusion: 'failure', summary: '1 failed' }]);
    const first = await call('getCiStatus', {});
    expect(first.ok).toBe(true);
    const snapshot = await nextSnapshot(0);
    expect(snapshot.error).toBeNull();
    expect(snapshot.status?.branches.find((b) => b.branch === 'module/fleet-hub')).toMatchObject({ state: 'failing', counts: { failing: 1 } });
    expect(snapshot.status?.rate).toMatchObject({ limit: 5000, requestsPerPoll: 1 });
    // Nobody has said they are looking: the idle pace (5 min), 12 points an hour of 5000.
    expect(snapshot.polling).toMatchObject({ intervalMs: 300_000, reason: 'idle' });
    expect(snapshot.status?.rate?.hourlyShare).toBeCloseTo(12 / 5000);
    expect(snapshot.polling.nextAt).not.toBeNull();
  });

  it('reads the CI again at once when a push finishes', async () => {
    const before = events.length;
    await editModuleDocs(workspace, ['fleet-hub']);
    const pushed = await call('pushBranches', { remotes: ['origin'], branches: ['module/fleet-hub'] });
    expect(pushed.ok).toBe(true);
    const after = await nextSnapshot(before);
    expect(github.requestsTo(/^\/graphql$/).length).toBe(1);
    expect(after.status?.readAt).not.toBe(events[0]!.status?.readAt);
  });

  it('answers a heartbeat with the visible pace on its next read', async () => {
    await call('ciHeartbeat', {});
    const refreshed = await call('refreshCiStatus', {});
    expect((refreshed.value as CiSnapshot).polling).toMatchObject({ intervalMs: 60_000, reason: 'visible' });
  });
});

describe('the poller on its own', () => {
  it('keeps the visible pace while a run is followed, though nobody looks, and slows again once released', async () => {
    const poller = new CiPoller({ services: { secrets: new MemorySecretStore(), env, userAgent: 'fleet-control/test' }, workspace: () => workspace, emit: () => undefined });
    poller.start();
    expect((await poller.refreshNow()).polling.reason).toBe('idle');
    const hold = poller.holdFollowing('deploy to staging');
    const following = await poller.refreshNow();
    expect(following.polling).toMatchObject({ reason: 'following', intervalMs: 60_000, following: ['deploy to staging'] });
    hold.release();
    expect((await poller.refreshNow()).polling).toMatchObject({ reason: 'idle', following: [] });
    poller.stop();
    expect(poller.snapshot().polling.reason).toBe('stopped');
  });

  it('reads the new host at once after the remote is pointed elsewhere (git remote set-url), not the reused old client', async () => {
    const poller = new CiPoller({ services: { secrets: new MemorySecretStore(), env, userAgent: 'fleet-control/test' }, workspace: () => workspace, emit: () => undefined });
    poller.start();
    expect((await poller.refreshNow()).status?.repository).toBe('acme/fleet');
    gitServer.createBareRepo('acme/moved');
    execFileSync('git', ['remote', 'set-url', 'origin', gitServer.url('acme/moved')], { cwd: workspace.path });
    try {
      const after = await poller.refreshNow();
      // The stand-in serves acme/fleet only: what matters is that acme/moved is the repository asked about.
      expect(after.status?.repository === 'acme/moved' || JSON.stringify(after.error).includes('acme/moved')).toBe(true);
    } finally {
      execFileSync('git', ['remote', 'set-url', 'origin', gitServer.url('acme/fleet')], { cwd: workspace.path });
      poller.stop();
    }
  });

  it('cancels a read in flight when stopped, and keeps no half answer', async () => {
    let release: () => void = () => undefined;
    github.route('POST', /^\/graphql$/, () => new Promise((resolve) => (release = () => resolve({ status: 200, body: { data: { repository: {} } } }))));
    const poller = new CiPoller({ services: { secrets: new MemorySecretStore(), env, userAgent: 'fleet-control/test' }, workspace: () => workspace, emit: () => undefined });
    poller.start();
    const reading = poller.refreshNow();
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    poller.stop();
    const snapshot = await reading;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(snapshot.status).toBeNull();
    expect(snapshot.error).toBeNull();
    release();
  });
});
