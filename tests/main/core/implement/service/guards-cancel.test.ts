import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementStarted } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { call, toolSession } from '../../../../helpers/provider-servers';
import { batchEnd, configure, detail, runEnd, waitFor, writeDesign, type Core, SDKS_INSTALLED, serviceSuite } from './service-fixture';

const suite = serviceSuite();

async function setUp(options: Parameters<typeof configure>[2] = {}): Promise<Core> {
  const core = await suite.core();
  await configure(core, suite.server.baseUrl, options);
  await writeDesign(core, 'fleet-hub');
  return core;
}

const copyOf = (core: Core, runId: string): string => join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies', runId);
const EDIT = call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a - b;', new_text: 'return a + b;' });

describe.skipIf(!SDKS_INSTALLED)('guard rails and cancel', () => {
  it('stops before a model call whose worst case would cross the batch budget, keeping the work done so far for review', async () => {
    // $1000 per million output tokens: a turn's worst case is about $1 (1,000 output tokens), a real turn costs ~$0.9.
    const core = await setUp({ price: { input: 100, output: 1000 }, provider: { maxOutputTokens: 1000 } });
    suite.server.session = toolSession([
      { calls: [EDIT], tokensIn: 1000, tokensOut: 900 },
      { calls: [call('finish', { summary: 'never reached' })], tokensIn: 1000, tokensOut: 10 },
    ]);
    const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], provider: 'loopback', budgetUsd: 1.5 });
    const run = await runEnd(core, started.runIds[0]!);
    expect(run).toMatchObject({ state: 'review', stop: 'budget', turns: 1, changedFiles: 1, workingCopy: true });
    expect(run.error).toMatchObject({ code: 'BUDGET_EXCEEDED', data: { scope: 'batch', capUsd: 1.5 } });
    expect(run.costUsd).toBeCloseTo((1000 * 100 + 900 * 1000) / 1e6, 9);
    expect(run.costUsd).toBeLessThanOrEqual(1.5);
    expect(suite.server.requests).toHaveLength(1);
    expect(readFileSync(join(copyOf(core, run.runId), 'api/src/fleet.js'), 'utf8')).toContain('return a + b;');
    expect(await batchEnd(core, started.batchId)).toMatchObject({ state: 'stopped', done: 1 });
  });

  it('cancels a run mid-turn: a run with changes goes to review, one without is cancelled; both keep their working copy until discarded', async () => {
    const core = await setUp();
    suite.server.session = toolSession([{ calls: [EDIT] }, { type: 'stream', frames: ['hang'] }]);
    const first = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub'], provider: 'loopback' });
    const runId = first.runIds[0]!;
    await waitFor(core, 10_000, 'the second model call', () => (suite.server.requests.length >= 2 ? true : null));
    expect(await core.ok('cancelImplementRun', { runId })).toEqual({ cancelled: true });
    const kept = await runEnd(core, runId);
    expect(kept).toMatchObject({ state: 'review', stop: 'cancelled', workingCopy: true, changedFiles: 1 });
    expect(existsSync(copyOf(core, runId))).toBe(true);
    expect((await detail(core, runId)).transcript.some((e) => e.type === 'notice' && /cancelled/.test(e.text))).toBe(true);

    suite.server.reset();
    suite.server.session = toolSession([{ type: 'stream', frames: ['hang'] }]);
    await writeDesign(core, 'drivers-hub');
    const second = await core.ok<ImplementStarted>('startImplement', { modules: ['drivers-hub'], provider: 'loopback' });
    await waitFor(core, 10_000, 'the first model call', () => (suite.server.requests.length >= 1 ? true : null));
    expect(await core.ok('cancelImplementBatch', { batchId: second.batchId })).toEqual({ cancelled: true });
    const gone = await runEnd(core, second.runIds[0]!);
    expect(gone.error, JSON.stringify(gone.error)).toMatchObject({ code: 'CANCELLED' });
    expect(gone).toMatchObject({ state: 'cancelled', stop: 'cancelled', workingCopy: true, changedFiles: 0 });
    expect(existsSync(copyOf(core, gone.runId))).toBe(true);
    expect(await batchEnd(core, second.batchId)).toMatchObject({ state: 'cancelled' });
    expect((await core.fails('acceptRun', { runId: gone.runId })).code).toBe('RUN_NOT_REVIEWABLE');
    expect(await core.ok('discardRun', { runId: gone.runId })).toMatchObject({ state: 'discarded', workingCopy: false });
    expect(existsSync(copyOf(core, gone.runId))).toBe(false);
  });
});
