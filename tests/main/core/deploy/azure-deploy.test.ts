import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeployPlan, DeployRun } from '../../../../src/shared/types-deploy';
import { AzureDevOpsServer } from '../../../helpers/azure-devops-server';
import { addPipelineRoutes, pipelineScript, type PipelineRoutes } from '../../../helpers/azure-pipeline-routes';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { deployApp, deployToEnd, deployWorkspace, ok, whenFinished, type DeployApp } from './deploy-fixture';

const TOKEN = 'azurepat-deploy-0123456789abcdefghijklmnopq';
let azure: AzureDevOpsServer;
let routes: PipelineRoutes;
let dir: string;
let integrationTip: string;
const apps: DeployApp[] = [];
/** The deploys that really succeeded (the rest must never be recorded as done). */
const succeeded: string[] = [];

const staging = (method: Record<string, unknown> = {}) => ({
  name: 'staging',
  from: 'integration',
  method: { type: 'azure-pipelines', remote: 'azure', pipeline: 'deploy-web', parameters: { target: 'staging' }, ...method },
});

beforeAll(async () => {
  ({ dir, integrationTip } = await deployWorkspace());
  azure = await AzureDevOpsServer.start({ token: TOKEN, organisation: 'acme' });
  azure.addProject('Fleet', ['fleet']);
  git(dir, 'remote', 'add', 'azure', azure.remoteUrl('Fleet', 'fleet'));
  routes = addPipelineRoutes(azure, azure.projectInfo('Fleet')!);
});
afterAll(async () => {
  for (const { app } of apps) await app.dispose();
  await azure.close();
  cleanupTempDirs();
});
beforeEach(() => {
  azure.branches.clear();
  azure.branches.set('fleet/integration', integrationTip);
  azure.requests.length = 0;
  azure.throttleSeconds = 0;
  routes.runs.length = 0;
  routes.script = pipelineScript('succeeded');
  routes.scopes = new Set(['execute']);
  routes.queueDenied = false;
});

/** An app over the workspace (a fresh app-data folder each time) with the environments set. */
async function setUp(environments: unknown[], startLimitMs?: number): Promise<DeployApp> {
  const d = deployApp({ remotesEnv: { FLEET_GIT_TOKEN_AZURE: TOKEN }, startLimitMs });
  apps.push(d);
  await d.app.openWorkspace(dir);
  await ok(d, 'setEnvironments', { environments });
  return d;
}

/** Every deployment record of staging committed on the workspace branch, read back with the git CLI. */
function committedRecords(): Array<Record<string, unknown>> {
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'fleet/workspace', '.fleet/deployments/staging/').split('\n').filter(Boolean);
  return files.map((file) => JSON.parse(git(dir, 'show', `fleet/workspace:${file}`)) as Record<string, unknown>);
}

function committedRecord(run: DeployRun): Record<string, unknown> {
  expect(run.recorded?.file).toMatch(/^\.fleet\/deployments\/staging\/.+\.json$/);
  return JSON.parse(git(dir, 'show', `fleet/workspace:${run.recorded!.file}`));
}

const asked = (method: string, path: RegExp) => azure.requests.filter((r) => r.method === method && path.test(r.path));

describe('deploys through Azure Pipelines', () => {
  it('runs the pipeline on the integration branch with its parameters and follows its stages to success', async () => {
    const d = await setUp([staging()]);
    const { plan, run } = await deployToEnd(d, 'staging');
    expect(plan.blockers).toEqual([]);
    expect(run).toMatchObject({ state: 'succeeded', method: 'azure-pipelines', error: null });
    const started = asked('POST', /\/_apis\/pipelines\/12\/runs$/);
    expect(started).toHaveLength(1);
    expect(started[0]!.body).toEqual({ resources: { repositories: { self: { refName: 'refs/heads/fleet/integration' } } }, templateParameters: { target: 'staging' } });
    expect(started[0]!.headers.accept).toMatch(/api-version=7\.\d/);
    const link = `${azure.organisationUrl}/Fleet/_build/results?buildId=501`;
    expect(run.links).toEqual([{ label: 'Azure Pipelines run 501', url: link }]);
    expect(run.steps.map((s) => [s.name, s.state])).toEqual([
      ['Build', 'succeeded'],
      ['Deploy', 'succeeded'],
    ]);
    // Waiting for an agent, then each stage running in turn.
    const mine = d.runs.filter((r) => r.deployId === run.deployId);
    expect(mine.findIndex((r) => r.phase === 'waiting')).toBeLessThan(mine.findIndex((r) => r.phase === 'running'));
    expect(mine.some((r) => r.message === 'Stage Build: running')).toBe(true);
    expect(mine.some((r) => r.message === 'Stage Deploy: running')).toBe(true);
    expect(committedRecord(run)).toMatchObject({ outcome: 'succeeded', method: 'azure-pipelines', link, commit: integrationTip, modules: ['fleet-hub'] });
    succeeded.push(run.deployId);
    expect(git(dir, 'show', `fleet/workspace:${run.recorded!.file}`)).not.toContain(TOKEN);
  });

  it('a failed stage ends the deploy as failed, naming the stage and the error Azure reported', async () => {
    routes.script = pipelineScript('failed', 1, 'Deployment to staging failed: the target refused the package.');
    const d = await setUp([staging()]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('failed');
    expect(run.message).toContain('stage Deploy failed');
    expect(run.message).toContain('Deployment to staging failed: the target refused the package.');
    expect(run.steps.map((s) => [s.name, s.state])).toEqual([
      ['Build', 'succeeded'],
      ['Deploy', 'failed'],
    ]);
    expect(committedRecord(run)).toMatchObject({ outcome: 'failed', link: `${azure.organisationUrl}/Fleet/_build/results?buildId=501` });
  });

  it('cancels the run on Azure (status cancelling) when the deploy is cancelled, and one cancelled on Azure ends as cancelled', async () => {
    routes.script = pipelineScript('succeeded', 10_000);
    const d = await setUp([staging()]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.runs.some((r) => r.deployId === deployId && r.phase === 'waiting'), { timeout: 10_000 }).toBe(true);
    await ok(d, 'cancelDeploy', { deployId });
    const run = await whenFinished(d, deployId);
    expect(run).toMatchObject({ state: 'cancelled', message: 'The deploy of staging was cancelled: Run 501 was cancelled.' });
    const cancels = asked('PATCH', /\/_apis\/build\/builds\/501$/);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.body).toEqual({ status: 4 });
    expect(committedRecord(run)).toMatchObject({ outcome: 'cancelled' });

    routes.script = pipelineScript('canceled');
    const other = await deployToEnd(d, 'staging');
    expect(other.run).toMatchObject({ state: 'cancelled', message: 'The deploy of staging was cancelled: Run 502 was cancelled on Azure Pipelines.' });
    expect(committedRecord(other.run)).toMatchObject({ outcome: 'cancelled' });
  });

  it('gives up on a run no agent starts within the limit: cancelled on Azure, RUN_NOT_STARTED, recorded as timed out', async () => {
    routes.script = pipelineScript('succeeded', 1_000_000);
    const d = await setUp([staging()], 300);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('timed-out');
    expect(run.error).toMatchObject({ code: 'RUN_NOT_STARTED' });
    expect(run.error?.message).toContain('did not start it within');
    expect(asked('PATCH', /\/_apis\/build\/builds\/501$/)).toHaveLength(1);
    expect(committedRecord(run)).toMatchObject({ outcome: 'timed-out' });
  });

  it('a run deleted on Azure while followed ends as an error saying its end is unknown, never as done', async () => {
    routes.script = pipelineScript('succeeded', 10_000);
    const d = await setUp([staging()]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.runs.some((r) => r.deployId === deployId && r.phase === 'waiting'), { timeout: 10_000 }).toBe(true);
    routes.runs.length = 0;
    const run = await whenFinished(d, deployId);
    expect(run.state).toBe('error');
    expect(run.error?.message).toContain('Azure DevOps no longer has run 501 of "deploy-web"');
    expect(committedRecord(run)).toMatchObject({ outcome: 'error' });
  });

  it("waits out Azure's throttling (Retry-After) while following, saying until when, then follows to the end", async () => {
    routes.script = pipelineScript('succeeded', 3);
    const d = await setUp([staging()]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const { deployId } = await ok<{ deployId: string }>(d, 'startDeploy', { environment: 'staging', commit: plan.target.commit });
    await expect.poll(() => d.runs.some((r) => r.deployId === deployId && r.phase === 'waiting'), { timeout: 10_000 }).toBe(true);
    azure.throttleSeconds = 1;
    const run = await whenFinished(d, deployId);
    expect(run.state).toBe('succeeded');
    succeeded.push(run.deployId);
    expect(d.runs.find((r) => r.deployId === deployId && /rate limit is used up/.test(r.message))?.message).toMatch(/waiting until \d\d:\d\d UTC/);
  });
});

describe('Azure Pipelines deploys refused, each naming the problem, none recorded as done', () => {
  async function refusal(environment: Record<string, unknown>) {
    const d = await setUp([environment]);
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    const answer = await d.call('startDeploy', { environment: 'staging', commit: plan.target.commit });
    expect(answer.ok).toBe(false);
    // The plan names the same problem, and nothing was started.
    expect(plan.blockers).toEqual([answer.error!.message]);
    expect(asked('POST', /\/runs$/)).toEqual([]);
    return answer.error!;
  }

  it('an organisation that does not exist', async () => {
    git(dir, 'remote', 'set-url', 'azure', `${azure.url}/nobody/Fleet/_git/fleet`);
    try {
      const error = await refusal(staging());
      expect(error).toMatchObject({ code: 'REPO_NOT_FOUND', data: expect.objectContaining({ missing: 'organisation' }) });
      expect(error.message).toContain(`no organisation at ${azure.url}/nobody`);
    } finally {
      git(dir, 'remote', 'set-url', 'azure', azure.remoteUrl('Fleet', 'fleet'));
    }
  });

  it('a project that does not exist', async () => {
    git(dir, 'remote', 'set-url', 'azure', azure.remoteUrl('Nope', 'fleet'));
    try {
      const error = await refusal(staging());
      expect(error).toMatchObject({ code: 'REPO_NOT_FOUND', data: expect.objectContaining({ missing: 'project' }) });
      expect(error.message).toContain('no project "Nope"');
    } finally {
      git(dir, 'remote', 'set-url', 'azure', azure.remoteUrl('Fleet', 'fleet'));
    }
  });

  it('a pipeline the project does not have, naming the ones it has', async () => {
    const error = await refusal(staging({ pipeline: 'release' }));
    expect(error).toMatchObject({ code: 'PIPELINE_NOT_FOUND' });
    expect(error.message).toContain('Its pipelines: deploy-web (12).');
  });

  it('a branch Azure Repos does not have, or has at another commit', async () => {
    azure.branches.delete('fleet/integration');
    expect(await refusal(staging())).toMatchObject({ code: 'REF_NOT_FOUND', message: expect.stringContaining('Azure Repos has no branch fleet/integration') });
    azure.branches.set('fleet/integration', 'b'.repeat(40));
    expect(await refusal(staging())).toMatchObject({ code: 'BRANCH_NOT_PUSHED', message: expect.stringContaining('push fleet/integration first') });
  });

  it('a token without the "Build (Read & execute)" scope, or an account without Queue builds: an error, recorded as such', async () => {
    routes.scopes = new Set();
    const d = await setUp([staging()]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('error');
    expect(run.error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(run.error?.message).toContain('("Build (Read & execute)" and "Code (Read)", which a deploy through Azure Pipelines needs)');
    expect(run.error?.message).toContain('TF400813');
    expect(run.error?.message).not.toContain(TOKEN);
    expect(committedRecord(run)).toMatchObject({ outcome: 'error' });

    routes.scopes = new Set(['execute']);
    routes.queueDenied = true;
    const denied = (await deployToEnd(d, 'staging')).run;
    expect(denied.error).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(denied.error?.message).toContain('Queue builds');
    expect(denied.error?.message).toContain('"Queue builds" permission on the pipeline');
    expect(committedRecord(denied)).toMatchObject({ outcome: 'error' });
  });

  it('throttling when the deploy is prepared: RATE_LIMITED saying until when, nothing started', async () => {
    const d = await setUp([staging()]);
    azure.throttleSeconds = 600;
    const plan = await ok<DeployPlan>(d, 'deployPlan', { environment: 'staging' });
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/Azure DevOps is throttling the token of "azure".* It resets at \d\d:\d\d UTC \(in about 10 min\)/);
    expect(asked('POST', /\/runs$/)).toEqual([]);
  });

  it('a parameter the pipeline does not declare: Azure says which', async () => {
    const d = await setUp([staging({ parameters: { target: 'staging', colour: 'red' } })]);
    const { run } = await deployToEnd(d, 'staging');
    expect(run.state).toBe('error');
    expect(run.error?.message).toContain("Unexpected parameter 'colour'");
  });

  it('no deploy that did not complete is recorded as succeeded', () => {
    const records = committedRecords();
    expect(records.length).toBeGreaterThan(0);
    // Only the runs Azure reported succeeded are recorded so; every other record says how it really ended.
    expect(records.filter((r) => r.outcome === 'succeeded').map((r) => r.id).sort()).toEqual([...succeeded].sort());
    expect(new Set(records.map((r) => r.outcome))).toEqual(new Set(['succeeded', 'failed', 'cancelled', 'timed-out', 'error']));
  });
});
