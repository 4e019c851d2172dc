import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import type { JobFinished } from '../../../../src/shared/types';
import type { PushProgress, PushReport } from '../../../../src/shared/types-remotes';
import { GitHttpServer } from '../../../helpers/git-http-server';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { TOKEN, editModuleDocs, initialisedWorkspace } from './remote-fixture';

let server: GitHttpServer;
let app: FleetApp;
let appDataDir: string;
beforeAll(async () => {
  server = await GitHttpServer.start({ token: TOKEN });
  appDataDir = makeTempDir('fleet-appdata-');
  app = createFleetApp({ appDataDir, transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env: {} } });
});
afterAll(async () => {
  await app.dispose();
  await server.stop();
  cleanupTempDirs();
});

function nextFinished(kind: JobFinished['kind']): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = app.onEvent((name, payload) => {
      const finished = payload as JobFinished;
      if (name === 'jobFinished' && finished.kind === kind) {
        off();
        resolve(finished);
      }
    });
  });
}

describe('remotes behind the contract', () => {
  it('sets a remote and its token, previews, pushes as a job with per-branch progress, and reports the remote state', async () => {
    const call = createDispatcher(app.handlers, () => undefined).call;
    const workspace = await initialisedWorkspace();
    await app.openWorkspace(workspace.path);
    server.createBareRepo('contract');

    const ssh = await call('saveRemote', { name: 'origin', url: 'git@github.com:acme/fleet.git' });
    expect(ssh).toMatchObject({ ok: false, error: { code: 'SSH_UNSUPPORTED', data: { httpsUrl: 'https://github.com/acme/fleet.git' } } });
    expect(await call('saveRemote', { name: 'origin', url: server.url('contract') })).toMatchObject({ ok: true, value: { credential: { set: false } } });
    expect(await call('setRemoteCredential', { name: 'origin', token: 'has space' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const withToken = await call('setRemoteCredential', { name: 'origin', token: TOKEN });
    expect(withToken).toEqual({ ok: true, value: expect.objectContaining({ credential: { set: true, source: 'stored' } }) });
    expect(JSON.stringify(await call('listRemotes', {}))).not.toContain(TOKEN);
    // The token lives in a file only the user can read.
    const secretsFile = join(appDataDir, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsFile, 'utf8')).toContain(TOKEN);

    const preview = await call('previewPush', { remotes: ['origin'] });
    expect(preview.ok && (preview.value as { remotes: { branches: { action: string }[] }[] }).remotes[0]!.branches.every((b) => b.action === 'create')).toBe(true);

    const progress: PushProgress[] = [];
    app.onEvent((name, payload) => {
      if (name === 'pushProgress') progress.push(payload as PushProgress);
    });
    expect(await call('pushBranches', { remotes: ['nope'] })).toMatchObject({ ok: false, error: { code: 'REMOTE_NOT_FOUND' } });
    expect(await call('pushBranches', { remotes: ['origin'], branches: ['no/such-branch'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const finished = nextFinished('push');
    const started = await call('pushBranches', { remotes: ['origin'] });
    expect(started.ok).toBe(true);
    const done = await finished;
    expect(done).toMatchObject({ ok: true, jobId: (started as { value: { jobId: string } }).value.jobId });
    const report = done.result as PushReport;
    expect(report).toMatchObject({ pushed: 33, failed: 0 });
    const fleetHub = progress.filter((p) => p.branch === 'module/fleet-hub').map((p) => p.state);
    expect(fleetHub).toEqual(['queued', 'sending', 'pushed']);

    await editModuleDocs(workspace, ['fleet-hub']);
    const status = await call('getRemoteStatus', {});
    const states = (status as { ok: true; value: { branches: { branch: string; ahead: number; behind: number }[] }[] }).value[0]!.branches;
    expect(states.find((b) => b.branch === 'module/fleet-hub')).toMatchObject({ ahead: 1, behind: 0 });

    const fetched = nextFinished('fetch');
    expect((await call('fetchRemotes', {})).ok).toBe(true);
    expect(await fetched).toMatchObject({ ok: true, result: { remotes: [{ remote: 'origin', error: null, updated: 0 }] } });

    expect(await call('cloneRepository', { url: server.url('contract'), path: 'relative/dir' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('cloneRepository', { url: 'ssh://git@github.com/acme/fleet.git', path: join(makeTempDir(), 'x') })).toMatchObject({ ok: false, error: { code: 'SSH_UNSUPPORTED' } });
    expect(await call('removeRemote', { name: 'origin' })).toEqual({ ok: true, value: { removed: true } });
    expect(readFileSync(secretsFile, 'utf8')).not.toContain(TOKEN);
  });
});
