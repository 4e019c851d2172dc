import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementEstimate, ImplementSettings, ImplementRun } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { startProviderServer } from '../../../../helpers/provider-servers';
import { commitManifestChange } from '../../trust/manifest-commit';
import { configure, newCore, writeDesign, type Core, serviceSuite } from './service-fixture';

const suite = serviceSuite(startProviderServer);

async function setUp(options: { appDataDir?: string } = {}): Promise<Core> {
  const core = await suite.core(options);
  return core;
}

describe('implementation settings and the refusals before a run starts', () => {
  it('keeps settings per workspace in app data, with the defaults until saved', async () => {
    const core = await setUp();
    const defaults = await core.ok<ImplementSettings>('getImplementSettings');
    expect(defaults).toEqual({ maxWorkingCopies: 4, customEngineTemplate: '', engineKeys: {}, maxTurns: 40, maxMinutes: 30, maxChangedFiles: 60, repairRounds: 2, repeatedFailureLimit: 3, defaultConcurrency: 2, commandAllowList: [], commandTimeoutSeconds: 600 });
    const changed = { ...defaults, maxTurns: 12, commandAllowList: ['npm test', 'npx eslint *'] };
    expect(await core.ok('saveImplementSettings', changed)).toEqual(changed);
    const bad = await core.fails('saveImplementSettings', { ...changed, maxTurns: 0 });
    expect(bad.code).toBe('INVALID_INPUT');
    const file = join(workspaceDataDir(core.appDataDir, core.repo), 'implement', 'settings.json');
    expect(existsSync(file)).toBe(true);

    // Another process over the same app data reads what was saved.
    await core.app.dispose();
    const again = await newCore(core.repo, { appDataDir: core.appDataDir, init: false });
    suite.track(again);
    expect(await again.ok('getImplementSettings')).toEqual(changed);
    expect(await again.ok<ImplementRun[]>('listImplementRuns', {})).toEqual([]);
  });

  it('refuses the offline analyzer, a module without a TO-BE design and no approved module, writing no run', async () => {
    const core = await setUp();
    await configure(core, suite.server.baseUrl);
    const offline = await core.fails('startImplement', { modules: ['fleet-hub'] });
    expect(offline).toMatchObject({ code: 'UNSUPPORTED' });
    expect(offline.message).toMatch(/cannot implement/);
    const noDesign = await core.fails('startImplement', { modules: ['fleet-hub'], provider: 'loopback' });
    expect(noDesign).toMatchObject({ code: 'DESIGN_MISSING', data: { modules: ['fleet-hub'] } });
    await writeDesign(core, 'fleet-hub');
    const noneApproved = await core.fails('startImplement', { modules: 'approved', provider: 'loopback' });
    expect(noneApproved.code).toBe('DESIGN_MISSING');
    const unknown = await core.fails('startImplement', { modules: ['no-such-module'], provider: 'loopback' });
    expect(unknown.code).toBe('MODULE_NOT_FOUND');
    expect(await core.ok<ImplementRun[]>('listImplementRuns', {})).toEqual([]);
    expect(suite.server.requests).toHaveLength(0);
  });

  it('estimates a batch as a range per module, naming the modules that cannot run and the caps that apply', async () => {
    const core = await setUp();
    await configure(core, suite.server.baseUrl);
    await writeDesign(core, 'fleet-hub');
    const estimate = await core.ok<ImplementEstimate>('estimateImplement', { modules: ['fleet-hub', 'drivers-hub'], provider: 'loopback', budgetUsd: 3, maxTurns: 10 });
    expect(estimate).toMatchObject({ provider: 'loopback', model: 'test-model', maxTurns: 10, totals: { runs: 1, blocked: 1 }, budget: { batchUsd: 3, workspaceUsd: null, workspaceSpentUsd: 0 } });
    const [fleet, drivers] = estimate.runs;
    expect(fleet).toMatchObject({ moduleId: 'fleet-hub', blocked: null });
    expect(fleet!.contextTokens).toBeGreaterThan(100);
    expect(fleet!.lowUsd).toBeGreaterThan(0);
    expect(fleet!.highUsd).toBeGreaterThan(fleet!.lowUsd!);
    expect(drivers).toMatchObject({ moduleId: 'drivers-hub', lowUsd: null, highUsd: null });
    expect(drivers!.blocked).toMatch(/no TO-BE design/);
    expect(estimate.summary).toMatch(/^1 run of up to 10 turns with loopback\/test-model: \$/);
    const offline = await core.ok<ImplementEstimate>('estimateImplement', { modules: ['fleet-hub'], provider: 'offline' });
    expect(offline.runs[0]!.blocked).toMatch(/cannot implement/);
    expect(await core.ok('workingCopyUsage')).toMatchObject({ count: 0, bytes: 0, limit: 4 });
    expect(suite.server.requests).toHaveLength(0);
  });

  it('refuses a run whose check command this machine has not confirmed, before anything is written', async () => {
    const core = await setUp();
    await configure(core, suite.server.baseUrl, { check: null });
    await writeDesign(core, 'fleet-hub');
    // A teammate's commit sets the check command: it has not been confirmed here.
    commitManifestChange(core.repo, (manifest) => {
      manifest.checks = { command: 'sh check.sh', timeoutSeconds: 30 };
    });
    await core.app.openWorkspace(core.repo); // as the watcher would on the moved branch (tests do not watch)
    const refused = await core.fails('startImplement', { modules: ['fleet-hub'], provider: 'loopback' });
    expect(refused.code, refused.message).toBe('COMMAND_NOT_TRUSTED');
    expect(refused.data).toMatchObject({ commands: [{ kind: 'check', scope: '*', command: 'sh check.sh', previous: null }] });
    expect(await core.ok<ImplementRun[]>('listImplementRuns', {})).toEqual([]);
    expect(suite.server.requests).toHaveLength(0);
    const copies = join(workspaceDataDir(core.appDataDir, core.repo), 'working-copies');
    expect(existsSync(copies) ? readdirSync(copies) : []).toEqual([]);
  });
});
