// Shared set-up for the deploy tests: an initialised workspace whose module/fleet-hub branch carries a deploy script
// (a node program that writes what it saw into a folder named by a credential), merged into the integration branch
// by the app's own merge; an app over it; and helpers to start a deploy and wait until it is recorded.

import { join } from 'node:path';
import { expect } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher } from '../../../../src/main/api';
import { initWorkspace } from '../../../../src/main/core/workspace/init';
import { mergeModules } from '../../../../src/main/core/merge/merge-modules';
import { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { DeployPlan, DeployRun } from '../../../../src/shared/types-deploy';
import { commitFiles, git, initRepo, makeTempDir, writeFiles } from '../../../helpers/git';

/** Writes deployed.json into $DEPLOY_OUT: the token it got, a secret it must not get, its files and version; `fail` exits 3. */
export const DEPLOY_SCRIPT = `const fs = require('fs');
const seen = {
  token: process.env.DEPLOY_TOKEN ?? null,
  other: process.env.OTHER_SECRET ?? null,
  workspaceSecret: process.env.WS_SECRET_TOKEN ?? null,
  files: fs.readdirSync('.').sort(),
  version: fs.readFileSync('version.txt', 'utf8').trim(),
};
fs.writeFileSync(require('path').join(process.env.DEPLOY_OUT, 'deployed-' + process.argv[2] + '.json'), JSON.stringify(seen));
console.log('deploying version ' + seen.version);
if (process.argv[3] === 'fail') { console.error('deploy refused by the target'); process.exit(3); }
if (process.argv[3] === 'hang') setInterval(() => {}, 1000);
`;

/** A deploy workflow with an input, and one that only runs on push. */
export const WORKFLOWS = {
  '.github/workflows/deploy.yml': 'name: Deploy\non:\n  workflow_dispatch:\n    inputs:\n      target:\n        required: true\n      dry_run:\n        default: "false"\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploy\n',
  '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo test\n',
};

/** A workspace with the deploy script on module/fleet-hub, merged into fleet/integration; returns the integration tip. */
export async function deployWorkspace(): Promise<{ dir: string; integrationTip: string }> {
  const dir = initRepo();
  commitFiles(dir, { 'README.md': '# fleet\n', 'version.txt': '1\n', ...WORKFLOWS }, 'first');
  await initWorkspace((await Workspace.open(dir)).repo);
  const worktree = join(makeTempDir('fleet-wt-'), 'wt');
  git(dir, 'worktree', 'add', '-q', worktree, 'module/fleet-hub');
  writeFiles(worktree, { 'deploy.js': DEPLOY_SCRIPT, 'version.txt': '2\n' });
  git(worktree, 'add', '-A');
  git(worktree, 'commit', '-q', '-m', 'deploy script');
  git(dir, 'worktree', 'remove', '--force', worktree);
  const report = await mergeModules(await Workspace.open(dir), { target: 'integration', modules: ['fleet-hub'] });
  expect(report.results[0]?.outcome).toBe('merged');
  return { dir, integrationTip: git(dir, 'rev-parse', 'fleet/integration') };
}

export interface DeployApp {
  app: FleetApp;
  appDataDir: string;
  outDir: string;
  call: (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; data?: Record<string, unknown> } }>;
  runs: DeployRun[];
  output: string[];
}

/** An app (sandbox off, so the script can write to `outDir`) whose environment holds DEPLOY_OUT and a secret it must not pass. */
export function deployApp(options: { remotesEnv?: NodeJS.ProcessEnv; pollMs?: number; startLimitMs?: number } = {}): DeployApp {
  const appDataDir = makeTempDir('fleet-appdata-');
  const outDir = makeTempDir('fleet-deploy-out-');
  const env = { ...process.env, DEPLOY_OUT: outDir, OTHER_SECRET: 'host-secret-value' };
  const app = createFleetApp({
    appDataDir,
    transport: 'browser',
    version: '0.0.0-test',
    log: () => undefined,
    watch: false,
    checks: { killGraceMs: 500 },
    launcher: { env, workRoot: makeTempDir('fleet-work-'), sandbox: 'off' },
    remotes: options.remotesEnv ? { env: options.remotesEnv } : undefined,
    deploy: { pollMs: options.pollMs ?? 20, startLimitMs: options.startLimitMs ?? 5000 },
  });
  const runs: DeployRun[] = [];
  const output: string[] = [];
  app.onEvent((name, payload) => {
    if (name === 'deployProgress') runs.push(payload as DeployRun);
    if (name === 'deployOutput') output.push((payload as { chunk: string }).chunk);
  });
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  return { app, appDataDir, outDir, runs, output, call: (method, input) => dispatcher.call(method, input) as ReturnType<DeployApp['call']> };
}

/** The value of a successful call (the test fails with the error's message otherwise). */
export async function ok<T>(d: DeployApp, method: string, input: unknown): Promise<T> {
  const answer = await d.call(method, input);
  if (!answer.ok) throw new Error(`${method} failed: ${answer.error?.code} ${answer.error?.message}`);
  return answer.value as T;
}

/** Resolves with the deploy's last event once it is recorded (phase finished). */
export function whenFinished(d: DeployApp, deployId: string): Promise<DeployRun> {
  return new Promise((resolve) => {
    const seen = d.runs.find((r) => r.deployId === deployId && r.phase === 'finished');
    if (seen) return resolve(seen);
    const off = d.app.onEvent((name, payload) => {
      const run = payload as DeployRun;
      if (name === 'deployProgress' && run.deployId === deployId && run.phase === 'finished') {
        off();
        resolve(run);
      }
    });
  });
}

/** Plans, starts and follows a deploy of `environment` to its end. */
export async function deployToEnd(d: DeployApp, environment: string, confirm?: string): Promise<{ plan: DeployPlan; run: DeployRun }> {
  const plan = await ok<DeployPlan>(d, 'deployPlan', { environment });
  const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment, commit: plan.target.commit, ...(confirm ? { confirm } : {}) });
  return { plan, run: await whenFinished(d, deployId) };
}
