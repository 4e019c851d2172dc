import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobFinished } from '../../../../src/shared/types';
import type { DeployLog, DeploymentList, DeployPlan, EnvironmentsView, ModuleDeployState } from '../../../../src/shared/types-deploy';
import { cleanupTempDirs, commitFiles, git } from '../../../helpers/git';
import { deployApp, deployToEnd, deployWorkspace, ok, whenFinished, type DeployApp } from './deploy-fixture';

const apps: DeployApp[] = [];
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  cleanupTempDirs();
});

const staging = (command = 'node deploy.js staging') => ({ name: 'staging', from: 'integration', method: { type: 'command', command } });

async function setUp(environments: unknown[]) {
  const { dir, integrationTip } = await deployWorkspace();
  const d = deployApp();
  apps.push(d);
  await d.app.openWorkspace(dir);
  await ok<EnvironmentsView>(d, 'setEnvironments', { environments });
  await ok(d, 'saveDeployCredentials', {
    environment: 'staging',
    credentials: [
      { name: 'DEPLOY_OUT', source: 'environment' },
      { name: 'DEPLOY_TOKEN', source: 'value', value: 'tok-staging-123' },
    ],
  });
  await ok(d, 'saveCommandEnvironment', { variables: [{ name: 'WS_SECRET_TOKEN', source: 'value', value: 'ws-secret', secret: true }], userGitConfig: false });
  return { dir, integrationTip, d };
}

/** The deployment log's files on the workspace branch, read with the git CLI. */
function logFiles(dir: string): string[] {
  return git(dir, 'ls-tree', '-r', '--name-only', 'fleet/workspace', '.fleet/deployments').split('\n').filter(Boolean);
}

describe('deploys with a command', () => {
  it('runs the command in a checkout of the integration tip with only its named credentials, and commits one record file', async () => {
    const { dir, integrationTip, d } = await setUp([staging()]);
    const { plan, run } = await deployToEnd(d, 'staging');
    expect(plan).toMatchObject({
      target: { kind: 'integration', branch: 'fleet/integration', commit: integrationTip },
      since: null,
      upToDate: false,
      confirmation: 'yes',
      untrusted: null,
      credentialNames: ['DEPLOY_OUT', 'DEPLOY_TOKEN'],
      blockers: [],
    });
    expect(plan.modules.map((m) => m.moduleId)).toEqual(['fleet-hub']);
    expect(run).toMatchObject({ state: 'succeeded', phase: 'finished', commit: integrationTip, modules: ['fleet-hub'], error: null });
    expect(run.steps).toEqual([expect.objectContaining({ name: 'Deploy command', state: 'succeeded' })]);

    const seen = JSON.parse(readFileSync(join(d.outDir, 'deployed-staging.json'), 'utf8'));
    // The named credential, never the app's other secrets nor the workspace's secret variables; the target's files.
    expect(seen).toEqual({ token: 'tok-staging-123', other: null, workspaceSecret: null, files: ['.github', 'README.md', 'deploy.js', 'enhancements', 'version.txt'], version: '2' });
    expect(d.output.join('')).toContain('deploying version 2');

    const files = logFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\.fleet\/deployments\/staging\/\d{8}T\d{6}Z-[0-9a-f]{12}\.json$/);
    expect(run.recorded).toEqual({ file: files[0], commit: git(dir, 'rev-parse', 'fleet/workspace') });
    const record = JSON.parse(git(dir, 'show', `fleet/workspace:${files[0]}`));
    expect(record).toMatchObject({ version: 1, id: run.deployId, environment: 'staging', method: 'command', commit: integrationTip, modules: ['fleet-hub'], outcome: 'succeeded', message: null, link: null });
    expect(record.by).toMatch(/<.+@.+>/);
    expect(record.durationMs).toBeGreaterThan(0);
    expect(JSON.stringify(record)).not.toContain('tok-staging-123');
    expect(git(dir, 'log', '-1', '--format=%s%n%b', 'fleet/workspace')).toContain(`Deploy staging: succeeded (${integrationTip.slice(0, 7)})`);
    git(dir, 'fsck', '--strict');

    // The module now shows as deployed to staging, and the next plan has nothing new.
    const states = await ok<ModuleDeployState[]>(d, 'listModuleDeployments', {});
    expect(states.find((s) => s.moduleId === 'fleet-hub')?.deployments).toEqual([
      { environment: 'staging', deployId: run.deployId, deployedAt: record.finishedAt, commit: integrationTip, current: true },
    ]);
    expect(states.find((s) => s.moduleId === 'drivers-hub')?.deployments).toEqual([]);
    const again = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    expect(again).toMatchObject({ upToDate: true, modules: [], since: { id: run.deployId } });
    const view = await ok<EnvironmentsView>(d, 'listEnvironments', {});
    expect(view.environments[0]).toMatchObject({ branch: 'fleet/integration', confirmation: 'yes', active: null, lastSucceeded: { id: run.deployId } });
  });

  it('records a failing command as failed (never as done) and keeps its log', async () => {
    const { dir, d } = await setUp([staging('node deploy.js staging fail')]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run).toMatchObject({ state: 'failed', phase: 'finished' });
    expect(run.message).toContain('exited with code 3');
    const record = JSON.parse(git(dir, 'show', `fleet/workspace:${logFiles(dir)[0]}`));
    expect(record).toMatchObject({ outcome: 'failed', message: 'The deploy command exited with code 3.' });
    const log = await ok<DeployLog>(d, 'readDeployLog', { deployId: run.deployId });
    expect(log).toMatchObject({ running: false });
    expect(log.text).toContain('deploy refused by the target');
    // A failed deploy is not a deployment of the module, and the next plan still lists it.
    const states = await ok<ModuleDeployState[]>(d, 'listModuleDeployments', {});
    expect(states.find((s) => s.moduleId === 'fleet-hub')?.deployments).toEqual([]);
    expect((await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' })).modules.map((m) => m.moduleId)).toEqual(['fleet-hub']);
  });

  it('cancels a running command: it is stopped and recorded as cancelled', async () => {
    const { dir, d } = await setUp([staging('node deploy.js staging hang')]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.output.join(''), { timeout: 10_000 }).toContain('deploying version 2');
    const second = await d.call('startDeploy', { environment: 'staging', commit: plan.target.commit });
    expect(second.error?.code).toBe('DEPLOY_RUNNING');
    expect(await ok(d, 'cancelDeploy', { deployId })).toEqual({ cancelled: true });
    const run = await whenFinished(d, deployId);
    expect(run.state).toBe('cancelled');
    expect(JSON.parse(git(dir, 'show', `fleet/workspace:${logFiles(dir)[0]}`))).toMatchObject({ outcome: 'cancelled' });
  });

  it('records deploys of two environments running at once as two files, neither lost', async () => {
    const qa = { name: 'qa', from: 'integration', method: { type: 'command', command: 'node deploy.js qa' } };
    const { dir, d } = await setUp([staging(), qa]);
    await ok(d, 'saveDeployCredentials', { environment: 'qa', credentials: [{ name: 'DEPLOY_OUT', source: 'environment' }] });
    const [a, b] = await Promise.all([deployToEnd(d, 'staging'), deployToEnd(d, 'qa')]);
    expect([a.run.state, b.run.state]).toEqual(['succeeded', 'succeeded']);
    const files = logFiles(dir);
    expect(files.map((f) => f.split('/')[2]).sort()).toEqual(['qa', 'staging']);
    const list = await ok<DeploymentList>(d, 'listDeployments', {});
    expect(list.records.map((r) => r.id).sort()).toEqual([a.run.deployId, b.run.deployId].sort());
    expect(readdirSync(d.outDir).sort()).toEqual(['deployed-qa.json', 'deployed-staging.json']);
  });
});

describe('the deployment runbook', () => {
  it('generates DEPLOYMENT_RUNBOOK.md from the environments and the deployment log, as a draft for review', async () => {
    const { integrationTip, d } = await setUp([staging(), { name: 'production', from: 'base', timeoutMinutes: 30, method: { type: 'github-actions', workflow: 'deploy.yml', inputs: { target: 'prod' } } }]);
    const { run } = await deployToEnd(d, 'staging');
    const finished = new Promise<JobFinished>((resolve) => d.app.onEvent((name, payload) => name === 'jobFinished' && resolve(payload as JobFinished)));
    await ok(d, 'generateWorkspaceReport', { name: 'DEPLOYMENT_RUNBOOK.md' });
    const job = await finished;
    expect(job).toMatchObject({ kind: 'report', ok: true });
    const text = (job.result as { content: string }).content;
    expect(text).toContain('# Deployment Runbook');
    expect(text).toContain('### staging');
    expect(text).toContain('the command "node deploy.js staging" in a temporary checkout');
    expect(text).toContain('Confirmation: type the name "production" (CLI: `--confirm production`)');
    expect(text).toContain('- Time limit: 30 min');
    expect(text).toContain('`target`=`prod`');
    expect(text).toContain(`| ${run.startedAt} | succeeded | \`${integrationTip.slice(0, 8)}\` | fleet-hub |`);
    expect(text).toContain('Never deployed successfully yet.');
    // A draft for review: nothing is committed until the user commits it.
    expect(await ok(d, 'getWorkspaceDraft', { name: 'DEPLOYMENT_RUNBOOK.md' })).toMatchObject({ content: text });
  });
});

describe('deploy refusals', () => {
  it('asks for the production name typed, refuses a moved branch and an unknown environment', async () => {
    const production = { name: 'production', from: 'base', method: { type: 'command', command: 'node -e 0' } };
    const { dir, d } = await setUp([staging(), production]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'production' });
    expect(plan).toMatchObject({ confirmation: 'name', target: { kind: 'base', branch: 'main' } });
    const missing = await d.call('startDeploy', { environment: 'production', commit: plan.target.commit });
    expect(missing.error).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(missing.error?.message).toContain('"production"');
    const wrong = await d.call('startDeploy', { environment: 'production', commit: plan.target.commit, confirm: 'prod' });
    expect(wrong.error?.message).toContain('"prod" does not match');
    const stagingPlan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    commitFiles(dir, { 'late.txt': 'x\n' }, 'late');
    git(dir, 'branch', '-f', 'fleet/integration', 'HEAD');
    const moved = await d.call('startDeploy', { environment: 'staging', commit: stagingPlan.target.commit });
    expect(moved.error).toMatchObject({ code: 'BRANCH_MOVED' });
    const unknown = await d.call('deployPlan', { environment: 'qa' });
    expect(unknown.error).toMatchObject({ code: 'ENVIRONMENT_NOT_FOUND' });
    expect(unknown.error?.message).toContain('staging, production');
    expect(logFiles(dir)).toEqual([]);
  });

  it('refuses a deploy command committed by someone else until it is confirmed on this machine', async () => {
    const { dir, d } = await setUp([]);
    // The environment arrives in the manifest through a commit made outside the app.
    const manifest = JSON.parse(git(dir, 'show', 'fleet/workspace:.fleet/manifest.json'));
    manifest.environments = [staging()];
    const worktree = `${dir}-ws`;
    git(dir, 'worktree', 'add', '-q', worktree, 'fleet/workspace');
    writeFileSync(join(worktree, '.fleet/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    git(worktree, 'commit', '-q', '-am', 'someone adds a deploy command');
    git(dir, 'worktree', 'remove', '--force', worktree);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    expect(plan.untrusted?.commands).toEqual([{ kind: 'deploy', scope: 'staging', command: 'node deploy.js staging', previous: null }]);
    const refused = await d.call('startDeploy', { environment: 'staging', commit: plan.target.commit });
    expect(refused.error).toMatchObject({ code: 'COMMAND_NOT_TRUSTED' });
    expect(refused.error?.message).toContain('The deploy command of environment staging');
    await ok(d, 'trustCommands', { commands: [{ kind: 'deploy', scope: 'staging', command: 'node deploy.js staging' }] });
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('succeeded');
  });

  it('refuses invalid environments, naming the field', async () => {
    const { d } = await setUp([]);
    const bad = await d.call('setEnvironments', {
      environments: [staging(), { name: 'staging', from: 'integration', method: { type: 'github-actions', workflow: 'deploy.txt' } }],
    });
    expect(bad.error?.code).toBe('INVALID_INPUT');
    expect(bad.error?.message).toContain('environments[1].method.workflow');
  });
});
