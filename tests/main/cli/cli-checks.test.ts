// `fleet-control check` runs as a child process of the built CLI on a workspace with a check script on one branch.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCheckSettings } from '../../../src/main/core/checks/check-settings';
import { Workspace } from '../../../src/main/core/workspace/workspace';
import type { CheckBatchReport } from '../../../src/shared/types-checks';
import { cleanupTempDirs, makeTempDir } from '../../helpers/git';
import { workspaceWithCheckScript, workTreeSnapshot } from '../core/checks/check-fixture';
import { ROOT, runCli } from './run-cli';

// The CLI as built into FLEET_OUT_DIR (parallel work) or out/.
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping the check command tests: ${CLI} is not built`);

let appData: string;
beforeAll(() => {
  appData = makeTempDir('fleet-cli-home-');
});
afterAll(cleanupTempDirs);

describe.skipIf(!built)('fleet-control check', () => {
  it('runs the manifest\'s command on the chosen module branches, prints a line per module, and exits 1 unless all pass', async () => {
    const { dir, tip } = await workspaceWithCheckScript();
    await saveCheckSettings(await Workspace.open(dir), { checks: { command: './check.sh', timeoutSeconds: 30 } });
    const before = workTreeSnapshot(dir);

    const passing = await runCli(['check', dir, '--modules', 'fleet-hub'], appData, CLI);
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
