import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import type { CheckResult, ChecksOverview, CheckLog } from '../../../../src/shared/types-checks';
import { cleanupTempDirs } from '../../../helpers/git';
import { checkApp, checkoutsDir, processesWithMarker, workspaceWithCheckScript, workTreeSnapshot, type CheckApp } from './check-fixture';

const apps: CheckApp[] = [];
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  cleanupTempDirs();
});

/** An app over a fresh workspace whose checks run `command` within `timeoutSeconds`. */
async function setUp(command: string, timeoutSeconds = 20, env?: NodeJS.ProcessEnv) {
  const { dir, tip } = await workspaceWithCheckScript();
  const checks = checkApp(env);
  apps.push(checks);
  await checks.app.openWorkspace(dir);
  const saved = await checks.call('saveCheckSettings', { checks: { command, timeoutSeconds } });
  expect(saved.ok).toBe(true);
  return { dir, tip, ...checks };
}

async function checkModule(c: CheckApp, moduleId = 'fleet-hub'): Promise<CheckResult> {
  const report = c.nextReport();
  const started = await c.call('runChecks', { modules: [moduleId] });
  expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
  const { results } = await report;
  return results.find((r) => r.moduleId === moduleId)!;
}

function checkoutsLeft(c: CheckApp, dir: string): string[] {
  const folder = checkoutsDir(c, dir);
  return existsSync(folder) ? readdirSync(folder) : [];
}

/** A node process that runs until stopped, found on the host by `marker` in its command line. */
function hangingNode(marker: string): string {
  return `node -e "setInterval(() => {}, 1000)" ${marker}`;
}

describe('checks on a module branch', () => {
  it('passes a committed executable script that reads a symlinked file: the checkout has the branch content and modes', async () => {
    const c = await setUp('./check.sh');
    const before = workTreeSnapshot(c.dir);
    const result = await checkModule(c);
    expect(result).toMatchObject({ moduleId: 'fleet-hub', state: 'passed', exitCode: 0, commit: c.tip, command: './check.sh' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const log = (await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog;
    expect(log).toEqual({ moduleId: 'fleet-hub', text: 'branch data: module branch content\n', running: false });
    expect(c.outputs.map((o) => o.chunk).join('')).toBe('branch data: module branch content\n');
    expect(c.statuses.map((s) => s.state)).toEqual(['queued', 'running', 'passed']);
    // The user's repository is untouched and the temporary checkout is gone.
    expect(workTreeSnapshot(c.dir)).toEqual(before);
    expect(checkoutsLeft(c, c.dir)).toEqual([]);
    const overview = (await c.call('listChecks', {})).value as ChecksOverview;
    expect(overview).toMatchObject({ active: [], jobId: null, results: [{ moduleId: 'fleet-hub', state: 'passed', stale: false }] });
  });

  it('records a failing command as failed with its exit code', async () => {
    const c = await setUp('echo "2 tests failed"; exit 3');
    const result = await checkModule(c);
    expect(result).toMatchObject({ state: 'failed', exitCode: 3, message: 'Exited with code 3.' });
    expect(((await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog).text).toBe('2 tests failed\n');
  });

  it('stops a command that outlives its time limit, with every process it started, and records it as timed out', async () => {
    const marker = `hang-${Date.now()}-${Math.random()}`;
    const c = await setUp(`echo started; ${hangingNode(marker)}`, 1);
    const result = await checkModule(c);
    expect(result).toMatchObject({ state: 'timed-out', message: 'Stopped after 1 s, the time limit.' });
    expect(result.durationMs).toBeGreaterThanOrEqual(1000);
    expect(result.durationMs).toBeLessThan(15_000);
    expect(processesWithMarker(marker)).toEqual([]);
    expect(checkoutsLeft(c, c.dir)).toEqual([]);
  });

  it('reports a command that does not exist as an error with the shell\'s own message', async () => {
    const c = await setUp('no-such-test-runner --all');
    const result = await checkModule(c);
    expect(result.state).toBe('error');
    expect(result.exitCode).toBe(127);
    expect(result.message).toMatch(/no-such-test-runner.*not found/);
  });

  it('keeps the head and tail of megabytes of output, sending and storing a bounded log', async () => {
    const c = await setUp(`node -e "process.stdout.write('BEGIN' + 'x'.repeat(8 * 1024 * 1024) + 'END')"`);
    const result = await checkModule(c);
    expect(result.state).toBe('passed');
    const text = ((await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog).text!;
    expect(text.startsWith('BEGIN')).toBe(true);
    expect(text.endsWith('END')).toBe(true);
    expect(text).toMatch(/… \d+ bytes omitted …/);
    expect(text.length).toBeLessThan(300 * 1024);
    const streamed = c.outputs.reduce((sum, o) => sum + o.chunk.length, 0);
    expect(streamed).toBeLessThan(8 * 1024 * 1024);
    // Coalesced: at most one event per 50 ms interval (this app's setting) while it ran, plus the final flush.
    expect(c.outputs.length).toBeLessThanOrEqual(Math.ceil(result.durationMs / 50) + 2);
  });

  it('cancels a running check: its process is stopped and the result says cancelled', async () => {
    const marker = `cancel-${Date.now()}-${Math.random()}`;
    const c = await setUp(hangingNode(marker));
    const report = c.nextReport();
    await c.call('runChecks', { modules: ['fleet-hub'] });
    await expect.poll(() => processesWithMarker(marker).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const log = (await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog;
    expect(log.running).toBe(true);
    expect(await c.call('cancelCheck', { moduleId: 'fleet-hub' })).toEqual({ ok: true, value: { cancelled: true } });
    const { results } = await report;
    expect(results[0]).toMatchObject({ moduleId: 'fleet-hub', state: 'cancelled' });
    expect(processesWithMarker(marker)).toEqual([]);
    expect(checkoutsLeft(c, c.dir)).toEqual([]);
  });

  it('never passes the app\'s keys or tokens to the command, only the allow-listed variables', async () => {
    const env = { ...process.env, XAI_API_KEY: 'xai-secret', FLEET_GIT_TOKEN: 'git-secret', FLEET_GIT_TOKEN_ORIGIN: 'origin-secret', CHECK_UNLISTED: 'unlisted', LANG: 'C.UTF-8' };
    const c = await setUp('echo "[$XAI_API_KEY][$FLEET_GIT_TOKEN][$FLEET_GIT_TOKEN_ORIGIN][$CHECK_UNLISTED][$LANG]"', 20, env);
    expect((await checkModule(c)).state).toBe('passed');
    expect(((await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog).text).toBe('[][][][][C.UTF-8]\n');
  });

  it('runs a batch of modules a few at a time as one job with progress, each on its own branch', async () => {
    const c = await setUp('git --version > /dev/null 2>&1; test -f README.md && echo ok');
    const modules = ['fleet-hub', 'drivers-hub', 'safety-hub'];
    const progress: number[] = [];
    c.app.onEvent((name, payload) => {
      if (name === 'jobProgress') progress.push((payload as { done: number }).done);
    });
    const report = c.nextReport();
    await c.call('runChecks', { modules });
    const { results, skipped, cancelled } = await report;
    expect(cancelled).toBe(false);
    expect(skipped).toEqual([]);
    expect(results.map((r) => r.moduleId).sort()).toEqual([...modules].sort());
    expect(results.every((r) => r.state === 'passed')).toBe(true);
    expect(progress[progress.length - 1]).toBe(3);
    // The default concurrency is 2: never three running at once.
    let running = 0;
    let peak = 0;
    for (const s of c.statuses) {
      if (s.state === 'running') peak = Math.max(peak, ++running);
      else if (s.state !== 'queued') running--;
    }
    expect(peak).toBe(2);
  });
});
