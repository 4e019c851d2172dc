// `fleet-control check` runs as a child process of the built CLI on a workspace with a check script on one branch.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckSettings } from '../../../src/main/core/checks/check-settings';
import { Workspace } from '../../../src/main/core/workspace/workspace';
import type { CheckBatchReport } from '../../../src/shared/types-checks';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';
import { workspaceWithCheckScript, workTreeSnapshot } from '../core/checks/check-fixture';
import { ROOT, cliEnv, runCli, type CliResult } from './run-cli';

// The CLI as built into FLEET_OUT_DIR (parallel work) or out/.
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping the check command tests: ${CLI} is not built`);

let appData: string;
beforeAll(() => {
  appData = makeTempDir('fleet-cli-home-');
});
afterAll(cleanupTempDirs);

/** util-linux `script` gives the CLI a real terminal (a pty); without it the terminal test is skipped. */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs `fleet-control <args>` on a pseudo-terminal, typing `answer` and Enter. */
function runCliOnTerminal(args: string[], appDataDir: string, answer: string): Promise<CliResult> {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const line = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = execFile('script', ['-qec', line, '/dev/null'], { env: cliEnv(appDataDir), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(`${answer}\n`);
  });
}

describe.skipIf(!built)('fleet-control check', () => {
  it('runs the manifest\'s command on the chosen module branches, prints a line per module, and exits 1 unless all pass', async () => {
    const { dir, tip } = await workspaceWithCheckScript();
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: './check.sh', timeoutSeconds: 30 } });
    const before = workTreeSnapshot(dir);

    // The command came from a commit, not from this machine's user: --trust-commands confirms it.
    const passing = await runCli(['check', dir, '--modules', 'fleet-hub', '--trust-commands'], appData, CLI);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toBe('1 of 1 modules passed.\n');
    expect(passing.stderr).toMatch(new RegExp(`\\[1\\] fleet-hub  passed  \\d+\\.\\d s  ${tip.slice(0, 7)}`));

    // drivers-hub's branch has no check.sh: the shell's own message says so.
    const mixed = await runCli(['check', dir, '--modules', 'fleet-hub,drivers-hub', '--json'], appData, CLI);
    expect(mixed.code).toBe(1);
    const report = JSON.parse(mixed.stdout) as CheckBatchReport;
    expect(report.results.map((r) => [r.moduleId, r.state]).sort()).toEqual([
      ['drivers-hub', 'error'],
      ['fleet-hub', 'passed'],
    ]);
    expect(report.results.find((r) => r.moduleId === 'drivers-hub')!.message).toMatch(/check\.sh.*not found/);
    expect(workTreeSnapshot(dir)).toEqual(before);
  });

  it('refuses a command from the manifest nobody confirmed here without a terminal, naming it and --trust-commands; runs it with the flag', async () => {
    const { dir } = await workspaceWithCheckScript();
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: './check.sh', timeoutSeconds: 30 } });
    const home = makeTempDir('fleet-cli-home-');
    const refused = await runCli(['check', dir, '--modules', 'fleet-hub'], home, CLI);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('.fleet/manifest.json on fleet/workspace at ');
    expect(refused.stderr).toContain('  check (every module): ./check.sh\n');
    expect(refused.stderr).toMatch(/^error: The check command \(every module\) "\.\/check\.sh" has not been confirmed on this machine.*Nothing was run\. Pass --trust-commands to confirm it/m);
    expect(existsSync(join(home, 'workspaces'))).toBe(false);

    const trusted = await runCli(['check', dir, '--modules', 'fleet-hub', '--trust-commands'], home, CLI);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toBe('1 of 1 modules passed.\n');
    // Remembered: the next run needs no flag.
    expect((await runCli(['check', dir, '--modules', 'fleet-hub'], home, CLI)).code).toBe(0);
  });

  it.skipIf(!hasScript)('asks on a terminal: "n" runs nothing, "y" confirms and runs the command', async () => {
    const { dir } = await workspaceWithCheckScript();
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: './check.sh', timeoutSeconds: 30 } });
    const home = makeTempDir('fleet-cli-home-');
    // On a pty stdout and stderr arrive together.
    const declined = await runCliOnTerminal(['check', dir, '--modules', 'fleet-hub'], home, 'n');
    expect(declined.code).toBe(1);
    expect(declined.stdout).toContain('  check (every module): ./check.sh');
    expect(declined.stdout).toContain('Run these commands on this machine? [y/N] ');
    expect(declined.stdout).toContain('error: Not confirmed: nothing was run.');
    expect(existsSync(join(home, 'workspaces'))).toBe(false);

    const accepted = await runCliOnTerminal(['check', dir, '--modules', 'fleet-hub'], home, 'y');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('1 of 1 modules passed.');
  });

  it('refuses a call without modules as bad usage, and a repository without a check command with a clear error', async () => {
    const { dir } = await workspaceWithCheckScript();
    const usage = await runCli(['check', dir], appData, CLI);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('check needs either --modules a,b or --all');
    const unset = await runCli(['check', dir, '--all'], appData, CLI);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^error: No check command is set for this workspace/);
  });
});
