import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../src/main/core/app';
import { createDispatcher } from '../../../src/main/api';
import type { JobFinished } from '../../../src/shared/types';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../helpers/git';

afterAll(cleanupTempDirs);

const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

function newApp(): FleetApp {
  const app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined });
  apps.push(app);
  return app;
}

function waitFor<T>(app: FleetApp, event: 'jobFinished' | 'boardChanged', timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const off = app.onEvent((name, payload) => {
      if (name === event) {
        clearTimeout(timer);
        off();
        resolve(payload as T);
      }
    });
  });
}

describe('the app core behind the contract', () => {
  it('opens the demo workspace, initialises it as a job with progress, and shows the board', async () => {
    const app = newApp();
    const dispatcher = createDispatcher(app.handlers, () => undefined);
    const summary = await app.openDemoWorkspace();
    expect(summary.isDemo).toBe(true);
    expect(summary.initialised).toBe(false);
    expect(git(summary.path, 'rev-list', '--count', 'main')).toBe(String(1 + 31 + 1 + 12)); // scaffold, 31 feature areas, the assets, follow-ups

    const progress: number[] = [];
    app.onEvent((name, payload) => {
      if (name === 'jobProgress') progress.push((payload as { done: number }).done);
    });
    const finished = waitFor<Extract<JobFinished, { kind: 'init' }>>(app, 'jobFinished');
    const started = await dispatcher.call('initWorkspace', {});
    expect(started.ok).toBe(true);
    const done = await finished;
    expect(done.ok).toBe(true);
    expect(done.result?.createdBranches).toHaveLength(32);
    expect(progress.length).toBeGreaterThan(30);

    const board = await dispatcher.call('getBoard', {});
    expect(board.ok && (board.value as { modules: unknown[] }).modules).toHaveLength(32);
    const doc = await dispatcher.call('readDocument', { moduleId: 'fleet-hub', kind: 'as-is' });
    expect(doc).toMatchObject({ ok: true, value: { state: 'template', binary: false, content: expect.stringContaining('# Fleet Hub: As-Is Analysis') } });
  });

  it('validates every input and answers with codes, never stack traces', async () => {
    const app = newApp();
    const dispatcher = createDispatcher(app.handlers, () => undefined);
    expect(await dispatcher.call('getBoard', {})).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    expect(await dispatcher.call('openWorkspace', { path: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('path') } });
    expect(await dispatcher.call('openWorkspace', { path: '/x', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatcher.call('readDocument', { moduleId: '../etc', kind: 'as-is' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatcher.call('nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatcher.call('pickWorkspaceFolder', {})).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    const notRepo = await dispatcher.call('openWorkspace', { path: makeTempDir() });
    expect(notRepo).toMatchObject({ ok: false, error: { code: 'NOT_A_REPO' } });
    expect(JSON.stringify(notRepo)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('remembers recent workspaces and tells the board when a commit lands from a terminal', async () => {
    const app = newApp();
    const dir = initRepo();
    commitFiles(dir, { 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
    await app.openWorkspace(dir);
    const recent = await app.handlers.listRecentWorkspaces({});
    expect(recent[0]?.path).toBe(dir);

    const changed = waitFor(app, 'boardChanged');
    commitFiles(dir, { 'web/src/pages/DriversPage.tsx': 'export {}\n' }, 'second');
    await changed;
    const board = await app.getBoard();
    expect(board.baseTip).toBe(git(dir, 'rev-parse', 'main'));
  });

  it('reopens the most recent workspace at start, and falls back to the demo when it is gone', async () => {
    const appDataDir = makeTempDir('fleet-appdata-');
    const dir = initRepo();
    commitFiles(dir, { 'a.txt': 'a\n' }, 'first');
    const first = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false });
    await first.openWorkspace(dir);
    await first.dispose();
    const second = createFleetApp({ appDataDir, transport: 'browser', version: 't', watch: false });
    apps.push(second);
    expect((await second.openStartupWorkspace()).path).toBe(dir);
    git(join(dir, '..'), 'init', '-q', '--bare', join(dir, '..', 'other.git'));
    const third = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: 't', watch: false });
    apps.push(third);
    expect((await third.openStartupWorkspace()).isDemo).toBe(true);
  });
});
