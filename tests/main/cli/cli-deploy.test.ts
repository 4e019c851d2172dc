// `fleet-control deploy` as a real process (the built CLI) over a workspace with command environments: the plan on
// stderr, the run followed to the end, --json, the exit code (0 only for a success), the confirmation rules
// (--yes; --confirm NAME where the environment asks for its name) and the consent to a deploy command.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployPlan, DeployRun } from '../../../src/shared/types-deploy';
import { cleanupTempDirs, git, makeTempDir } from '../../helpers/git';
import { deployApp, deployWorkspace, ok } from '../core/deploy/deploy-fixture';
import { ensureBuiltCli, runCli } from './run-cli';

const notBuilt = ensureBuiltCli();
if (notBuilt) console.warn(`skipping the deploy command tests: ${notBuilt}`);

let dir: string;
let integrationTip: string;

beforeAll(async () => {
  ({ dir, integrationTip } = await deployWorkspace());
  // The environments are committed from another machine's app: this CLI's home has confirmed none of their commands.
  const other = deployApp();
  await other.app.openWorkspace(dir);
  await ok(other, 'setEnvironments', {
    environments: [
      { name: 'staging', from: 'integration', method: { type: 'command', command: 'node -e "console.log(\'shipped to staging\')"' } },
      { name: 'broken', from: 'integration', method: { type: 'command', command: 'node -e "console.error(\'target refused\'); process.exit(4)"' } },
      { name: 'production', from: 'base', method: { type: 'command', command: 'node -e 0' } },
    ],
  });
  await other.app.dispose();
});
afterAll(() => cleanupTempDirs());

function recordAt(file: string): Record<string, unknown> {
  return JSON.parse(git(dir, 'show', `fleet/workspace:${file}`));
}

describe.skipIf(notBuilt)('fleet-control deploy', () => {
  it('prints the plan, follows the deploy to success with --yes --json, exits 0 and the record is committed', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const result = await runCli(['deploy', dir, '--env', 'staging', '--yes', '--json', '--trust-commands'], home);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Deploy staging: the command');
    expect(result.stderr).toContain('module fleet-hub: no check');
    expect(result.stderr).toContain('shipped to staging');
    const { plan, run } = JSON.parse(result.stdout) as { plan: DeployPlan; run: DeployRun };
    expect(plan.target.commit).toBe(integrationTip);
    expect(run).toMatchObject({ state: 'succeeded', modules: ['fleet-hub'] });
    expect(recordAt(run.recorded!.file)).toMatchObject({ outcome: 'succeeded', environment: 'staging', commit: integrationTip });
  });

  it('exits 1 when the deploy fails, and records it as failed', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const result = await runCli(['deploy', dir, '--env', 'broken', '--yes', '--trust-commands'], home);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('The deploy of broken failed: The deploy command exited with code 4.');
    expect(result.stderr).toContain('target refused');
    const file = result.stderr.match(/recorded in (\S+)/)?.[1];
    expect(recordAt(file!)).toMatchObject({ outcome: 'failed' });
  });

  it('needs a yes, the name typed for production, and the deploy command confirmed, without a terminal', async () => {
    const home = makeTempDir('fleet-cli-home-');
    const noYes = await runCli(['deploy', dir, '--env', 'staging', '--trust-commands'], home);
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toContain('needs a yes: pass --yes');
    const noName = await runCli(['deploy', dir, '--env', 'production', '--yes', '--trust-commands'], home);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain('pass --confirm production');
    const wrongName = await runCli(['deploy', dir, '--env', 'production', '--confirm', 'prod', '--trust-commands'], home);
    expect(wrongName.code).toBe(1);
    expect(wrongName.stderr).toContain('"prod" does not match');
    const untrusted = await runCli(['deploy', dir, '--env', 'production', '--confirm', 'production'], home);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('deploy (environment production): node -e 0');
    expect(untrusted.stderr).toContain('Pass --trust-commands');
    const named = await runCli(['deploy', dir, '--env', 'production', '--confirm', 'production', '--trust-commands'], home);
    expect(named.code, named.stderr).toBe(0);
    const missing = await runCli(['deploy', dir], home);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('deploy needs --env NAME');
  });
});
