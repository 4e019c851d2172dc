// The lock against two processes running batches for one workspace: two cores in this test process stand for two
// processes (the lock tells them apart), other processes are real ones (a live `sleep`, a child that has exited).

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { BatchInfo, BatchStarted, ResumeNotice, RunProgress } from '../../../../src/shared/types-agents';
import { BatchLock } from '../../../../src/main/core/agents/batch-lock';
import { workspaceDataDir } from '../../../../src/main/core/paths';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { openAiStream, sseFrame, startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, FAST, loopbackProvider, newCore, openInitialised, type Core } from './agent-fixtures';

const KEY = 'sk-loopback-secret-key-0123456789';
let server: ProviderServer;
let template: string;
const cores: Core[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startProviderServer();
  template = await demoRepo();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.app.dispose();
  for (const child of children.splice(0)) child.kill();
  server.reset();
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

const hang = { type: 'stream' as const, frames: [sseFrame({ choices: [{ index: 0, delta: { content: 'still writing' }, finish_reason: null }] }), 'hang' as const] };

/** A core over `appData` on `repo` (a fresh clone when not given), with the loopback provider and its key. */
async function coreOn(appData: string, repo?: string, options: { resumeBatches?: boolean } = {}): Promise<{ core: Core; repo: string }> {
  let path = repo;
  if (!path) {
    path = join(makeTempDir('fleet-lock-repo-'), 'fleetops');
    git(join(path, '..'), 'clone', '-q', '--no-local', template, path);
  }
  const core = newCore(appData, FAST, options);
  cores.push(core);
  if (repo) await core.app.openWorkspace(path);
  else await openInitialised(core, path);
  await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { stallSeconds: 60 }) });
  await core.ok('setProviderKey', { id: 'loopback', key: KEY });
  return { core, repo: path };
}

const lockPath = (appData: string, repo: string): string => join(workspaceDataDir(appData, repo), 'agents', 'batches.lock');

function writeLock(path: string, holder: { pid: number; host?: string }): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ pid: holder.pid, host: holder.host ?? hostname(), processStartedAt: '2026-11-24T09:02:00.000Z', acquiredAt: '2026-11-24T09:03:00.000Z', owner: 'another-process' }));
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

/** A live process that is not this one. */
function livePid(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

function streaming(core: Core): Promise<void> {
  return new Promise((resolve) => {
    const off = core.app.onEvent((event, payload) => {
      if (event === 'runProgress' && (payload as RunProgress).delta) {
        off();
        resolve();
      }
    });
  });
}

describe('the lock against two processes running batches for one workspace', () => {
  it('refuses a batch in a second process while the first runs one, naming the first, and writes nothing', async () => {
    const appData = makeTempDir('fleet-lock-home-');
    const { core: first, repo } = await coreOn(appData);
    server.script(hang);
    const running = await first.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    await streaming(first);
    const lock = JSON.parse(readFileSync(lockPath(appData, repo), 'utf8')) as { pid: number; host: string };
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });

    const { core: second } = await coreOn(appData, repo);
    const refused = await second.call('startBatch', { modules: ['drivers-hub'], kinds: ['as-is'], provider: 'loopback' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'AGENTS_BUSY', data: { pid: process.pid } } });
    if (!refused.ok) expect(refused.error.message).toMatch(new RegExp(`running in another Fleet Control process \\(pid ${process.pid}, started (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d\\)`));
    // Nothing half-written: no new batch, and the first one's running batch was not taken for an interrupted one.
    const batches = await second.ok<BatchInfo[]>('listBatches');
    expect(batches.map((b) => [b.batchId, b.state])).toEqual([[running.batchId, 'running']]);

    // Once the first has no batch running, the lock is gone and the second may run.
    await first.ok('cancelBatch', { batchId: running.batchId });
    await batchEnd(first, running.batchId);
    await vi.waitFor(() => expect(existsSync(lockPath(appData, repo))).toBe(false));
    // The second sees how the first's batch ended, as the first wrote it.
    expect((await second.ok<BatchInfo[]>('listBatches')).map((b) => [b.batchId, b.state, b.totals.cancelled])).toEqual([[running.batchId, 'cancelled', 1]]);
    const started = await second.ok<BatchStarted>('startBatch', { modules: ['drivers-hub'], kinds: ['as-is'], provider: 'loopback' });
    expect(await batchEnd(second, started.batchId)).toMatchObject({ state: 'finished', succeeded: 1 });
  });

  it('takes over a lock left by a process that has gone, and removes it when its batch ends', async () => {
    const appData = makeTempDir('fleet-lock-home-');
    const { core, repo } = await coreOn(appData);
    const path = lockPath(appData, repo);
    writeLock(path, { pid: deadPid() });
    server.script(openAiStream('# fleet-hub\n\nwritten\n'));
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(await batchEnd(core, started.batchId)).toMatchObject({ state: 'finished' });
    await vi.waitFor(() => expect(existsSync(path)).toBe(false));
  });

  it('refuses while another live process holds the lock, naming its pid, and runs nothing', async () => {
    const appData = makeTempDir('fleet-lock-home-');
    const { core, repo } = await coreOn(appData);
    const pid = livePid();
    writeLock(lockPath(appData, repo), { pid });
    const refused = await core.call('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'AGENTS_BUSY', message: expect.stringContaining(`(pid ${pid}, started `), data: { pid } } });
    expect(await core.ok('listBatches')).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('skips the automatic resume with a notice while another process holds the lock', async () => {
    const appData = makeTempDir('fleet-lock-home-');
    const { core: first, repo } = await coreOn(appData);
    server.script(openAiStream('# fleet-hub\n\ndone\n'), hang);
    const started = await first.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    await new Promise<void>((resolve) => {
      const off = first.app.onEvent((event, payload) => {
        if (event === 'runProgress' && (payload as RunProgress).runId === started.runIds[1] && (payload as RunProgress).delta) {
          off();
          resolve();
        }
      });
    });
    cores.splice(cores.indexOf(first), 1);
    await first.app.dispose();
    const pid = livePid();
    writeLock(lockPath(appData, repo), { pid });

    const again = newCore(appData, FAST, { resumeBatches: true });
    cores.push(again);
    await again.app.openWorkspace(repo);
    await vi.waitFor(() => expect(again.events.some((e) => e.event === 'batchResumeNotice')).toBe(true));
    const notice = again.events.find((e) => e.event === 'batchResumeNotice')!.payload as ResumeNotice;
    expect(notice).toMatchObject({ batchId: started.batchId, outcome: 'not-resumed', runsLeft: 1, reason: { code: 'AGENTS_BUSY', data: { pid } } });
    // Left as it was: the other process may be about to resume it itself.
    const [batch] = await again.ok<BatchInfo[]>('listBatches');
    expect(batch).toMatchObject({ state: 'interrupted', stopReason: null });
  });

  it('counts a lock from another host as held until it has not been refreshed for a while', async () => {
    const folder = makeTempDir('fleet-lock-unit-');
    const path = join(folder, 'batches.lock');
    writeLock(path, { pid: 1, host: 'build-server-7' });
    const lock = new BatchLock(path, { foreignStaleMs: 60_000 });
    await expect(lock.hold()).rejects.toMatchObject({ code: 'AGENTS_BUSY', message: expect.stringContaining('pid 1 on build-server-7') });
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const release = await lock.hold();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    // Held again by the same instance (a second batch), released only when both end.
    const second = await lock.hold();
    await release();
    expect(existsSync(path)).toBe(true);
    await second();
    expect(existsSync(path)).toBe(false);
  });
});
