// The command line as real processes with keys and tokens in its environment: `check` and `serve` run again
// without them (the first process only waits and forwards signals), so a check command finds no secret by any
// route and leaves no sleeper, while a secret the user chose for the workspace still reaches it.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveCheckSettings } from '../../../../src/main/core/checks/check-settings';
import { CheckStore } from '../../../../src/main/core/checks/check-store';
import { CommandEnvStore } from '../../../../src/main/core/launcher/command-env-store';
import { sandboxSupport } from '../../../../src/main/core/launcher/sandbox-probe';
import { FileSecretStore } from '../../../../src/main/core/remotes/secret-store';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { CheckBatchReport } from '../../../../src/shared/types-checks';
import { cleanupTempDirs, GIT_ENV, initRepo, commitFiles } from '../../../helpers/git';
import { ROOT } from '../../cli/run-cli';
import { cleanupOutsideTmp, homeWithCredentials, outsideTmp, processesWithMarker, SECRET_VALUES, SECRETS, uniqueSleep } from './launch-fixture';
import { seen, spyCommand, spyHash, workspaceWithSpy } from './spy-check';

const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping the command line's secret tests: ${CLI} is not built`);
const bubblewrap = (await sandboxSupport(process.env.PATH)).method === 'bubblewrap';
if (!bubblewrap) console.warn('skipping the command line check test: without bubblewrap the waiting process (which holds the keys) is visible to the command');

afterAll(() => {
  cleanupTempDirs();
  cleanupOutsideTmp();
});

/** The CLI's environment: a temp home and app-data folder, a git identity, and every secret. */
function cliEnv(appData: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, HOME: homeWithCredentials(), FLEET_CONTROL_HOME: appData, ...SECRETS };
  delete env.FLEET_DEBUG;
  return env;
}

function runCheck(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'check', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Host processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(!built)('the command line with keys in its environment', () => {
  it.skipIf(!bubblewrap)('check: the command finds no secret in any environment it can reach, and its setsid sleeper is gone', async () => {
    const dir = await workspaceWithSpy();
    const sleep = uniqueSleep();
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: spyCommand(sleep), timeoutSeconds: 30 } });
    const appData = outsideTmp('fleet-cli-appdata-');
    const env = cliEnv(appData);
    const { code, stdout, stderr } = await runCheck([dir, '--modules', 'fleet-hub', '--json', '--trust-commands'], env);
    expect(stderr).toContain('fleet-hub  passed');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CheckBatchReport;
    expect(report.results[0]).toMatchObject({ state: 'passed', sandbox: { method: 'bubblewrap', reason: null } });
    const log = readFileSync(join(CheckStore.forWorkspace(appData, dir).dir, 'logs', 'fleet-hub.log'), 'utf8');
    expect(seen(log).ancestors).toBeGreaterThan(0);
    // As itself or as the spy's hash of a value it found (the app redacts the values it knows from its logs).
    for (const value of SECRET_VALUES) {
      expect(log).not.toContain(value);
      expect(log).not.toContain(spyHash(value));
      expect(stdout + stderr).not.toContain(value);
    }
    expect(log).not.toContain('[redacted]');
    expect(log).toContain(`HOME#${spyHash(env.HOME!)}`);
    expect(processesWithMarker(sleep)).toEqual([]);
  });

  it('check: a secret the user chose for the workspace reaches the command from the handed-over keys', async () => {
    const dir = await workspaceWithSpy();
    // Shown by a hash: the stored log passes through the redaction step.
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: 'echo "[$(printf %s "$NPM_TOKEN" | sha256sum | cut -c1-16)][$GITHUB_TOKEN]"', timeoutSeconds: 30 } });
    const appData = outsideTmp('fleet-cli-appdata-');
    await new CommandEnvStore(appData, new FileSecretStore(appData)).save(dir, { variables: [{ name: 'NPM_TOKEN', source: 'environment', secret: true }], userGitConfig: false });
    const { code } = await runCheck([dir, '--modules', 'fleet-hub', '--trust-commands'], cliEnv(appData));
    expect(code).toBe(0);
    const log = readFileSync(join(CheckStore.forWorkspace(appData, dir).dir, 'logs', 'fleet-hub.log'), 'utf8');
    expect(log).toBe(`[${createHash('sha256').update(SECRETS.NPM_TOKEN!).digest('hex').slice(0, 16)}][]\n`);
  });

  it('serve: the process doing the work holds no key in its environment block, and Ctrl+C to the waiter stops both', async () => {
    const repo = initRepo();
    commitFiles(repo, { 'README.md': '# x\n' }, 'first');
    const waiter: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', repo], { env: cliEnv(outsideTmp('fleet-cli-appdata-')), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => waiter.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      await new Promise<void>((resolve, reject) => {
        waiter.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is serving') && resolve());
        void exited.then(() => reject(new Error('serve exited before serving')));
      });
      const [worker] = childrenOf(waiter.pid!);
      expect(worker).toBeDefined();
      const environ = readFileSync(`/proc/${worker}/environ`, 'latin1');
      expect(environ).toContain('FLEET_CONTROL_HANDOVER=3');
      for (const value of SECRET_VALUES) expect(environ).not.toContain(value);
      // The waiter itself still holds them (Node cannot replace its own environment block): see ARCHITECTURE.md.
      expect(readFileSync(`/proc/${waiter.pid}/environ`, 'latin1')).toContain(SECRETS.XAI_API_KEY);
      waiter.kill('SIGINT');
      expect(await exited).toEqual({ code: 0, signal: null });
      await expect.poll(() => existsSync(`/proc/${worker}`) && !readFileSync(`/proc/${worker}/stat`, 'latin1').includes(') Z '), { timeout: 5000 }).toBe(false);
    } finally {
      waiter.kill('SIGKILL');
    }
  });
});
