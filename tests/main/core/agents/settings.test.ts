import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BatchEstimate, BatchStarted, ConnectionTest, ContextPreview, GroundingReport, PriceTableState, PromptTemplate, ProviderInfo } from '../../../../src/shared/types-agents';
import { defaultPrompt } from '../../../../src/main/core/agents/default-prompts';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { openAiError, startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { FAST, batchEnd, demoRepo, loopbackProvider, newCore, openInitialised, type Core } from './agent-fixtures';

let server: ProviderServer;
let repo: string;
let core: Core;

beforeAll(async () => {
  server = await startProviderServer();
  repo = join(makeTempDir('fleet-agents-repo-'), 'fleetops');
  git(join(repo, '..'), 'clone', '-q', '--no-local', await demoRepo(), repo);
  core = newCore(undefined, { ...FAST, env: { LOOPBACK_API_KEY: 'sk-from-the-environment-123456' } });
  await openInitialised(core, repo);
  await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl) });
});
afterEach(() => server.reset());
afterAll(async () => {
  await core.app.dispose();
  await server.close();
  cleanupTempDirs();
});

async function failure(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await core.call(method, input);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

describe('providers and keys', () => {
  it('lists the built-in providers with where each key comes from, never the key', async () => {
    const providers = await core.ok<ProviderInfo[]>('listProviders');
    expect(providers.map((p) => p.id)).toEqual(['offline', 'xai', 'openai', 'anthropic', 'ollama', 'lmstudio', 'loopback']);
    expect(providers.find((p) => p.id === 'xai')).toMatchObject({ baseUrl: 'https://api.x.ai/v1', keyEnv: 'XAI_API_KEY', keySource: 'none', builtIn: true });
    expect(providers.find((p) => p.id === 'offline')!.keySource).toBe('not-needed');
    expect(providers.find((p) => p.id === 'loopback')!.keySource).toBe('environment');
    await core.ok('setProviderKey', { id: 'loopback', key: 'sk-stored-key-abcdef123456' });
    const after = await core.ok<ProviderInfo[]>('listProviders');
    expect(after.find((p) => p.id === 'loopback')!.keySource).toBe('stored');
    expect(JSON.stringify(after)).not.toMatch(/sk-stored-key|sk-from-the-environment/);
    await core.ok('clearProviderKey', { id: 'loopback' });
    expect((await core.ok<ProviderInfo[]>('listProviders')).find((p) => p.id === 'loopback')!.keySource).toBe('environment');
  });

  it('refuses provider settings that cannot work, naming the field', async () => {
    const bad = await failure('saveProvider', { provider: loopbackProvider('ftp://example.test', { defaultModel: 'other' }) });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toMatch(/provider\.baseUrl: must be an http:\/\/ or https:\/\/ address/);
    expect(bad.message).toMatch(/provider\.defaultModel: must be one of the listed models/);
    expect((await failure('testProvider', { id: 'nonesuch' })).code).toBe('PROVIDER_NOT_FOUND');
  });

  it('tests a connection with one cheap call: auth, quota and latency', async () => {
    const good = await core.ok<ConnectionTest>('testProvider', { id: 'loopback' });
    expect(good).toMatchObject({ ok: true, auth: 'ok', quota: 'ok', model: 'test-model' });
    expect(good.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 16, stream: true });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-from-the-environment-123456');

    server.script(openAiError(401, 'Incorrect API key provided.', 'invalid_api_key'));
    expect(await core.ok<ConnectionTest>('testProvider', { id: 'loopback' })).toMatchObject({ ok: false, auth: 'failed', error: { code: 'AUTH_FAILED' } });
    server.script(openAiError(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota'));
    expect(await core.ok<ConnectionTest>('testProvider', { id: 'loopback' })).toMatchObject({ ok: false, quota: 'exhausted', error: { code: 'QUOTA_EXHAUSTED' } });
  });

  it('refuses to start a batch on a provider with no key, before queueing anything', async () => {
    const error = await failure('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'xai' });
    expect(error.code).toBe('KEY_MISSING');
    expect(error.message).toMatch(/xAI Grok needs an API key: add it in the provider settings or set XAI_API_KEY/);
  });
});

describe('prices and prompts on the workspace branch', () => {
  it('starts from default prices and commits an edited table by compare-and-swap', async () => {
    const prices = await core.ok<PriceTableState>('getPrices');
    expect(prices).toMatchObject({ source: 'default', path: '.fleet/prices.json' });
    expect(prices.prices['xai/grok-4']).toEqual({ input: 3, output: 15 });
    const saved = await core.ok<PriceTableState>('savePrices', { prices: { ...prices.prices, 'loopback/test-model': { input: 0.5, output: 1.5 } }, expectedTip: prices.branchTip });
    expect(saved.source).toBe('committed');
    const committed = JSON.parse(git(repo, 'show', 'fleet/workspace:.fleet/prices.json')) as { prices: Record<string, unknown> };
    expect(committed.prices['loopback/test-model']).toEqual({ input: 0.5, output: 1.5 });
    const stale = await failure('savePrices', { prices: prices.prices, expectedTip: prices.branchTip });
    expect(stale.code).toBe('BRANCH_MOVED');
  });

  it('refuses a price that is not a number with a message naming the entry', async () => {
    const prices = await core.ok<PriceTableState>('getPrices');
    const error = await failure('savePrices', { prices: { ...prices.prices, 'xai/grok-4': { input: 'three', output: 15 } }, expectedTip: prices.branchTip });
    expect(error.code).toBe('PRICES_INVALID');
    expect(error.message).toContain('"xai/grok-4": input must be a number of dollars per million tokens, got "three"');
  });

  it('refuses a __proto__, constructor or prototype key in a price table by name, instead of dropping it, and commits nothing', async () => {
    const prices = await core.ok<PriceTableState>('getPrices');
    const tip = git(repo, 'rev-parse', 'fleet/workspace');
    for (const [key, where] of [['__proto__', '"__proto__"'], ['constructor', '"constructor"'], ['prototype', '"prototype"']] as const) {
      // As the wire delivers it: JSON.parse keeps "__proto__" as an own key.
      const input = JSON.parse(`{"prices": {"${key}": {"input": 1, "output": 2}, "xai/grok-4": {"input": 3, "output": 15}}, "expectedTip": "${prices.branchTip}"}`) as unknown;
      const error = await failure('savePrices', input);
      expect(error.code, key).toBe('INVALID_INPUT');
      expect(error.message).toContain(`prices.${key}: the key ${where} is not accepted`);
      const nested = JSON.parse(`{"prices": {"xai/grok-4": {"input": 3, "output": 15, "${key}": {}}}, "expectedTip": "${prices.branchTip}"}`) as unknown;
      expect((await failure('savePrices', nested)).message).toContain(`prices.xai/grok-4.${key}`);
    }
    expect(git(repo, 'rev-parse', 'fleet/workspace')).toBe(tip);
  });

  it('uses the committed prompt template of a document kind, and defaults when there is none', async () => {
    const before = await core.ok<PromptTemplate>('getPrompt', { kind: 'to-be' });
    expect(before).toMatchObject({ source: 'default', text: defaultPrompt('to-be'), path: '.fleet/prompts/to-be.md' });
    const text = 'Write the as-is analysis of {{module.title}} ({{module.id}}) into {{document.file}}. Name a file for every claim.';
    await core.ok('savePrompt', { kind: 'as-is', text, expectedTip: before.branchTip });
    expect(git(repo, 'show', 'fleet/workspace:.fleet/prompts/as-is.md')).toBe(text);
    const started = await core.ok<BatchStarted>('startBatch', { modules: ['fuel-management'], kinds: ['as-is'], provider: 'loopback' });
    await batchEnd(core, started.batchId);
    const system = (server.requests[0]!.body.messages as Array<{ content: string }>)[0]!.content;
    expect(system).toBe('Write the as-is analysis of Fuel Management (fuel-management) into AS_IS_ANALYSIS.md. Name a file for every claim.\n');
  });
});

describe('context, estimates and grounding', () => {
  it('packs the module\'s files most relevant first, within the token budget, marking what was cut', async () => {
    await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { id: 'tiny', contextTokens: 1000, contextWindow: 8000, maxOutputTokens: 1000 }) });
    const preview = await core.ok<ContextPreview>('previewContext', { moduleId: 'fleet-hub', kind: 'as-is', provider: 'tiny' });
    expect(preview.budgetTokens).toBe(1000);
    expect(preview.tokens).toBeLessThanOrEqual(1000);
    expect(preview.matchedFiles).toBe(6);
    expect(preview.files[0]!.path).toMatch(/(routes|services|pages)\//);
    expect(preview.files.map((f) => f.path)).not.toContain('api/tests/fleet.test.ts');
    expect(preview.omitted).toContain('api/tests/fleet.test.ts');
    const full = await core.ok<ContextPreview>('previewContext', { moduleId: 'fleet-hub', kind: 'as-is', provider: 'loopback' });
    expect(full.files.map((f) => f.path)).toEqual([
      'api/src/routes/fleet.routes.ts',
      'api/src/services/fleet.service.ts',
      'web/src/pages/FleetPage.tsx',
      'api/src/repositories/fleet.repository.ts',
      'web/src/components/fleet/FleetTable.tsx',
      'api/tests/fleet.test.ts',
    ]);
    expect(full.omitted).toEqual([]);
  });

  it('estimates tokens and dollars per run and in total, and blocks what cannot run', async () => {
    await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { id: 'narrow', contextWindow: 4096, contextTokens: 256, maxOutputTokens: 3800 }) });
    const blocked = await core.ok<BatchEstimate>('estimateBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'narrow' });
    expect(blocked.runs[0]!.blocked).toMatch(/leave no room for the module's files in test-model's window of 4096 tokens/);

    const estimate = await core.ok<BatchEstimate>('estimateBatch', { modules: ['fleet-hub', 'drivers-hub', 'break-glass'], kinds: ['as-is', 'to-be'], provider: 'loopback', budgetUsd: 5 });
    expect(estimate.runs).toHaveLength(6);
    expect(estimate.totals).toMatchObject({ runs: 4, blocked: 2 });
    const runnable = estimate.runs.filter((r) => !r.blocked);
    expect(estimate.totals.inputTokens).toBe(runnable.reduce((s, r) => s + r.inputTokens, 0));
    for (const run of runnable) {
      expect(run.costUsd).toBeCloseTo((run.inputTokens * 0.5 + run.outputTokens * 1.5) / 1e6, 10);
      expect(run.worstCaseUsd!).toBeGreaterThan(run.costUsd!);
    }
    expect(estimate.budget.batchUsd).toBe(5);
    expect(estimate.summary).toMatch(/^4 runs with Loopback test server test-model, about [\d.]+k tokens, about \$0\.\d\d \(at most \$0\.\d\d\); 2 blocked: approve\?$/);
  });

  it('says in the estimate that a key is missing (the provider and where to set it), and Approve is refused the same way', async () => {
    const estimate = await core.ok<BatchEstimate>('estimateBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'openai' });
    expect(estimate.runs).toHaveLength(1);
    expect(estimate.cannotStart).toMatchObject({ code: 'KEY_MISSING', data: { provider: 'openai' } });
    expect(estimate.cannotStart!.message).toBe('OpenAI needs an API key: add it in the provider settings or set OPENAI_API_KEY.');
    expect(await failure('startBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'openai' })).toMatchObject({ code: 'KEY_MISSING', message: estimate.cannotStart!.message });
    // With the key from the environment the same estimate can start.
    const ready = await core.ok<BatchEstimate>('estimateBatch', { modules: ['fleet-hub'], kinds: ['as-is'], provider: 'loopback' });
    expect(ready.cannotStart).toBeNull();
  });

  it('flags paths outside the module, paths that do not exist and libraries the repository does not use, by line', async () => {
    const content = [
      '---',
      'module: fleet-hub',
      '---',
      '# Fleet Hub',
      'Vehicles are served by `api/src/routes/fleet.routes.ts` with Express and React Query.',
      'Drivers come from api/src/routes/drivers.routes.ts.',
      'State lives in a Redux store (web/src/store/fleetSlice.ts).',
      'The backend is a Django app on PostgreSQL; see FleetPage.tsx and Next.js docs.',
    ].join('\n');
    const report = await core.ok<GroundingReport>('groundingCheck', { moduleId: 'fleet-hub', kind: 'as-is', content });
    expect(report.flags.map((f) => [f.line, f.type, f.text])).toEqual([
      [6, 'path', 'api/src/routes/drivers.routes.ts'],
      [7, 'path', 'web/src/store/fleetSlice.ts'],
      [7, 'library', 'Redux'],
      [8, 'library', 'Next.js'],
      [8, 'library', 'Django'],
    ]);
    expect(report.flags[0]!.message).toMatch(/exists .* but is outside this module's path patterns/);
    expect(report.flags[1]!.message).toMatch(/does not exist in the repository/);
    expect(report.flags[2]!.message).toMatch(/no package\.json in the repository declares redux/);
  });
});
