import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckResults } from '../../../../src/main/core/checks/check-store';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CheckSettings, ChecksOverview } from '../../../../src/shared/types-checks';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { checkApp, checkoutsDir, commitOnBranch, workspaceWithCheckScript, type CheckApp } from './check-fixture';

const apps: CheckApp[] = [];
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  cleanupTempDirs();
});

async function openApp(options: { watch?: boolean } = {}) {
  const { dir, tip } = await workspaceWithCheckScript();
  const checks = checkApp(process.env, options);
  apps.push(checks);
  await checks.app.openWorkspace(dir);
  return { dir, tip, ...checks };
}

describe('check settings and results', () => {
  it('commits the check command on the workspace branch, and refuses invalid settings naming the field, committing nothing', async () => {
    const c = await openApp();
    const empty = (await c.call('getCheckSettings', {})).value as CheckSettings;
    expect(empty).toMatchObject({ checks: null, overrides: [] });
    const before = git(c.dir, 'rev-parse', 'fleet/workspace');

    const zero = await c.call('saveCheckSettings', { checks: { command: 'npm test', timeoutSeconds: 0 } });
    expect(zero).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('checks.timeoutSeconds: must be at least 1 second') } });
    const blank = await c.call('saveCheckSettings', { checks: { command: '   ', timeoutSeconds: 60 } });
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('checks.command: must not be empty') } });
    const unknown = await c.call('saveCheckSettings', { checks: { command: 'npm test', timeoutSeconds: 60 }, overrides: [{ moduleId: 'no-such-module', check: { command: 'make' } }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'MODULE_NOT_FOUND' } });
    expect(git(c.dir, 'rev-parse', 'fleet/workspace')).toBe(before);

    const saved = await c.call('saveCheckSettings', {
      checks: { command: 'npm test', timeoutSeconds: 600, concurrency: 3 },
      overrides: [{ moduleId: 'ai-chat', check: { timeoutSeconds: 30 } }],
      expectedTip: before,
    });
    expect(saved).toMatchObject({ ok: true, value: { checks: { command: 'npm test', timeoutSeconds: 600, concurrency: 3 }, overrides: [{ moduleId: 'ai-chat', check: { timeoutSeconds: 30 } }] } });
    expect(git(c.dir, 'rev-parse', 'fleet/workspace^')).toBe(before);
    const manifest = JSON.parse(git(c.dir, 'show', 'fleet/workspace:.fleet/manifest.json'));
    expect(manifest.checks).toEqual({ command: 'npm test', timeoutSeconds: 600, concurrency: 3 });
    expect(manifest.modules.find((m: { id: string }) => m.id === 'ai-chat').check).toEqual({ timeoutSeconds: 30 });
    expect(git(c.dir, 'log', '-1', '--format=%s', 'fleet/workspace')).toBe('Checks: "npm test" within 600 s');

    // An edit begun before that commit is refused as BRANCH_MOVED.
    const late = await c.call('saveCheckSettings', { checks: null, expectedTip: before });
    expect(late).toMatchObject({ ok: false, error: { code: 'BRANCH_MOVED' } });
    expect(git(c.dir, 'fsck', '--no-progress')).toBe('');
  });

  it('refuses to run when no check command is set, and names a deleted module branch, recording nothing', async () => {
    const c = await openApp();
    expect(await c.call('runChecks', { modules: ['fleet-hub'] })).toMatchObject({ ok: false, error: { code: 'CHECKS_NOT_CONFIGURED' } });
    await c.call('saveCheckSettings', { checks: { command: 'true', timeoutSeconds: 10 } });
    git(c.dir, 'branch', '-D', 'module/drivers-hub');
    const missing = await c.call('runChecks', { modules: ['fleet-hub', 'drivers-hub'] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'BRANCH_NOT_FOUND', message: expect.stringContaining('module/drivers-hub'), data: { moduleId: 'drivers-hub' } } });
    expect(await c.call('runChecks', { modules: ['nope'] })).toMatchObject({ ok: false, error: { code: 'MODULE_NOT_FOUND' } });
    expect(await c.call('runChecks', { modules: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(((await c.call('listChecks', {})).value as ChecksOverview).results).toEqual([]);
  });

  it('marks a result stale once the module branch moves past the checked commit', async () => {
    const c = await openApp({ watch: true });
    await c.call('saveCheckSettings', { checks: { command: 'true', timeoutSeconds: 10 } });
    const report = c.nextReport();
    await c.call('runChecks', { modules: ['fleet-hub'] });
    await report;
    const fresh = (await c.call('listChecks', { modules: ['fleet-hub'] })).value as ChecksOverview;
    expect(fresh.results).toMatchObject([{ moduleId: 'fleet-hub', commit: c.tip, stale: false }]);

    commitOnBranch(c.dir, 'module/fleet-hub', 'a later commit');
    const workspace = await Workspace.open(c.dir);
    const stale = await readCheckResults(workspace, c.appDataDir);
    expect(stale).toMatchObject([{ moduleId: 'fleet-hub', state: 'passed', commit: c.tip, stale: true }]);
    // The open app learns of the commit through its repository watcher.
    await expect.poll(async () => ((await c.call('listChecks', {})).value as ChecksOverview).results[0]!.stale, { timeout: 10_000 }).toBe(true);
  });

  it('takes modules asked for while a batch runs into the same job, running each module once', async () => {
    const c = await openApp();
    await c.call('saveCheckSettings', { checks: { command: 'sleep 1', timeoutSeconds: 10, concurrency: 1 } });
    const report = c.nextReport();
    const first = await c.call('runChecks', { modules: ['fleet-hub', 'drivers-hub'] });
    const second = await c.call('runChecks', { modules: ['drivers-hub', 'safety-hub'] });
    expect((second.value as { jobId: string }).jobId).toBe((first.value as { jobId: string }).jobId);
    const overview = (await c.call('listChecks', {})).value as ChecksOverview;
    expect(overview.active.map((a) => a.moduleId).sort()).toEqual(['drivers-hub', 'fleet-hub', 'safety-hub']);
    expect(await c.call('cancelCheck', { moduleId: 'safety-hub' })).toEqual({ ok: true, value: { cancelled: true } });
    const { results } = await report;
    expect(results.map((r) => r.moduleId).sort()).toEqual(['drivers-hub', 'fleet-hub']);

    // Asked again the moment the job has finished: a new job, not LOCKED and not lost in the old one.
    const nextReport = c.nextReport();
    const again = await c.call('runChecks', { modules: ['fleet-hub'] });
    expect(again).toMatchObject({ ok: true });
    expect((again.value as { jobId: string }).jobId).not.toBe((first.value as { jobId: string }).jobId);
    expect((await nextReport).results.map((r) => r.moduleId)).toEqual(['fleet-hub']);
  });

  it('removes checkout folders left behind by a process that ended without cleaning up', async () => {
    const c = await openApp();
    const folder = checkoutsDir(c, c.dir);
    const leftover = join(folder, '999999999-fleet-hub-dead');
    mkdirSync(join(leftover, 'node_modules'), { recursive: true });
    writeFileSync(join(leftover, 'node_modules', 'big.bin'), 'x');
    await c.call('saveCheckSettings', { checks: { command: 'true', timeoutSeconds: 10 } });
    const report = c.nextReport();
    await c.call('runChecks', { modules: 'all' });
    const { results } = await report;
    expect(results).toHaveLength(32);
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});
