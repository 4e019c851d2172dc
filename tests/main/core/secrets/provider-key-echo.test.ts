import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createMainLog } from '../../../../src/main/electron/main-log';
import type { BatchStarted, RunRecord } from '../../../../src/shared/types-agents';
import { cleanupTempDirs, makeTempDir } from '../../../helpers/git';
import { keyEchoAnswer, sentKey, startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { batchEnd, demoRepo, loopbackProvider, newCore, openInitialised, type Core } from '../agents/agent-fixtures';
import { filesBelow, forbiddenForms, leaks, type Output } from './leak-check';

// Keys with characters that URL-encoding and base64 change, so every form differs from the raw key.
const ENV_KEY = 'sk-echo-Env+Key/0123456789=abc';
const STORED_KEY = 'sk-ant-echo~Stored:Key%42/xyz';

let server: ProviderServer;
let repo: string;
beforeAll(async () => {
  server = await startProviderServer();
  repo = await demoRepo();
});
afterAll(async () => {
  await server.close();
  cleanupTempDirs();
});

/** A core whose log is the desktop app's (stderr and <app data>/logs/main.log) and whose every reply is kept. */
function coreWithRecordedReplies(appDataDir: string): { core: Core; replies: unknown[] } {
  const core = newCore(appDataDir, { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 }, draftIntervalMs: 50, progressIntervalMs: 20, env: { LOOPBACK_API_KEY: ENV_KEY } }, { log: createMainLog(appDataDir) });
  const replies: unknown[] = [];
  const call = core.call;
  core.call = async (method, input) => {
    const reply = await call(method, input);
    replies.push(reply);
    return reply;
  };
  core.ok = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const reply = await core.call(method, input);
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.code}`), { code: reply.error.code });
    return reply.value as T;
  };
  return { core, replies };
}

async function runBatch(core: Core, provider: string, modules: string[]): Promise<RunRecord[]> {
  const started = await core.ok<BatchStarted>('startBatch', { modules, kinds: ['as-is'], provider, concurrency: 1 });
  await batchEnd(core, started.batchId);
  const list = await core.ok<{ runs: RunRecord[] }>('listRuns', { batchId: started.batchId });
  return list.runs;
}

describe('a provider that echoes the key in its error codes, bodies and headers', () => {
  it('leaves the key in no reply, event, log line or file in the app-data folder, in any encoding', async () => {
    const appDataDir = makeTempDir('fleet-echo-home-');
    const { core, replies } = coreWithRecordedReplies(appDataDir);
    await openInitialised(core, repo);
    await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl) });
    await core.ok('saveProvider', { provider: loopbackProvider(server.baseUrl, { id: 'loopback-anthropic', kind: 'anthropic', keyEnv: null }) });
    await core.ok('setProviderKey', { id: 'loopback-anthropic', key: STORED_KEY });

    // OpenAI's shape, key from the environment: a server error, the rate limit, a stream failing midway, a refused key.
    server.reset();
    server.script(keyEchoAnswer(500), keyEchoAnswer(429), keyEchoAnswer(200), keyEchoAnswer(401));
    const openAiRuns = await runBatch(core, 'loopback', ['fleet-hub', 'drivers-hub', 'maintenance-hub', 'fuel-management']);
    expect(openAiRuns.map((r) => r.error?.code)).toEqual(['PROVIDER_ERROR', 'RATE_LIMITED', 'PROVIDER_ERROR', 'AUTH_FAILED']);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(Array(4).fill(`Bearer ${ENV_KEY}`));
    // A connection test answered 403 (its reply carries the whole error).
    server.script(keyEchoAnswer(403));
    const test = await core.ok<{ ok: boolean; error: { code: string } }>('testProvider', { id: 'loopback' });
    expect(test).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });

    // Anthropic's shape, key from the secret store: a stream failing midway, then a refused key.
    server.reset();
    server.script(keyEchoAnswer(200), keyEchoAnswer(401));
    const anthropicRuns = await runBatch(core, 'loopback-anthropic', ['fleet-hub', 'drivers-hub']);
    expect(anthropicRuns.map((r) => r.error?.code)).toEqual(['PROVIDER_ERROR', 'AUTH_FAILED']);
    // SDK 1.x (API version 2026-10-21) sends the key as `Authorization: Bearer`, no longer as x-api-key.
    expect(server.requests.map(sentKey)).toEqual([STORED_KEY, STORED_KEY]);
    // The error still says what the provider said, with the key cut out.
    expect(anthropicRuns[1]!.error!.message).toMatch(/refused the key \(HTTP 401\): Incorrect API key provided: \[redacted\]/);
    await core.call('listBatches', {});
    await core.app.dispose();

    const outputs: Output[] = [
      ...core.events.map((e, i) => ({ where: `event ${i} ${e.event}`, text: JSON.stringify(e.payload) })),
      ...replies.map((r, i) => ({ where: `reply ${i}`, text: JSON.stringify(r) })),
      ...core.logs.map((line, i) => ({ where: `log ${i}`, text: line })),
      ...filesBelow(appDataDir, (path) => path === 'secrets.json'),
    ];
    expect(outputs.filter((o) => o.where.includes('runs/')).length).toBeGreaterThanOrEqual(6);
    expect(outputs.filter((o) => o.where.includes('batches/')).length).toBe(2);
    expect(leaks(outputs, [...forbiddenForms(ENV_KEY), ...forbiddenForms(STORED_KEY)])).toEqual([]);
    // The one place the stored key may be: the secret store, readable by the user alone.
    expect(statSync(join(appDataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(leaks(filesBelow(appDataDir, (path) => path !== 'secrets.json'), [STORED_KEY])).toHaveLength(1);
  });
});
