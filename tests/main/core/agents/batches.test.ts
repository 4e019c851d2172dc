import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchEstimate, BatchInfo, BatchStarted, ProviderInfo, RunList, RunProgress, RunRecord } from '../../../../src/shared/types-agents';
import type { DraftInfo, CommitResult } from '../../../../src/shared/types';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { openAiError, openAiStream, sseFrame, startProviderServer, type ProviderServer, type RecordedRequest } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, loopbackProvider, newCore, openInitialised, streamedText, type Core } from './agent-fixtures';

const KEY = 'sk-loopback-secret-key-0123456789';
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

/** A core on a fresh copy of the demo repository, with the loopback provider, its key and its price. */
async function setUp(options: { provider?: Parameters<typeof loopbackProvider>[1]; price?: { input: number; output: number }; appData?: string } = {}): Promise<{ core: Core; repo: string }> {
  const repo = join(makeTempDir('fleet-agents-repo-'), 'fleetops');
  git(join(repo, '..'), 'clone', '-q', '--no-local', template, repo);
  const core = newCore(options.appData);
  cores.push(core);
  await openInitialised(core, repo);
  await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, options.provider) });
  await core.ok('setProviderKey', { id: 'loopback', key: KEY });
  const prices = await core.ok<{ prices: Record<string, unknown>; branchTip: string }>('getPrices');
  await core.ok('savePrices', { prices: { ...prices.prices, 'loopback/test-model': options.price ?? { input: 2, output: 10 } }, expectedTip: prices.branchTip });
  return { core, repo };
}

const runsOf = async (core: Core, batchId: string): Promise<RunRecord[]> => (await core.ok<RunList>('listRuns', { batchId })).runs;
const userMessage = (request: RecordedRequest): string => (request.body.messages as Array<{ content: string }>)[1]!.content;
const systemMessage = (request: RecordedRequest): string => (request.body.messages as Array<{ content: string }>)[0]!.content;

describe('agent runs and batches against a loopback provider', () => {
  it('streams each run into its draft and as events, and records tokens, cost, files and the prompt hash', async () => {
    const { core, repo } = await setUp();
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is'], provider: 'loopback' });
    const end = await batchEnd(core, started.batchId);
    expect(end).toMatchObject({ state: 'finished', total: 2, done: 2, succeeded: 2, failed: 0 });

    const runs = await runsOf(core, started.batchId);
    for (const run of runs) {
      const request = server.requests.find((r) => userMessage(r).includes(`(${run.moduleId})`))!;
      // What the model saw: the module's real files, contents included.
      const routeFile = `api/src/routes/${run.moduleId === 'fleet-hub' ? 'fleet' : 'drivers'}.routes.ts`;
      expect(userMessage(request)).toContain(`### ${routeFile}`);
      expect(userMessage(request)).toContain(git(repo, 'show', `module/${run.moduleId}:${routeFile}`));
      expect(run.filesSent).toContain(routeFile);
      expect(run.promptHash).toBe(createHash('sha256').update(systemMessage(request)).digest('hex'));

      // Usage from the final chunk, cost from the committed price table.
      const promptTokens = Math.ceil((JSON.stringify(request.body.messages).length + 0) / 4);
      expect(run).toMatchObject({ state: 'succeeded', usageReported: true, tokensIn: promptTokens, attempts: 1, finishReason: 'stop' });
      expect(run.costUsd).toBeCloseTo((run.tokensIn * 2 + run.tokensOut * 10) / 1e6, 10);

      // The draft holds exactly what streamed, after the document's front matter.
      const draft = await core.ok<DraftInfo>('getDraft', { moduleId: run.moduleId, kind: 'as-is' });
      const text = streamedText(core, run.runId);
      expect(text).toMatch(new RegExp(`^# .*\\(${run.moduleId}\\)`));
      expect(draft.content).toBe(`---\nmodule: ${run.moduleId}\ndocument: as-is\napproved: false\n---\n\n${text}`);
      expect(draft.baseTip).toBe(git(repo, 'rev-parse', `module/${run.moduleId}`));
    }
    const list = await core.ok<RunList>('listRuns', { batchId: started.batchId });
    expect(list.totals).toMatchObject({ runs: 2, succeeded: 2, tokensIn: runs[0]!.tokensIn + runs[1]!.tokensIn });
    expect(list.totals.costUsd).toBeCloseTo(runs[0]!.costUsd + runs[1]!.costUsd, 6);
  });

  it('commits a reviewed draft with the run provenance in trailers, as git reads them', async () => {
    const { core, repo } = await setUp();
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fuel-management'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const [run] = await runsOf(core, started.batchId);
    const tip = git(repo, 'rev-parse', 'module/fuel-management');
    const result = await core.ok<CommitResult>('commitRun', { runId: run!.runId, expectedTip: tip });
    const trailers = git(repo, 'show', '-s', '--format=%(trailers:only,unfold)', result.commit);
    expect(trailers).toContain(`Fleet-Run: ${run!.runId}`);
    expect(trailers).toContain('Fleet-Provider: loopback');
    expect(trailers).toContain('Fleet-Model: test-model');
    expect(trailers).toContain(`Fleet-Prompt-Hash: sha256:${run!.promptHash}`);
    expect(trailers).toContain(`Fleet-Tokens: in=${run!.tokensIn} out=${run!.tokensOut}`);
    expect(trailers).toContain(`Fleet-Cost: ${run!.costUsd.toFixed(6)} USD`);
    expect(trailers).toContain('Fleet-Edited: no');
    expect(git(repo, 'show', `${result.commit}:enhancements/fuel-management/AS_IS_ANALYSIS.md`)).toContain(streamedText(core, run!.runId).trim());
    expect(await core.ok('getDraft', { moduleId: 'fuel-management', kind: 'as-is' })).toBeNull();
    expect((await core.ok<RunList>('listRuns', { moduleId: 'fuel-management' })).runs[0]!.commit).toBe(result.commit);
    git(repo, 'fsck', '--no-progress');
  });

  it('commits edited text as edited, and refuses an older run\'s provenance for a newer run\'s draft', async () => {
    const { core, repo } = await setUp();
    const first = await core.ok<BatchStarted>('startBatch', { modules: ['inventory'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, first.batchId);
    const second = await core.ok<BatchStarted>('startBatch', { modules: ['inventory'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, second.batchId);
    const tip = git(repo, 'rev-parse', 'module/inventory');
    const refused = await core.call('commitRun', { runId: first.runIds[0], expectedTip: tip });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/A later run \([0-9a-f]{8}\) has replaced this run's draft/) } });
    const draft = await core.ok<DraftInfo>('getDraft', { moduleId: 'inventory', kind: 'as-is' });
    const result = await core.ok<CommitResult>('commitRun', { runId: second.runIds[0], expectedTip: tip, content: `${draft.content}\nReviewed: the routes match the code.\n` });
    const message = git(repo, 'log', '-1', '--format=%B', result.commit);
    expect(message).toMatch(/^Inventory: as-is drafted by loopback\/test-model, reviewed and edited$/m);
    expect(message).toContain(`Fleet-Run: ${second.runIds[0]}`);
    expect(message).toContain('Fleet-Edited: yes');
  });

  it('retries a 429 within a run after its Retry-After, and tells the user it is waiting', async () => {
    const { core } = await setUp();
    server.script(openAiError(429, 'Rate limit reached for requests per minute.', 'rate_limit_exceeded', { 'retry-after': '1' }));
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['telematics'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const [run] = await runsOf(core, started.batchId);
    expect(run).toMatchObject({ state: 'succeeded' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
    const notes = core.events.filter((e) => e.event === 'runProgress').map((e) => (e.payload as RunProgress).message).filter(Boolean);
    expect(notes.join('\n')).toMatch(/rate limiting requests \(HTTP 429\).*Retrying in 1 s \(attempt 2 of 3\)/);
  });

  it('stops the provider\'s queue when its credits are exhausted, leaving finished runs intact', async () => {
    const { core } = await setUp();
    server.script(
      (request) => openAiStream(`# ${/# Module: ([^\n]+)/.exec(userMessage(request))![1]}\n\nfinished before the credits ran out\n`),
      openAiError(429, 'Your team has used all available credits or reached its monthly spending limit.', 'credits_exhausted'),
    );
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub', 'maintenance-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    const end = await batchEnd(core, started.batchId);
    expect(end.state).toBe('stopped');
    expect(end.stopReason?.code).toBe('QUOTA_EXHAUSTED');
    const runs = await runsOf(core, started.batchId);
    expect(runs.map((r) => r.state)).toEqual(['succeeded', 'failed', 'skipped']);
    expect(runs[1]!.error?.code).toBe('QUOTA_EXHAUSTED');
    expect(runs[2]!.error?.message).toMatch(/^Not started: .*credits/);
    expect(server.requests).toHaveLength(2);
    expect((await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content).toContain('finished before the credits ran out');
    const provider = (await core.ok<ProviderInfo[]>('listProviders')).find((p) => p.id === 'loopback')!;
    expect(provider.halted?.code).toBe('QUOTA_EXHAUSTED');
  });

  it('fails on a refused key with AUTH_FAILED, and the key appears in no record, event, log or app-data file but the secret store', async () => {
    const appData = makeTempDir('fleet-agents-home-');
    const { core } = await setUp({ appData });
    server.script(openAiError(401, `Incorrect API key provided: ${KEY}. You can find your API key at https://example.test.`, 'invalid_api_key'));
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    const end = await batchEnd(core, started.batchId);
    expect(end.stopReason?.code).toBe('AUTH_FAILED');
    const runs = await runsOf(core, started.batchId);
    expect(runs[0]!.error?.message).toMatch(/refused the key \(HTTP 401\)/);
    expect(JSON.stringify({ runs, events: core.events, logs: core.logs, providers: await core.ok('listProviders') })).not.toContain(KEY);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const holding = files(appData).filter((file) => readFileSync(file, 'utf8').includes(KEY));
    expect(holding).toEqual([join(appData, 'secrets.json')]);
    expect(statSync(join(appData, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('stops the queue before the run that would cross the batch budget, never after', async () => {
    // Output dominates the price, and the server bills the whole output limit: each run costs about what it reserves.
    const { core } = await setUp({ price: { input: 1, output: 100 } });
    const modules = ['fleet-hub', 'drivers-hub', 'maintenance-hub', 'safety-hub'];
    const estimate = await core.ok<BatchEstimate>('estimateBatch', { modules, kinds: ['as-is'], provider: 'loopback' });
    const worst = estimate.runs.map((r) => r.worstCaseUsd!);
    const budget = worst[0]! + worst[1]! + worst[2]! / 2;
    const billFull = (request: RecordedRequest) => openAiStream('billed to the limit\n', { promptTokens: Math.ceil(JSON.stringify(request.body.messages).length / 4), completionTokens: Number(request.body.max_tokens) });
    server.script(billFull, billFull, billFull, billFull);
    const started = await core.ok<BatchStarted>('startBatch', { modules, kinds: ['as-is'], provider: 'loopback', budgetUsd: budget, concurrency: 1 });
    const end = await batchEnd(core, started.batchId);
    const runs = await runsOf(core, started.batchId);
    expect(runs.map((r) => r.state)).toEqual(['succeeded', 'succeeded', 'skipped', 'skipped']);
    expect(server.requests).toHaveLength(2);
    expect(end).toMatchObject({ state: 'stopped', stopReason: { code: 'BUDGET_EXCEEDED' } });
    expect(end.stopReason!.message).toMatch(/could take this batch over its budget of \$[\d.]+, so the queue stopped before it/);
    expect(end.spentUsd).toBeLessThanOrEqual(budget);
    expect(end.spentUsd).toBeGreaterThan(budget - worst[2]!);
  });

  it('holds the workspace budget across batches', async () => {
    const { core } = await setUp({ price: { input: 1, output: 100 } });
    await core.ok('saveAgentSettings', { workspaceBudgetUsd: 0.01, defaultProvider: 'offline', defaultConcurrency: 4 });
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    const end = await batchEnd(core, started.batchId);
    expect(end.stopReason?.message).toMatch(/workspace budget of \$0\.01/);
    expect(server.requests).toHaveLength(0);
  });

  it('cancels a stalled run at once, keeps what arrived, and goes on with the queue', async () => {
    const { core } = await setUp({ provider: { stallSeconds: 60 } });
    server.script({ type: 'stream', frames: [sseFrame({ choices: [{ index: 0, delta: { content: 'The first words of an answer' }, finish_reason: null }] }), 'hang'] });
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    const first = started.runIds[0]!;
    await new Promise<void>((resolve) => {
      const off = core.app.onEvent((event, payload) => {
        if (event === 'runProgress' && (payload as RunProgress).runId === first && (payload as RunProgress).delta) {
          off();
          resolve();
        }
      });
    });
    const cancelledAt = Date.now();
    expect(await core.ok('cancelRun', { runId: first })).toEqual({ cancelled: true });
    const end = await batchEnd(core, started.batchId);
    const runs = await runsOf(core, started.batchId);
    expect(runs.map((r) => r.state)).toEqual(['cancelled', 'succeeded']);
    expect(Date.parse(runs[0]!.finishedAt!) - cancelledAt).toBeLessThan(1000);
    expect(end.state).toBe('finished');
    const draft = await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' });
    expect(draft.content).toContain('The first words of an answer');
    expect(draft.content).toContain('this run stopped early (it was cancelled)');
  });

  it('cancels a whole batch: the running run stops at once, the queued ones never start', async () => {
    const { core } = await setUp({ provider: { stallSeconds: 60 } });
    server.script({ type: 'stream', frames: [sseFrame({ choices: [{ index: 0, delta: { content: 'Started' }, finish_reason: null }] }), 'hang'] });
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub', 'maintenance-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    await new Promise<void>((resolve) => {
      const off = core.app.onEvent((event, payload) => {
        if (event === 'runProgress' && (payload as RunProgress).delta) {
          off();
          resolve();
        }
      });
    });
    expect(await core.ok('cancelBatch', { batchId: started.batchId })).toEqual({ cancelled: true });
    const end = await batchEnd(core, started.batchId, 2000);
    expect(end.state).toBe('cancelled');
    const runs = await runsOf(core, started.batchId);
    expect(runs.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(runs[2]!.error?.message).toMatch(/cancelled before this run started/);
    expect(server.requests).toHaveLength(1);
    expect(await core.ok('cancelBatch', { batchId: started.batchId })).toEqual({ cancelled: false });
  });

  it('aborts a stream that stalls, failing that run with PROVIDER_TIMEOUT and keeping its text', async () => {
    const { core } = await setUp({ provider: { stallSeconds: 0.3 } });
    server.script({ type: 'stream', frames: [sseFrame({ choices: [{ index: 0, delta: { content: 'Half a sentence' }, finish_reason: null }] }), 'hang'] });
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const [run] = await runsOf(core, started.batchId);
    expect(run).toMatchObject({ state: 'failed', error: { code: 'PROVIDER_TIMEOUT' }, outputChars: 'Half a sentence'.length, usageReported: false });
    expect((await core.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content).toMatch(/Half a sentence\n\n<!-- Fleet Control: this run stopped early \(The provider sent nothing for 300 ms/);
  });

  it('resumes an interrupted batch in a second core over the same app-data folder', async () => {
    const appData = makeTempDir('fleet-agents-home-');
    const { core: first, repo } = await setUp({ appData, provider: { stallSeconds: 60 } });
    server.script(
      (request) => openAiStream(`# ${/# Module: ([^\n]+)/.exec(userMessage(request))![1]}\n\nwritten before the quit\n`),
      { type: 'stream', frames: [sseFrame({ choices: [{ index: 0, delta: { content: 'interrupted mid-way' }, finish_reason: null }] }), 'hang'] },
    );
    const started = await first.ok<BatchStarted>('startBatch', { modules: ['fleet-hub', 'drivers-hub', 'maintenance-hub'], kinds: ['as-is'], provider: 'loopback', concurrency: 1 });
    const second = started.runIds[1]!;
    await new Promise<void>((resolve) => {
      const off = first.app.onEvent((event, payload) => {
        if (event === 'runProgress' && (payload as RunProgress).runId === second && (payload as RunProgress).delta) {
          off();
          resolve();
        }
      });
    });
    cores.splice(cores.indexOf(first), 1);
    await first.app.dispose(); // a quit in the middle of the second run

    const again = newCore(appData);
    cores.push(again);
    await again.app.openWorkspace(repo);
    const [batch] = await again.ok<BatchInfo[]>('listBatches');
    expect(batch).toMatchObject({ batchId: started.batchId, state: 'interrupted', totals: { succeeded: 1, queued: 2 } });
    const before = server.requests.length;
    await again.ok('resumeBatch', { batchId: started.batchId });
    const end = await batchEnd(again, started.batchId);
    expect(end).toMatchObject({ state: 'finished', succeeded: 3 });
    const runs = await runsOf(again, started.batchId);
    expect(runs.map((r) => [r.moduleId, r.state, r.attempts])).toEqual([
      ['fleet-hub', 'succeeded', 1],
      ['drivers-hub', 'succeeded', 2],
      ['maintenance-hub', 'succeeded', 1],
    ]);
    // The finished run was not sent again.
    expect(server.requests.slice(before).map((r) => /# Module: [^(]+\(([^)]+)\)/.exec(userMessage(r))![1])).toEqual(['drivers-hub', 'maintenance-hub']);
    expect((await again.ok<DraftInfo>('getDraft', { moduleId: 'fleet-hub', kind: 'as-is' })).content).toContain('written before the quit');
  });

  it('runs a module\'s TO-BE after its AS-IS in the same batch, and the TO-BE sees the AS-IS draft', async () => {
    const { core } = await setUp();
    server.script(openAiStream('# Fleet Hub: As-Is\n\nAS-IS MARKER from the first run\n'));
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fleet-hub'], kinds: ['to-be', 'as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const runs = await runsOf(core, started.batchId);
    expect(runs.map((r) => [r.kind, r.state])).toEqual([
      ['as-is', 'succeeded'],
      ['to-be', 'succeeded'],
    ]);
    expect(userMessage(server.requests[1]!)).toMatch(/### AS_IS_ANALYSIS\.md \(unsaved draft\)\n# Fleet Hub: As-Is\n\nAS-IS MARKER/);
  });
});
