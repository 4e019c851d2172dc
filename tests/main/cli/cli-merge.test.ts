// `fleet-control forecast` and `fleet-control merge` run as child processes of the built CLI on the merge fixture.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_FILE_NAMES } from '../../../src/shared/documents';
import { cleanupTempDirs, git, makeTempDir, writeFiles } from '../../helpers/git';
import { mergeFixture } from '../core/merge/merge-fixture';
import { ROOT, cliEnv, runCli, type CliResult } from './run-cli';

// The CLI as built into FLEET_OUT_DIR (parallel work) or out/.
const CLI = join(ROOT, process.env.FLEET_OUT_DIR || 'out', 'main', 'cli.js');
const built = existsSync(CLI);
if (!built) console.warn(`skipping the forecast and merge command tests: ${CLI} is not built`);

let appData: string;
beforeAll(() => {
  appData = makeTempDir('fleet-cli-home-');
});
afterAll(cleanupTempDirs);

/** Runs the CLI with `input` on stdin (then closed), for the confirmation question. */
function runWithInput(args: string[], input: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: cliEnv(appData), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

describe.skipIf(!built)('fleet-control forecast and merge', () => {
  it('forecast prints each module, the overlap matrix and the order, and exits 1 when a module conflicts', async () => {
    const { dir } = await mergeFixture();
    const result = await runCli(['forecast', dir], appData, CLI);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Forecast: 32 modules into fleet\/integration \(new, from the base at [0-9a-f]{7}\)/);
    expect(result.stdout).toMatch(/fleet-hub\s+conflicts\s+shared\/config\.ts \(content\)/);
    expect(result.stdout).toMatch(/cost-analytics\s+missing\s+module\/cost-analytics does not exist/);
    expect(result.stdout).toContain('procurement-hub + compliance-hub: src/b.ts');
    expect(result.stdout).toMatch(/1\. resolve first \(conflicts with the target\): fleet-hub, safety-hub/);
    expect(result.stdout).toMatch(/compliance-hub conflicts once procurement-hub merged: src\/b\.ts/);
    const json = await runCli(['forecast', dir, '--target', 'base', '--json'], appData, CLI);
    expect(JSON.parse(json.stdout)).toMatchObject({ target: { kind: 'base', branch: 'main' } });
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
  });

  it('merge --yes merges the chosen modules in the suggested order and exits 0; a conflicting one stops the run with exit 1', async () => {
    const { dir } = await mergeFixture();
    const clean = await runCli(['merge', dir, '--modules', 'inventory,drivers-hub', '--yes'], appData, CLI);
    expect(clean.stderr).toContain('[0/2] Merging');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/Merged 2 of 2 modules into fleet\/integration \(now at [0-9a-f]{7}\)/);
    git(dir, 'merge-base', '--is-ancestor', 'module/inventory', 'fleet/integration');
    git(dir, 'merge-base', '--is-ancestor', 'module/drivers-hub', 'fleet/integration');

    const stopped = await runCli(['merge', dir, '--modules', 'fleet-hub,maintenance-hub', '--yes'], appData, CLI);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/merged\s+maintenance-hub/);
    expect(stopped.stdout).toMatch(/conflicts\s+fleet-hub\s+module\/fleet-hub conflicts with fleet\/integration in shared\/config\.ts/);
    expect(stopped.stdout).toContain('Stopped: nothing was written');
  });

  it('refuses bad usage and a checked-out base branch with one clear line', async () => {
    const { dir } = await mergeFixture();
    const neither = await runCli(['merge', dir], appData, CLI);
    expect(neither).toMatchObject({ code: 2 });
    expect(neither.stderr).toMatch(/^error: merge needs either --modules a,b or --ready/);
    const badTarget = await runCli(['forecast', dir, '--target', 'trunk'], appData, CLI);
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toMatch(/--target must be base or integration, got "trunk"/);
    const checkedOut = await runCli(['merge', dir, '--modules', 'inventory', '--target', 'base', '--yes'], appData, CLI);
    expect(checkedOut.code).toBe(1);
    expect(checkedOut.stderr).toMatch(/^error: main is checked out in a working tree.*fleet\/integration instead/);
    const unconfirmed = await runWithInput(['merge', dir, '--modules', 'inventory'], 'n\n');
    expect(unconfirmed.stderr).toContain('Merge 1 module into fleet/integration in this order: inventory? [y/N]');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('Not confirmed: nothing was merged.');
    expect(git(dir, 'branch', '--list', 'fleet/integration')).toBe('');
  });

  it('merge --ready merges only the modules whose documents are all written', async () => {
    const { dir } = await mergeFixture();
    git(dir, 'checkout', '-q', 'module/maintenance-hub');
    writeFiles(dir, Object.fromEntries(Object.values(DOC_FILE_NAMES).map((name) => [`enhancements/maintenance-hub/${name}`, `# ${name}\n\nWritten for real.\n`])));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'maintenance: every document written');
    git(dir, 'checkout', '-q', 'main');
    const result = await runCli(['merge', dir, '--ready', '--yes'], appData, CLI);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Merged 1 of 1 modules into fleet\/integration/);
    expect(result.stdout).toMatch(/merged\s+maintenance-hub/);
    git(dir, 'merge-base', '--is-ancestor', 'module/maintenance-hub', 'fleet/integration');
    const again = await runCli(['merge', dir, '--ready', '--yes'], appData, CLI);
    expect(again.stdout).toContain('No module is ready to merge');
  });
});
