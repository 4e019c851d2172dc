// Cancel reaches every step of the network jobs: a remote that hangs mid-answer is let go at once, the job is
// announced cancelled, nothing is written, and the slot is free for the next job of its kind.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { createDispatcher } from '../../../src/main/api';
import { JobRunner } from '../../../src/main/core/jobs';
import type { JobFinished } from '../../../src/shared/types';
import type { FetchReport } from '../../../src/shared/types-remotes';
import { GitHttpServer, gitAsync } from '../../helpers/git-http-server';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../helpers/git';
import { TOKEN, initialisedWorkspace } from './remotes/remote-fixture';

let server: GitHttpServer;
let app: FleetApp;
let call: ReturnType<typeof createDispatcher>['call'];
let workspacePath: string;

beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
  server.createBareRepo('fleet');
  const workspace = await initialisedWorkspace();
  workspacePath = workspace.path;
  await gitAsync(workspacePath, 'push', '-q', server.authUrl('fleet'), 'main', 'fleet/workspace', 'module/fleet-hub');
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env: { FLEET_GIT_TOKEN: TOKEN } } });
  call = createDispatcher(app.handlers, () => undefined).call;
  await app.openWorkspace(workspacePath);
  expect(await call('saveRemote', { name: 'origin', url: server.url('fleet') })).toMatchObject({ ok: true });
});
afterEach(() => {
  server.stallWhen = null;
});
afterAll(async () => {
  await app.dispose();
  await server.stop();
  cleanupTempDirs();
});

function nextFinished(kind: JobFinished['kind']): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = app.onEvent((name, payload) => {
      if (name === 'jobFinished' && (payload as JobFinished).kind === kind) {
        off();
        resolve(payload as JobFinished);
      }
    });
  });
}

async function started(result: Awaited<ReturnType<typeof call>>): Promise<string> {
  if (!result.ok) throw new Error(`not started: ${result.error.message}`);
  return (result.value as { jobId: string }).jobId;
}

/** Objects and refs of a repository, as git lists them: what a cancelled job must not have changed. */
function repositoryState(dir: string): string {
  return [git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'), readdirSync(join(dir, '.git', 'objects', 'pack')).sort().join(' ')].join('\n');
}

describe('cancelling jobs', () => {
  it('cancels a clone stuck in the middle of the pack: the folder is removed and the next clone is not refused as busy', async () => {
    server.stallWhen = (method) => method === 'POST';
    const target = join(makeTempDir('fleet-clone-'), 'fleet');
    const finished = nextFinished('clone');
    const jobId = await started(await call('cloneRepository', { url: server.url('fleet'), path: target, token: TOKEN }));
    await expect.poll(() => server.stalled, { timeout: 10_000 }).toBe(1);
    expect(await call('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await finished).toMatchObject({ jobId, ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(target)).toBe(false);

    server.stallWhen = null;
    const again = nextFinished('clone');
    await started(await call('cloneRepository', { url: server.url('fleet'), path: target, token: TOKEN }));
    expect(await again).toMatchObject({ ok: true, result: { path: target } });
    expect(git(target, 'rev-parse', 'module/fleet-hub')).toBe(git(workspacePath, 'rev-parse', 'module/fleet-hub'));
  });

  it('cancels a push whose server never answers: the remote and the local tracking refs stay as they were', async () => {
    server.stallWhen = (method, path) => method === 'POST' && path.endsWith('/git-receive-pack');
    const remoteBefore = git(join(server.root, 'fleet.git'), 'for-each-ref', '--format=%(refname) %(objectname)');
    const localBefore = repositoryState(workspacePath);
    const stalledBefore = server.stalled;
    const finished = nextFinished('push');
    const jobId = await started(await call('pushBranches', { remotes: ['origin'] }));
    await expect.poll(() => server.stalled, { timeout: 10_000 }).toBe(stalledBefore + 1);
    expect(await call('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const outcome = await finished;
    expect(outcome.jobId).toBe(jobId);
    if (outcome.ok) expect(JSON.stringify(outcome.result)).toContain('CANCELLED');
    else expect(outcome.error?.code).toBe('CANCELLED');
    expect(git(join(server.root, 'fleet.git'), 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(remoteBefore);
    expect(repositoryState(workspacePath)).toBe(localBefore);
  });

  it('cancels a fetch stuck waiting for the pack: no objects or tracking refs are added', async () => {
    const other = join(makeTempDir('fleet-colleague-'), 'c');
    await gitAsync(workspacePath, 'clone', '-q', '-b', 'module/fleet-hub', server.authUrl('fleet'), other);
    git(other, 'commit', '-q', '--allow-empty', '-m', 'a colleague');
    await gitAsync(other, 'push', '-q', 'origin', 'module/fleet-hub');
    server.stallWhen = (method, path) => method === 'POST' && path.endsWith('/git-upload-pack');
    const before = repositoryState(workspacePath);
    const stalledBefore = server.stalled;
    const finished = nextFinished('fetch');
    const jobId = await started(await call('fetchRemotes', {}));
    await expect.poll(() => server.stalled, { timeout: 10_000 }).toBe(stalledBefore + 1);
    expect(await call('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const outcome = await finished;
    expect(outcome).toMatchObject({ jobId, ok: true });
    expect((outcome as { result: FetchReport }).result.remotes[0]!.error).toMatchObject({ code: 'CANCELLED' });
    expect(repositoryState(workspacePath)).toBe(before);
  });
});

describe('cancelling local jobs at their first progress', () => {
  /** Starts a job and cancels it as soon as it reports progress; resolves with how it finished. */
  async function cancelAtFirstProgress(core: FleetApp, method: string, input: unknown, kind: JobFinished['kind']): Promise<JobFinished> {
    const dispatch = createDispatcher(core.handlers, () => undefined).call;
    let jobId: string | null = null;
    const finished = new Promise<JobFinished>((resolve) => {
      core.onEvent((name, payload) => {
        const event = payload as { jobId: string; kind: string };
        if (name === 'jobProgress' && event.kind === kind && jobId === null) {
          jobId = event.jobId;
          void dispatch('cancelJob', { jobId });
        }
        if (name === 'jobFinished' && event.kind === kind) resolve(payload as JobFinished);
      });
    });
    await started(await dispatch(method, input));
    return finished;
  }

  it('stops an init between two module branches, keeping the ones made so far', async () => {
    const dir = initRepo();
    commitFiles(dir, { 'README.md': '# fleet\n' }, 'first');
    const core = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: 't', log: () => undefined, watch: false });
    try {
      await core.openWorkspace(dir);
      const outcome = await cancelAtFirstProgress(core, 'initWorkspace', {}, 'init');
      expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      const branches = git(dir, 'for-each-ref', '--format=%(refname)', 'refs/heads/module/').split('\n').filter(Boolean);
      expect(branches.length).toBeLessThan(32);
      expect(git(dir, 'fsck', '--no-progress')).toBe('');
    } finally {
      await core.dispose();
    }
  });

  it('stops a merge forecast between two modules', async () => {
    const outcome = await cancelAtFirstProgress(app, 'forecastMerges', {}, 'forecast');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });
});

describe('the job runner', () => {
  it('lets go of a job that ignores its cancel after the grace period: announced cancelled, its slot free', async () => {
    const finished: JobFinished[] = [];
    const logged: string[] = [];
    const runner = new JobRunner({ progress: () => undefined, finished: (event) => finished.push(event) }, (message) => logged.push(message), { cancelGraceMs: 100 });
    const stuck = runner.start('clone', () => new Promise<never>(() => undefined), (value) => value);
    expect(() => runner.start('clone', async () => ({}), (value) => value as never)).toThrow(/already running/);
    expect(runner.cancel(stuck)).toBe(true);
    await expect.poll(() => finished.length).toBe(1);
    expect(finished[0]).toMatchObject({ jobId: stuck, ok: false, error: { code: 'CANCELLED' } });
    expect(logged[0]).toMatch(/did not stop within 0.1 s/);
    expect(runner.start('clone', async () => ({}) as never, (value) => value)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports what a cancelled job failed with as CANCELLED, and cancelAll waits for every job to be announced', async () => {
    const finished: JobFinished[] = [];
    const runner = new JobRunner({ progress: () => undefined, finished: (event) => finished.push(event) }, () => undefined, { cancelGraceMs: 5000 });
    runner.start('fetch', ({ signal }) => new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('socket hang up')))), (value) => value);
    runner.start('push', ({ signal }) => new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(new Error('closed')), 50))), (value) => value);
    await runner.cancelAll();
    expect(finished.map((event) => [event.kind, event.ok ? 'ok' : event.error?.code]).sort()).toEqual([['fetch', 'CANCELLED'], ['push', 'CANCELLED']]);
  });
});
