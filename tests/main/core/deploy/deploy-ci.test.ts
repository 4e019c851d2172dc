import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiSnapshot } from '../../../../src/shared/types-ci';
import type { DeployPlan } from '../../../../src/shared/types-deploy';
import { GitHubCiServer } from '../../../helpers/github-ci-server';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { deployApp, deployWorkspace, ok, whenFinished, type DeployApp } from './deploy-fixture';

const TOKEN = 'ghp_deploy_ci_test_token_0123456789ab';
let github: GitHubCiServer;
let dir: string;
let d: DeployApp;

const staging = (command: string) => ({ name: 'staging', from: 'integration', method: { type: 'command', command } });

beforeAll(async () => {
  ({ dir } = await deployWorkspace());
  github = await GitHubCiServer.start({ token: TOKEN, repository: 'acme/fleet' });
  git(dir, 'remote', 'add', 'origin', `${github.url}/acme/fleet.git`);
  d = deployApp({ remotesEnv: { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: TOKEN } });
  await d.app.openWorkspace(dir);
  await ok(d, 'saveDeployCredentials', { environment: 'staging', credentials: [{ name: 'DEPLOY_OUT', source: 'environment' }] });
});
afterAll(async () => {
  await d.app.dispose();
  await github.close();
  cleanupTempDirs();
});

describe('a deploy and the CI poller', () => {
  it('plans each merged module with the CI state the poller last read, and links its failing check', async () => {
    await ok(d, 'setEnvironments', { environments: [staging('node deploy.js staging')] });
    const before = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    // CI was never read in this session: the plan says nothing rather than guessing.
    expect(before.modules.map((m) => [m.moduleId, m.ci])).toEqual([['fleet-hub', null]]);

    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    github.branches.set('module/fleet-hub', tip);
    github.report(tip, [{ name: 'test', status: 'completed', conclusion: 'failure', summary: '1 failed' }]);
    const snapshot = await ok<CiSnapshot>(d, 'refreshCiStatus', {});
    const url = snapshot.status?.branches.find((b) => b.moduleId === 'fleet-hub')?.checks[0]?.url ?? null;
    expect(url).toMatch(/^http/);

    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    expect(plan.modules.find((m) => m.moduleId === 'fleet-hub')?.ci).toEqual({ state: 'failing', url });

    github.report(tip, [{ name: 'test', status: 'completed', conclusion: 'success' }]);
    await ok(d, 'refreshCiStatus', {});
    expect((await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' })).modules[0]?.ci?.state).toBe('passing');
  });

  it('keeps the poller following while a deploy runs, and lets go once it ends (here by a cancel)', async () => {
    await ok(d, 'setEnvironments', { environments: [staging('node deploy.js staging hang')] });
    expect((await ok<CiSnapshot>(d, 'getCiStatus', {})).polling.following).toEqual([]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    expect((await ok<CiSnapshot>(d, 'getCiStatus', {})).polling.following).toEqual(['deploy to staging']);
    // The next read chooses the visible pace, though nobody is looking.
    expect((await ok<CiSnapshot>(d, 'refreshCiStatus', {})).polling).toMatchObject({ reason: 'following', intervalMs: 60_000 });

    await expect.poll(() => d.output.join(''), { timeout: 10_000 }).toContain('deploying version 2');
    await ok(d, 'cancelDeploy', { deployId });
    expect((await whenFinished(d, deployId)).state).toBe('cancelled');
    await expect.poll(async () => (await ok<CiSnapshot>(d, 'getCiStatus', {})).polling.following).toEqual([]);
    expect((await ok<CiSnapshot>(d, 'refreshCiStatus', {})).polling.reason).toBe('idle');
  });
});
