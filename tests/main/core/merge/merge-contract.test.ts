import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import type { JobFinished } from '../../../../src/shared/types';
import type { MergeForecast, MergeReport } from '../../../../src/shared/types-merge';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { mergeFixture } from './merge-fixture';

let app: FleetApp;
beforeAll(() => {
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false });
});
afterAll(async () => {
  await app.dispose();
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

describe('merging behind the contract', () => {
  it('names the working tree holding a target, forecasts and merges as jobs, and the board shows merged modules as Merged', async () => {
    const { dir } = await mergeFixture();
    await app.openWorkspace(dir);
    const { call } = createDispatcher(app.handlers, () => undefined);

    const targets = await call('getMergeTargets', {});
    expect(targets).toEqual({
      ok: true,
      value: {
        default: { kind: 'integration', branch: 'fleet/integration', tip: null, heldBy: null },
        // The base is checked out in the repository's own working tree: said before any merge is tried.
        targets: [
          { kind: 'base', branch: 'main', tip: git(dir, 'rev-parse', 'main'), heldBy: { worktree: dir, state: 'checked-out' } },
          { kind: 'integration', branch: 'fleet/integration', tip: null, heldBy: null },
        ],
      },
    });
    expect(await call('getLastForecast', {})).toEqual({ ok: true, value: null });
    expect(await call('forecastMerges', { target: 'trunk' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('target') } });

    const forecastDone = nextFinished('forecast');
    expect(await call('forecastMerges', {})).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    const forecastJob = await forecastDone;
    expect(forecastJob.ok).toBe(true);
    const forecast = forecastJob.result as MergeForecast;
    expect(forecast.modules.find((m) => m.moduleId === 'fleet-hub')!.outcome).toBe('conflicts');
    expect(await call('getLastForecast', { target: 'integration' })).toEqual({ ok: true, value: forecast });

    const conflict = await call('readConflict', { target: 'integration', moduleId: 'fleet-hub', path: 'shared/config.ts' });
    expect(conflict).toMatchObject({ ok: true, value: { merged: expect.stringContaining('<<<<<<< fleet/integration') } });

    expect(await call('mergeModules', { target: 'base', modules: ['inventory'] })).toMatchObject({ ok: false, error: { code: 'BRANCH_CHECKED_OUT' } });
    const mergeDone = nextFinished('merge');
    const started = await call('mergeModules', { target: 'integration', modules: ['inventory', 'drivers-hub'], expectedTargetTip: forecast.target.tip });
    expect(started.ok).toBe(true);
    const report = (await mergeDone).result as MergeReport;
    expect(report.results.map((r) => r.outcome)).toEqual(['merged', 'merged']);

    const board = await app.getBoard();
    const phase = (id: string) => board.modules.find((m) => m.id === id)!.phase;
    expect(phase('inventory')).toBe('merged');
    expect(phase('drivers-hub')).toBe('merged');
    expect(phase('fleet-hub')).not.toBe('merged');
    expect(phase('user-management')).toBe('merged'); // behind the base: nothing of its own left
  });
});
