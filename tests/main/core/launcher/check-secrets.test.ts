// The test through the app: keys and tokens given to the app by its environment, and a check command that
// reads its own environment, its ancestors' and every /proc/*/environ, and leaves a setsid sleeper behind. No
// secret appears in its output, the sleeper is gone when the check ends (or is cancelled), sandboxed or not.

import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckLog, CheckResult } from '../../../../src/shared/types-checks';
import type { CommandEnvironment } from '../../../../src/shared/types-launcher';
import { sandboxSupport } from '../../../../src/main/core/launcher/sandbox-probe';
import { cleanupTempDirs } from '../../../helpers/git';
import { checkApp, type CheckApp } from '../checks/check-fixture';
import { cleanupOutsideTmp, homeWithCredentials, hostEnv, processesWithMarker, SECRET_VALUES, SECRETS, uniqueSleep } from './launch-fixture';
import { seen, spyCommand, spyHash, workspaceWithSpy } from './spy-check';

const apps: CheckApp[] = [];
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  cleanupTempDirs();
  cleanupOutsideTmp();
});

const bubblewrap = (await sandboxSupport(process.env.PATH)).method === 'bubblewrap';

async function setUp(command: string, sandbox: 'auto' | 'off', extra: NodeJS.ProcessEnv = {}) {
  const dir = await workspaceWithSpy();
  const c = checkApp(hostEnv(homeWithCredentials(), extra), { sandbox });
  apps.push(c);
  await c.app.openWorkspace(dir);
  expect((await c.call('saveCheckSettings', { checks: { command, timeoutSeconds: 30 } })).ok).toBe(true);
  return c;
}

async function check(c: CheckApp): Promise<{ result: CheckResult; log: string }> {
  const report = c.nextReport();
  await c.call('runChecks', { modules: ['fleet-hub'] });
  const result = (await report).results[0]!;
  const log = ((await c.call('readCheckLog', { moduleId: 'fleet-hub' })).value as CheckLog).text ?? '';
  return { result, log };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * No secret given to the app in `text`, as itself or as the spy's hash of a value it found (the app redacts values it
 * knows from logs, so with `nothingRedacted` not even a redacted one).
 */
function expectNoSecret(text: string, nothingRedacted: boolean): void {
  for (const value of SECRET_VALUES) {
    expect(text).not.toContain(value);
    expect(text).not.toContain(spyHash(value));
  }
  if (nothingRedacted) expect(text).not.toContain('[redacted]');
}

describe.each(['auto', 'off'] as const)('a check command looking for secrets (sandbox %s)', (sandbox) => {
  it('finds none in its environment, its ancestors\' or any /proc/*/environ, and its setsid sleeper is gone after the check', async () => {
    const sleep = uniqueSleep();
    const c = await setUp(spyCommand(sleep), sandbox);
    const { result, log } = await check(c);
    expect(result.state).toBe('passed');
    const { ancestors, environs } = seen(log);
    expect(ancestors).toBeGreaterThan(0);
    expect(environs).toBeGreaterThan(0);
    expect(log).toMatch(/HOME#[0-9a-f]{16}/);
    // Unsandboxed, /proc also shows the rest of this machine's processes, whose own secrets the app may know and redact.
    expectNoSecret(log, sandbox === 'auto' && bubblewrap);
    expectNoSecret(c.outputs.map((o) => o.chunk).join(''), sandbox === 'auto' && bubblewrap);
    expect(processesWithMarker(sleep)).toEqual([]);
    if (sandbox === 'auto' && bubblewrap) expect(result.sandbox).toEqual({ method: 'bubblewrap', reason: null });
    if (sandbox === 'off') expect(result.sandbox).toEqual({ method: null, reason: 'the sandbox is turned off for this app' });
  });

  it('ends the setsid sleeper when the check is cancelled', async () => {
    const sleep = uniqueSleep();
    const c = await setUp(spyCommand(sleep, 'sleep 30'), sandbox);
    const report = c.nextReport();
    await c.call('runChecks', { modules: ['fleet-hub'] });
    await expect.poll(() => c.outputs.map((o) => o.chunk).join(''), { timeout: 15_000 }).toContain('SEEN');
    expect(processesWithMarker(sleep).length).toBeGreaterThan(0);
    expect(await c.call('cancelCheck', { moduleId: 'fleet-hub' })).toEqual({ ok: true, value: { cancelled: true } });
    expect((await report).results[0]).toMatchObject({ state: 'cancelled' });
    expect(processesWithMarker(sleep)).toEqual([]);
  });
});

describe('the workspace\'s command environment', () => {
  it('passes the variables the user added and a secret only when chosen as one, and the result names it', async () => {
    // Secrets are shown by a hash: the stored log and the events pass through the redaction step.
    const hash = (name: string) => `$(printf %s "$${name}" | sha256sum | cut -c1-16)`;
    const c = await setUp(`echo "[$PROJECT_MODE][${hash('NPM_TOKEN')}][$GITHUB_TOKEN][${hash('DEPLOY_KEY')}]"`, 'auto');
    const refused = await c.call('saveCommandEnvironment', { variables: [{ name: 'NPM_TOKEN', source: 'environment' }], userGitConfig: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.error!.message).toContain('NPM_TOKEN looks like a secret');
    const saved = await c.call('saveCommandEnvironment', {
      variables: [
        { name: 'PROJECT_MODE', source: 'value', value: 'ci' },
        { name: 'NPM_TOKEN', source: 'environment', secret: true },
        { name: 'DEPLOY_KEY', source: 'value', value: 'stored-deploy-key', secret: true },
      ],
      userGitConfig: false,
    });
    expect(saved.ok).toBe(true);
    const view = saved.value as CommandEnvironment;
    expect(view.variables).toEqual([
      { name: 'PROJECT_MODE', source: 'value', value: 'ci', secret: false, hasValue: true },
      { name: 'NPM_TOKEN', source: 'environment', value: null, secret: true, hasValue: false },
      { name: 'DEPLOY_KEY', source: 'value', value: null, secret: true, hasValue: true },
    ]);
    expect(JSON.stringify(view)).not.toContain('stored-deploy-key');
    const { result, log } = await check(c);
    expect(log).toBe(`[ci][${sha256(SECRETS.NPM_TOKEN!)}][][${sha256('stored-deploy-key')}]\n`);
    expect(result.secretNames).toEqual(['DEPLOY_KEY', 'NPM_TOKEN']);
  });
});
