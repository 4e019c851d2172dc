// Automatic resume after a restart: a first core is disposed in the middle of a batch (a quit), a second core over
// the same app-data folder opens the workspace as the desktop app or `serve` would, and the batch goes on by itself.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchInfo, BatchProgress, BatchStarted, ResumeNotice, RunList, RunProgress, RunRecord } from '../../../../src/shared/types-agents';
import { workspaceDataDir } from '../../../../src/main/core/paths';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { openAiStream, sseFrame, startProviderServer, type ProviderServer, type RecordedRequest } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, FAST, loopbackProvider, newCore, openInitialised, type Core } from './agent-fixtures';

const KEY = 'sk-loopback-secret-key-0123456789';
const PRICE = { input: 2, output: 10 };
let server: ProviderServer;
let template: string;
const cores: Core[] = [];

beforeAll(async () => {
  server = await startProviderServer();
  template = await demoRepo();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.app.dispose();
  server.reset();
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

const moduleOf = (request: RecordedRequest): string => /# Module: [^(]+\(([^)]+)\)/.exec(JSON.stringify(request.body.messages))![1]!;
const runsOf = async (core: Core, batchId: string): Promise<RunRecord[]> => (await core.ok<RunList>('listRuns', { batchId })).runs;
const hang = (text: string) => ({ type: 'stream' as const, frames: [sseFrame({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }), 'hang' as const] });

/** A first core on a fresh clone of the demo repository, with the loopback provider, its key and its price. */
async function firstCore(appData: string): Promise<{ core: Core; repo: string }> {
  const repo = join(makeTempDir('fleet-resume-repo-'), 'fleetops');
  git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
  const core = newCore(appData);
  cores.push(core);
  await openInitialised(core, repo);
  await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { stallSeconds: 60 }) });
  await core.ok('setProviderKey', { id: 'loopback', key: KEY });
  const prices = await core.ok<{ prices: Record<string, unknown>; branchTip: string }>('getPrices');
  await core.ok('savePrices', { prices: { ...prices.prices, 'loopback/test-model': PRICE }, expectedTip: prices.branchTip });
  return { core, repo };
}

/** Resolves once `runId` has streamed some text. */
function streaming(core: Core, runId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = core.app.onEvent((event, payload) => {
      if (event === 'runProgress' && (payload as RunProgress).runId === runId && (payload as RunProgress).delta) {
        off();
        resolve();
      }
    });
  });
}

/** Disposes `core` as a quit would. */
async function quit(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1);
  await core.app.dispose();
}

/** A second core over the same app-data folder, as the desktop app or `serve` starts it. */
function restart(appData: string): Core {
  const core = newCore(appData, FAST, { resumeBatches: true });
  cores.push(core);
  return core;
}

function noticeOf(core: Core, batchId: string): Promise<ResumeNotice> {
  return new Promise((resolve) => {
    const seen = core.events.find((e) => e.event === 'batchResumeNotice' && (e.payload as ResumeNotice).batchId === batchId);
    if (seen) return resolve(seen.payload as ResumeNotice);
    const off = core.app.onEvent((event, payload) => {
      if (event === 'batchResumeNotice' && (payload as ResumeNotice).batchId === batchId) {
        off();
        resolve(payload as ResumeNotice);
      }
    });
  });
}

/** The run record as the first process left it on disk. */
function recordOnDisk(appData: string, repo: string, runId: string): RunRecord {
  return JSON.parse(readFileSync(join(workspaceDataDir(appData, repo), 'agents', 'runs', `${runId}.json`), 'utf8')) as RunRecord;
}

/** A batch of `modules` (one at a time) whose first run finishes and whose second is cut short by a quit. */
async function interruptedBatch(appData: string, modules: string[], budgetUsd?: number): Promise<{ repo: string; started: BatchStarted }> {
  const { core, repo } = await firstCore(appData);
  server.script(
    openAiStream(`# ${modules[0]}\n\nwritten before the quit\n`, { promptTokens: 10_000, completionTokens: 10_000 }),
    hang('interrupted mid-way'),
  );
  const started = await core.ok<BatchStarted>('startBatch', { modules, kinds: ['as-is'], provider: 'loopback', concurrency: 1, ...(budgetUsd === undefined ? {} : { budgetUsd }) });
  await streaming(core, started.runIds[1]!);
  await quit(core);
  return { repo, started };
}

describe('automatic resume of a batch a quit interrupted', () => {
  it('resumes by itself when the workspace opens again and runs only the unfinished runs; records and costs add up', async () => {
    const appData = makeTempDir('fleet-resume-home-');
    const { core: first, repo } = await firstCore(appData);
    server.script(openAiStream('# fleet-hub\n\nwritten before the quit\n', { promptTokens: 10_000, completionTokens: 10_000 }), hang('interrupted mid-way'));
    const modules = ['fleet-hub', 'drivers-hub', 'maintenance-hub', 'fuel-management'];
    const started = await first.ok<BatchStarted>('startBatch', { modules, kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    await streaming(first, started.runIds[1]!);
    // The user cancelled one queued run before the quit: it has finished, and must not come back.
    await first.ok('cancelRun', { runId: started.runIds[3] });
    await quit(first);
    const lockFile = join(workspaceDataDir(appData, repo), 'agents', 'batches.lock');
    expect(existsSync(lockFile)).toBe(false);
    const cutShort = recordOnDisk(appData, repo, started.runIds[1]!);
    expect(cutShort).toMatchObject({ state: 'queued', attempts: 1, outputChars: 'interrupted mid-way'.length });
    expect(cutShort.costUsd).toBeGreaterThan(0); // the text that arrived was billed
    const before = server.requests.length;

    const again = restart(appData);
    await again.app.openWorkspace(repo);
    const notice = await noticeOf(again, started.batchId);
    expect(notice).toMatchObject({ outcome: 'resumed', runsLeft: 2, total: 4, provider: 'loopback', model: 'test-model', reason: null });
    expect(await again.ok<ResumeNotice[]>('listResumeNotices')).toEqual([notice]);
    const end = await batchEnd(again, started.batchId);
    expect(end).toMatchObject({ state: 'finished', total: 4, succeeded: 3 });

    expect(server.requests.slice(before).map(moduleOf)).toEqual(['drivers-hub', 'maintenance-hub']);
    const runs = await runsOf(again, started.batchId);
    expect(runs.map((r) => [r.moduleId, r.state, r.attempts])).toEqual([
      ['fleet-hub', 'succeeded', 1],
      ['drivers-hub', 'succeeded', 2],
      ['maintenance-hub', 'succeeded', 1],
      ['fuel-management', 'cancelled', 0],
    ]);
    // The resumed run's record adds its second attempt to what the first one cost, as the provider reported it.
    const drivers = runs[1]!;
    const usage = server.requests.at(-2)!;
    expect(moduleOf(usage)).toBe('drivers-hub');
    const secondIn = drivers.tokensIn - cutShort.tokensIn;
    const secondOut = drivers.tokensOut - cutShort.tokensOut;
    expect(secondIn).toBe(Math.ceil(JSON.stringify(usage.body.messages).length / 4));
    expect(drivers.costUsd).toBeCloseTo(cutShort.costUsd + (secondIn * PRICE.input + secondOut * PRICE.output) / 1e6, 9);
    const totals = (await again.ok<RunList>('listRuns', { batchId: started.batchId })).totals;
    expect(totals.costUsd).toBeCloseTo(runs.reduce((sum, r) => sum + r.costUsd, 0), 6);
    expect(end.spentUsd).toBeCloseTo(totals.costUsd, 6);
    // The lock goes once the batch has ended.
    await vi.waitFor(() => expect(existsSync(lockFile)).toBe(false));

    expect(await again.ok('dismissResumeNotice', { batchId: started.batchId })).toEqual({ dismissed: true });
    expect(await again.ok('listResumeNotices')).toEqual([]);
  });

  it('holds the batch budget after the restart, counting what the runs before the quit spent', async () => {
    const appData = makeTempDir('fleet-resume-home-');
    const probe = await firstCore(appData);
    const estimate = await probe.core.ok<{ runs: Array<{ inputTokens: number; worstCaseUsd: number }> }>('estimateBatch', { modules: ['fleet-hub', 'drivers-hub', 'maintenance-hub'], kinds: ['as-is'], provider: 'loopback' });
    await quit(probe.core);
    // Room for run 1 ($0.12) and for run 2 even after what its cut-short attempt cost (its input, billed), but not for
    // run 3 once run 2's second attempt has cost its input and a full answer too.
    const drivers = estimate.runs[1]!;
    const budget = 0.12 + drivers.worstCaseUsd + (2 * drivers.inputTokens * PRICE.input) / 1e6 + 0.001;
    const { repo, started } = await interruptedBatch(appData, ['fleet-hub', 'drivers-hub', 'maintenance-hub'], budget);
    const spentBefore = [0, 1].reduce((sum, i) => sum + recordOnDisk(appData, repo, started.runIds[i]!).costUsd, 0);
    expect(spentBefore).toBeGreaterThan(0.12);
    server.script((request) => openAiStream('# drivers-hub\n\nthe second attempt\n', { promptTokens: Math.ceil(JSON.stringify(request.body.messages).length / 4), completionTokens: 4_000 }));

    const again = restart(appData);
    await again.app.openWorkspace(repo);
    expect(await noticeOf(again, started.batchId)).toMatchObject({ outcome: 'resumed', runsLeft: 2 });
    const end = await batchEnd(again, started.batchId);
    expect(end).toMatchObject({ state: 'stopped', succeeded: 2, stopReason: { code: 'BUDGET_EXCEEDED', data: { scope: 'batch' } } });
    const runs = await runsOf(again, started.batchId);
    expect(runs.map((r) => r.state)).toEqual(['succeeded', 'succeeded', 'skipped']);
    // What the stop counted is everything the batch spent, before the quit and after it.
    expect(end.stopReason!.data!.committedUsd as number).toBeCloseTo(runs.reduce((sum, r) => sum + r.costUsd, 0), 6);
    expect(runs[1]!.costUsd).toBeGreaterThan(recordOnDisk(appData, repo, started.runIds[1]!).costUsd - 1e-9);
    expect(end.spentUsd).toBeLessThanOrEqual(budget);
  });

  it('leaves the batch interrupted, with the reason, when the provider key is gone by the restart', async () => {
    const appData = makeTempDir('fleet-resume-home-');
    const { repo, started } = await interruptedBatch(appData, ['fleet-hub', 'drivers-hub', 'maintenance-hub']);
    const before = server.requests.length;

    const again = restart(appData);
    await again.ok('clearProviderKey', { id: 'loopback' });
    await again.app.openWorkspace(repo);
    const notice = await noticeOf(again, started.batchId);
    expect(notice).toMatchObject({ outcome: 'not-resumed', runsLeft: 2, total: 3, reason: { code: 'KEY_MISSING' } });
    expect(notice.reason!.message).toMatch(/key/i);
    const [batch] = await again.ok<BatchInfo[]>('listBatches');
    expect(batch).toMatchObject({ batchId: started.batchId, state: 'interrupted', totals: { succeeded: 1, queued: 2 }, stopReason: { code: 'KEY_MISSING' } });
    expect(batch!.stopReason!.message).toMatch(/^Not resumed automatically: /);
    expect(server.requests.length).toBe(before);

    // With the key back, the batch resumes by hand and finishes.
    await again.ok('setProviderKey', { id: 'loopback', key: KEY });
    await again.ok('resumeBatch', { batchId: started.batchId });
    expect(await batchEnd(again, started.batchId)).toMatchObject({ state: 'finished', succeeded: 3 });
  });

  it('stays put when automatic resume is turned off in the agent settings', async () => {
    const appData = makeTempDir('fleet-resume-home-');
    const { core, repo } = await firstCore(appData);
    await core.ok('saveAgentSettings', { workspaceBudgetUsd: null, defaultProvider: 'offline', defaultConcurrency: 4, autoResume: false });
    // A save that leaves the option out keeps it.
    await core.ok('saveAgentSettings', { workspaceBudgetUsd: null, defaultProvider: 'offline', defaultConcurrency: 2 });
    server.script(openAiStream('# fleet-hub\n\ndone\n'), hang('interrupted mid-way'));
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    await streaming(core, started.runIds[1]!);
    await quit(core);
    const before = server.requests.length;

    const again = restart(appData);
    await again.app.openWorkspace(repo);
    expect(await again.ok('getAgentSettings')).toMatchObject({ autoResume: false, defaultConcurrency: 2 });
    const [batch] = await again.ok<BatchInfo[]>('listBatches');
    expect(batch).toMatchObject({ state: 'interrupted', stopReason: null });
    expect(await again.ok('listResumeNotices')).toEqual([]);
    expect(again.events.some((e) => e.event === 'batchResumeNotice')).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it('is not done by a process that does not serve a user (fleet-control run opens the workspace without it)', async () => {
    const appData = makeTempDir('fleet-resume-home-');
    const { repo, started } = await interruptedBatch(appData, ['fleet-hub', 'drivers-hub']);
    const cli = newCore(appData);
    cores.push(cli);
    await cli.app.openWorkspace(repo);
    const [batch] = await cli.ok<BatchInfo[]>('listBatches');
    expect(batch).toMatchObject({ batchId: started.batchId, state: 'interrupted' });
    expect(cli.events.filter((e) => e.event === 'batchProgress' && (e.payload as BatchProgress).batchId === started.batchId)).toEqual([]);
  });
});
