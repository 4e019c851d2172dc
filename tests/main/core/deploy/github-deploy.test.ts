import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeployPlan } from '../../../../src/shared/types-deploy';
import { GitHubCiServer } from '../../../helpers/github-ci-server';
import { addDeployRoutes, runScript, type DeployRoutes } from '../../../helpers/github-deploy-routes';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { deployApp, deployToEnd, deployWorkspace, ok, whenFinished, type DeployApp } from './deploy-fixture';

const TOKEN = 'ghp_deploy_test_token_0123456789abcdef';
let github: GitHubCiServer;
let routes: DeployRoutes;
let dir: string;
let integrationTip: string;
const apps: DeployApp[] = [];

const staging = (method: Record<string, unknown> = {}) => ({
  name: 'staging',
  from: 'integration',
  method: { type: 'github-actions', workflow: 'deploy.yml', inputs: { target: 'staging' }, ...method },
});

beforeAll(async () => {
  ({ dir, integrationTip } = await deployWorkspace());
  github = await GitHubCiServer.start({ token: TOKEN, repository: 'acme/fleet' });
  git(dir, 'remote', 'add', 'origin', `${github.url}/acme/fleet.git`);
  routes = addDeployRoutes(github);
});
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  await github.close();
  cleanupTempDirs();
});
beforeEach(() => {
  github.branches.clear();
  github.branches.set('fleet/integration', integrationTip);
  github.branches.set('main', git(dir, 'rev-parse', 'main'));
  github.permissions = new Set(['checks', 'statuses', 'actions', 'actions-write']);
  github.remaining.core = 5000;
  github.requests.length = 0;
  routes.runs.length = 0;
  routes.script = runScript('success');
  routes.dispatchApi = 'current';
});

/** An app over the workspace (a fresh app-data folder each time) with the environments set. */
async function setUp(environments: unknown[], token: string | null = TOKEN, startLimitMs?: number): Promise<DeployApp> {
  const host = new URL(github.url).host;
  const d = deployApp({ remotesEnv: { FLEET_GITHUB_HOSTS: host, ...(token ? { FLEET_GIT_TOKEN_ORIGIN: token } : {}) }, startLimitMs });
  apps.push(d);
  await d.app.openWorkspace(dir);
  await ok(d, 'setEnvironments', { environments });
  return d;
}

/** The deployment record committed for a deploy, read back with the git CLI. */
function committedRecord(file: string): Record<string, unknown> {
  return JSON.parse(git(dir, 'show', `fleet/workspace:${file}`));
}

describe('deploys through GitHub Actions', () => {
  it('dispatches the workflow on the integration branch with its inputs and follows the run through its jobs to success', async () => {
    const d = await setUp([staging()]);
    const { plan, run } = await deployToEnd(d, 'staging');
    expect(plan.blockers).toEqual([]);
    expect(plan.environment.describe).toBe('GitHub Actions workflow deploy.yml');
    expect(run).toMatchObject({ state: 'succeeded', method: 'github-actions', error: null });
    const dispatch = github.requestsTo(/\/dispatches$/);
    expect(dispatch).toHaveLength(1);
    expect(dispatch[0]!.path).toBe('/repos/acme/fleet/actions/workflows/deploy.yml/dispatches');
    expect(dispatch[0]!.body).toEqual({ ref: 'fleet/integration', inputs: { target: 'staging' }, return_run_details: true });
    expect(dispatch[0]!.headers['x-github-api-version']).toBe('2022-11-28');
    const runUrl = `${github.url}/acme/fleet/actions/runs/4001`;
    expect(run.links).toEqual([{ label: 'GitHub Actions run 4001', url: runUrl }]);
    expect(run.steps.map((s) => [s.name, s.state])).toEqual([
      ['build', 'succeeded'],
      ['deploy', 'succeeded'],
    ]);
    // The progress went through waiting (queued) and running with the jobs, in that order.
    const phases = d.runs.filter((r) => r.deployId === run.deployId).map((r) => r.phase);
    expect(phases.indexOf('waiting')).toBeLessThan(phases.indexOf('running'));
    expect(d.runs.some((r) => r.steps.some((s) => s.name === 'deploy' && s.state === 'running'))).toBe(true);
    expect(committedRecord(run.recorded!.file)).toMatchObject({ outcome: 'succeeded', method: 'github-actions', link: runUrl, commit: integrationTip, modules: ['fleet-hub'] });
    expect(git(dir, 'show', `fleet/workspace:${run.recorded!.file}`)).not.toContain(TOKEN);
  });

  it('finds the run by listing when the server predates return_run_details', async () => {
    routes.dispatchApi = 'legacy';
    const d = await setUp([staging()]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('succeeded');
    const bodies = github.requestsTo(/\/dispatches$/).map((r) => r.body);
    expect(bodies).toEqual([
      { ref: 'fleet/integration', inputs: { target: 'staging' }, return_run_details: true },
      { ref: 'fleet/integration', inputs: { target: 'staging' } },
    ]);
    expect(github.requestsTo(/\/workflows\/77\/runs$/).some((r) => r.query.get('head_sha') === integrationTip)).toBe(true);
  });

  it('records a failed run as failed with its link', async () => {
    routes.script = runScript('failure');
    const d = await setUp([staging()]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run).toMatchObject({ state: 'failed', message: 'The deploy of staging failed: Run 4001 of deploy.yml concluded failure.' });
    expect(committedRecord(run.recorded!.file)).toMatchObject({ outcome: 'failed', link: `${github.url}/acme/fleet/actions/runs/4001` });
  });

  it('cancels the run on GitHub when the deploy is cancelled, and one cancelled on GitHub ends as cancelled', async () => {
    routes.script = runScript('success', 10_000);
    const d = await setUp([staging()]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.runs.some((r) => r.deployId === deployId && r.phase === 'waiting'), { timeout: 10_000 }).toBe(true);
    await ok(d, 'cancelDeploy', { deployId });
    const run = await whenFinished(d, deployId);
    expect(run).toMatchObject({ state: 'cancelled', message: 'The deploy of staging was cancelled: Run 4001 was cancelled.' });
    expect(github.requestsTo(/\/actions\/runs\/4001\/cancel$/)).toHaveLength(1);
    expect(committedRecord(run.recorded!.file)).toMatchObject({ outcome: 'cancelled' });

    routes.script = runScript('cancelled');
    const other = await deployToEnd(d, 'staging');
    expect(other.run).toMatchObject({ state: 'cancelled', message: 'The deploy of staging was cancelled: Run 4002 was cancelled on GitHub.' });
  });

  it('gives up on a run that never starts within the limit: cancelled on GitHub, RUN_NOT_STARTED, recorded as timed out', async () => {
    routes.script = runScript('success', 1_000_000);
    const d = await setUp([staging()], TOKEN, 300);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('timed-out');
    expect(run.error).toMatchObject({ code: 'RUN_NOT_STARTED' });
    expect(run.error?.message).toContain('did not start it within');
    expect(github.requestsTo(/\/cancel$/)).toHaveLength(1);
    expect(committedRecord(run.recorded!.file)).toMatchObject({ outcome: 'timed-out' });
  });

  it('waits out the rate limit while following, saying until when, then follows to the end', async () => {
    routes.script = runScript('success', 3);
    const d = await setUp([staging()]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.runs.some((r) => r.deployId === deployId && r.phase === 'waiting'), { timeout: 10_000 }).toBe(true);
    github.resetAt = Math.ceil(Date.now() / 1000) + 1;
    github.remaining.core = 0;
    setTimeout(() => (github.remaining.core = 5000), 1200);
    const run = await whenFinished(d, deployId);
    expect(run.state).toBe('succeeded');
    const waited = d.runs.find((r) => r.deployId === deployId && r.message.includes("GitHub's rate limit is used up"));
    expect(waited?.message).toMatch(/waiting until \d\d:\d\d UTC/);
  });
});

describe('GitHub Actions deploys refused before anything starts', () => {
  async function refusal(environment: Record<string, unknown>, token: string | null = TOKEN) {
    const d = await setUp([environment], token);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const answer = await d.call('startDeploy', { environment: 'staging', commit: plan.target.commit });
    expect(answer.ok).toBe(false);
    // The plan names the same problem, and nothing was dispatched or recorded.
    expect(plan.blockers).toEqual([answer.error!.message]);
    expect(github.requestsTo(/\/dispatches$/)).toEqual([]);
    return answer.error!;
  }

  it('a workflow file that does not exist on the branch', async () => {
    const error = await refusal(staging({ workflow: 'release.yml' }));
    expect(error).toMatchObject({ code: 'WORKFLOW_NOT_FOUND' });
    expect(error.message).toContain('.github/workflows/release.yml does not exist on fleet/integration');
  });

  it('a workflow without a workflow_dispatch trigger', async () => {
    const error = await refusal(staging({ workflow: 'ci.yml', inputs: {} }));
    expect(error).toMatchObject({ code: 'WORKFLOW_NOT_DISPATCHABLE' });
    expect(error.message).toContain('has no workflow_dispatch trigger');
  });

  it('a required input missing, or one the workflow does not declare', async () => {
    expect((await refusal(staging({ inputs: {} }))).message).toContain('requires the input target');
    expect((await refusal(staging({ inputs: { target: 'x', colour: 'red' } }))).message).toContain('declares no input colour');
  });

  it('a branch GitHub does not have, or has at another commit', async () => {
    github.branches.delete('fleet/integration');
    expect(await refusal(staging())).toMatchObject({ code: 'REF_NOT_FOUND', message: expect.stringContaining('GitHub has no branch fleet/integration in acme/fleet') });
    github.branches.set('fleet/integration', 'b'.repeat(40));
    expect(await refusal(staging())).toMatchObject({ code: 'BRANCH_NOT_PUSHED', message: expect.stringContaining('push fleet/integration first') });
  });

  it('a token without the permission to dispatch, naming it; no token at all', async () => {
    github.permissions.delete('actions-write');
    const d = await setUp([staging()]);
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: integrationTip });
    const run = await whenFinished(d, deployId);
    expect(run.state).toBe('error');
    expect(run.error).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(run.error?.message).toContain('actions=write');
    expect(committedRecord(run.recorded!.file)).toMatchObject({ outcome: 'error' });
    github.requests.length = 0;
    expect(await refusal(staging(), null)).toMatchObject({ code: 'TOKEN_MISSING' });
  });

  it('a rate limit used up when starting, saying until when', async () => {
    github.remaining.core = 0;
    github.resetAt = Math.floor(Date.now() / 1000) + 600;
    const error = await refusal(staging());
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(error.message).toMatch(/resets at \d\d:\d\d UTC/);
  });
});
