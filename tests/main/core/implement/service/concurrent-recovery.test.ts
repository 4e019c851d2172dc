import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ImplementBatchProgress, ImplementRun, ImplementStarted } from '../../../../../src/shared/types-implement';
import { workspaceDataDir } from '../../../../../src/main/core/paths';
import { makeTempDir } from '../../../../helpers/git';
import { call, toolSession, type RecordedRequest } from '../../../../helpers/provider-servers';
import { batchEnd, configure, detail, newCore, runEnd, waitFor, writeDesign, type Core, SDKS_INSTALLED, serviceSuite } from './service-fixture';

const suite = serviceSuite();

const copiesOf = (core: Core, appDataDir = core.appDataDir): string => join(workspaceDataDir(appDataDir, core.repo), 'working-copies');
const FLEET_EDIT = call('edit_file', { path: 'api/src/fleet.js', old_text: 'return a - b;', new_text: 'return a + b;' });
const DRIVER_EDIT = call('edit_file', { path: 'api/src/driver.js', old_text: '"hi "', new_text: '"hello "' });
/** Which module a request is for (the first message names it). */
const moduleOf = (request: RecordedRequest): string => (JSON.stringify(request.body.messages).includes('(drivers-hub)') ? 'drivers-hub' : 'fleet-hub');

async function setUp(): Promise<Core> {
  const core = await suite.core();
  await configure(core, suite.server.baseUrl, { check: 'true' });
  await writeDesign(core, 'fleet-hub');
  await writeDesign(core, 'drivers-hub');
  return core;
}

describe.skipIf(!SDKS_INSTALLED)('runs side by side, and what a quit or a crash leaves', () => {
  it('runs two modules at once, each in its own working copy that only its own run touches', async () => {
    const core = await setUp();
    const fleet = toolSession([{ calls: [FLEET_EDIT] }, { calls: [call('finish', { summary: 'fleet' })] }]);
    const drivers = toolSession([{ calls: [DRIVER_EDIT] }, { calls: [call('finish', { summary: 'drivers' })] }]);
    let inFlight = 0;
    let most = 0;
    suite.server.session = (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => inFlight--, 150);
      return moduleOf(request) === 'drivers-hub' ? drivers(request) : fleet(request);
    };
    const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub', 'drivers-hub'], provider: 'loopback', concurrency: 2 });
    expect(await batchEnd(core, started.batchId)).toMatchObject<Partial<ImplementBatchProgress>>({ state: 'finished', total: 2, done: 2 });
    const runs = await Promise.all(started.runIds.map((id) => detail(core, id)));
    const byModule = new Map(runs.map((r) => [r.moduleId, r]));
    expect(byModule.get('fleet-hub')!.files.map((f) => f.path)).toEqual(['api/src/fleet.js']);
    expect(byModule.get('drivers-hub')!.files.map((f) => f.path)).toEqual(['api/src/driver.js']);
    for (const run of runs) expect(run).toMatchObject({ state: 'review', workingCopy: true });
    const fleetCopy = join(copiesOf(core), byModule.get('fleet-hub')!.runId);
    const driversCopy = join(copiesOf(core), byModule.get('drivers-hub')!.runId);
    expect(readFileSync(join(fleetCopy, 'api/src/driver.js'), 'utf8')).toContain('"hi "');
    expect(readFileSync(join(driversCopy, 'api/src/fleet.js'), 'utf8')).toContain('a - b');
    expect(most).toBeGreaterThanOrEqual(2);
    expect(await core.ok('workingCopyUsage')).toMatchObject({ count: 2, limit: 4 });
  });

  it('after a crash: an interrupted run becomes failed with its work kept, leftovers are swept; after a quit its batch resumes', async () => {
    const core = await setUp();
    // fleet-hub edits, then its model hangs; drivers-hub waits its turn (concurrency 1).
    suite.server.session = (request) => (moduleOf(request) === 'fleet-hub' ? toolSession([{ calls: [FLEET_EDIT] }, { type: 'stream', frames: ['hang'] }])(request) : toolSession([{ calls: [DRIVER_EDIT] }, { calls: [call('finish', { summary: 'd' })] }])(request));
    const started = await core.ok<ImplementStarted>('startImplement', { modules: ['fleet-hub', 'drivers-hub'], provider: 'loopback', concurrency: 1 });
    await waitFor(core, 10_000, 'the hanging call', () => (suite.server.requests.length >= 2 ? true : null));
    const [fleetId, driversId] = started.runIds as [string, string];

    // A crash: the app data as the process left it mid-run (its lock's process gone), opened by a new process.
    const crashed = makeTempDir('fleet-impl-crash-');
    cpSync(core.appDataDir, crashed, { recursive: true });
    rmSync(join(workspaceDataDir(crashed, core.repo), 'implement', 'batches.lock'), { force: true });
    mkdirSync(join(copiesOf(core, crashed), 'impl-leftover-0'), { recursive: true });
    const afterCrash = await newCore(core.repo, { appDataDir: crashed, init: false });
    suite.track(afterCrash);
    const list = await afterCrash.ok<ImplementRun[]>('listImplementRuns', {});
    const fleet = list.find((r) => r.runId === fleetId)!;
    expect(fleet).toMatchObject({ state: 'failed', workingCopy: true, changedFiles: 1, error: { code: 'CANCELLED' } });
    expect(fleet.error!.message).toMatch(/^Interrupted/);
    expect((await detail(afterCrash, fleetId)).transcript.at(-1)).toMatchObject({ type: 'notice', level: 'warning' });
    expect(readFileSync(join(copiesOf(core, crashed), fleetId, 'api/src/fleet.js'), 'utf8')).toContain('a + b');
    expect(existsSync(join(copiesOf(core, crashed), 'impl-leftover-0'))).toBe(false);
    expect(list.find((r) => r.runId === driversId)).toMatchObject({ state: 'queued' });
    await afterCrash.app.dispose();

    // A quit of the first process: its running run is interrupted (work kept), its batch resumes at the next start.
    await core.app.dispose();
    suite.forget(core);
    const reopened = await newCore(core.repo, { appDataDir: core.appDataDir, init: false, resumeBatches: true });
    suite.track(reopened);
    const drivers = await runEnd(reopened, driversId);
    expect(drivers).toMatchObject({ state: 'review', changedFiles: 1 });
    expect(await batchEnd(reopened, started.batchId)).toMatchObject({ state: 'finished' });
    expect(await detail(reopened, fleetId)).toMatchObject({ state: 'failed', workingCopy: true });
  });
});
