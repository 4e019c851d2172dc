import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCiStatus } from '../../../../src/main/core/ci/read-ci';
import type { AzureCiHost, CiServices } from '../../../../src/main/core/ci/ci-host';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { MemorySecretStore } from '../../../../src/main/core/remotes/secret-store';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import { FleetError } from '../../../../src/shared/errors';
import type { CiBranchStatus, CiStatus } from '../../../../src/shared/types-ci';
import { AzureDevOpsServer } from '../../../helpers/azure-devops-server';
import { GitHubCiServer, type ServedCheckRun } from '../../../helpers/github-ci-server';
import { cleanupTempDirs } from '../../../helpers/git';
import { initialisedWorkspace } from '../remotes/remote-fixture';

const GH_TOKEN = 'ghp_read_ci_test_token_0123456789';
const AZ_TOKEN = 'azurepat-read-ci-0123456789abcdefghijklmnop';

let github: GitHubCiServer;
let azure: AzureDevOpsServer;
let workspace: Workspace;
let services: CiServices;
let tips: Record<string, string>;

beforeAll(async () => {
  github = await GitHubCiServer.start({ token: GH_TOKEN, repository: 'acme/fleet' });
  azure = await AzureDevOpsServer.start({ token: AZ_TOKEN, organisation: 'acme' });
  azure.addProject('Fleet', ['fleet']);
  workspace = await initialisedWorkspace();
  await addRemoteConfig(workspace.repo, 'origin', `${github.url}/acme/fleet.git`);
  await addRemoteConfig(workspace.repo, 'azure', azure.remoteUrl('Fleet', 'fleet'));
  services = {
    secrets: new MemorySecretStore(),
    env: { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: GH_TOKEN, FLEET_GIT_TOKEN_AZURE: AZ_TOKEN },
    userAgent: 'fleet-control/test',
  };
  tips = {};
  for (const branch of ['main', 'fleet/workspace', 'module/fleet-hub', 'module/drivers-hub', 'module/safety-hub', 'module/telematics']) {
    tips[branch] = (await workspace.repo.resolveRef(`refs/heads/${branch}`))!;
  }
});
afterAll(async () => {
  await github.close();
  await azure.close();
  cleanupTempDirs();
});

beforeEach(() => {
  github.requests.length = 0;
  github.graphql = 'on';
  github.permissions = new Set(['checks', 'statuses', 'actions']);
  github.remaining.core = github.remaining.graphql = 5000;
  github.checks.clear();
  github.branches.clear();
  // GitHub has main, the workspace branch and four module branches; module tips share main's commit in this
  // fixture, so each branch gets its own reported commit by pointing the host's branch at a distinct sha.
  github.branches.set('main', tips.main!);
  github.branches.set('fleet/workspace', tips['fleet/workspace']!);
  github.branches.set('module/fleet-hub', 'f'.repeat(40));
  github.branches.set('module/drivers-hub', 'd'.repeat(40));
  github.branches.set('module/safety-hub', 'e'.repeat(40));
  github.branches.set('module/telematics', 'c'.repeat(40));
  github.report('f'.repeat(40), [
    { name: 'build', status: 'completed', conclusion: 'success', workflow: 'CI' },
    { name: 'test', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ], [{ context: 'ci/lint', state: 'success', targetUrl: 'https://ci.example/lint/1' }]);
  github.report('d'.repeat(40), [
    { name: 'build', status: 'completed', conclusion: 'success', workflow: 'CI' },
    { name: 'test', status: 'completed', conclusion: 'failure', workflow: 'CI', title: '3 tests failed', summary: 'drivers.routes.test.ts\n\n  ✕ lists drivers (12 ms)\n  ✕ paginates\n  ✕ filters by depot' },
  ]);
  github.report('e'.repeat(40), [{ name: 'build', status: 'in_progress', conclusion: null, workflow: 'CI' }], [{ context: 'deploy/preview', state: 'pending' }]);
  github.report(tips.main!, [{ name: 'docs', status: 'completed', conclusion: 'skipped' }]);
});

function branch(status: CiStatus, name: string): CiBranchStatus {
  return status.branches.find((b) => b.branch === name)!;
}

function expectFleetStates(status: CiStatus): void {
  expect(branch(status, 'module/fleet-hub')).toMatchObject({ state: 'passing', counts: { passing: 3, failing: 0, running: 0 }, hostTip: 'f'.repeat(40) });
  const failing = branch(status, 'module/drivers-hub');
  expect(failing).toMatchObject({ state: 'failing', counts: { passing: 1, failing: 1 } });
  const test = failing.checks.find((c) => c.name === 'test')!;
  expect(test.summary).toBe('3 tests failed\ndrivers.routes.test.ts\n  ✕ lists drivers (12 ms)\n  ✕ paginates\n  ✕ filters by depot');
  expect(test.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme\/fleet\/actions\/runs\/\d+/);
  expect(branch(status, 'module/safety-hub')).toMatchObject({ state: 'running', counts: { running: 2 } });
  // Pushed but nothing reported, never pushed, skipped only: all "none" (never "passing").
  expect(branch(status, 'module/telematics')).toMatchObject({ state: 'none', hostTip: 'c'.repeat(40), checks: [] });
  expect(branch(status, 'module/ai-chat')).toMatchObject({ state: 'none', hostTip: null });
  expect(branch(status, 'main')).toMatchObject({ role: 'base', state: 'none', counts: { skipped: 1 } });
  expect(branch(status, 'fleet/integration')).toMatchObject({ role: 'integration', localTip: null, hostTip: null });
  expect(status.branches).toHaveLength(35);
}

describe('reading GitHub CI for every fleet branch', () => {
  it('asks one GraphQL query for all 35 branches and reads each tip\'s rollup: passing, failing with its summary, running, none', async () => {
    const { status } = await readCiStatus(services, workspace, { remote: 'origin' });
    expect(status.via).toBe('graphql');
    expectFleetStates(status);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql']);
    expect(status.rate).toMatchObject({ limit: 5000, remaining: 4999, requestsPerPoll: 1 });
    expect(status.readAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('asks for the later pages of a tip with more than 100 checks', async () => {
    const many: ServedCheckRun[] = Array.from({ length: 130 }, (_, i) => ({ name: `shard ${i}`, status: 'completed', conclusion: i === 129 ? 'failure' : 'success' }));
    github.report('f'.repeat(40), many);
    const { status } = await readCiStatus(services, workspace, { remote: 'origin' });
    expect(branch(status, 'module/fleet-hub').counts).toMatchObject({ passing: 129, failing: 1 });
    expect(github.requests).toHaveLength(2);
    expect(status.rate?.requestsPerPoll).toBe(2);
  });

  it('falls back to the REST check-runs and statuses endpoints when GraphQL is refused or absent, with the same answer', async () => {
    for (const mode of ['refused', 'missing'] as const) {
      github.graphql = mode;
      github.requests.length = 0;
      const { status } = await readCiStatus(services, workspace, { remote: 'origin' });
      expect(status.via).toBe('rest');
      expectFleetStates(status);
      const paths = github.requests.map((r) => r.path);
      expect(paths.filter((p) => p.endsWith('/check-runs'))).toHaveLength(35);
      expect(paths).toContain('/repos/acme/fleet/commits/module%2Fdrivers-hub/status');
      expect(status.rate).toMatchObject({ limit: 5000, requestsPerPoll: 41 });
    }
  });

  it('says which permission the token lacks when REST refuses the check runs', async () => {
    github.graphql = 'refused';
    github.permissions.delete('checks');
    const error = await readCiStatus(services, workspace, { remote: 'origin' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetError);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', data: { acceptedPermissions: 'checks=read' } });
  });

  it('stops at a used-up GraphQL rate limit and says when it resets (no REST storm behind it)', async () => {
    github.remaining.graphql = 0;
    const error = (await readCiStatus(services, workspace, { remote: 'origin' }).catch((e: unknown) => e)) as FleetError;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.data?.resetAt).toBe(new Date(github.resetAt * 1000).toISOString());
    expect(github.requests.map((r) => r.path)).toEqual(['/graphql']);
  });
});

describe('reading Azure DevOps CI for every fleet branch', () => {
  beforeAll(() => {
    azure.branches.set('main', tips.main!);
    azure.branches.set('module/fleet-hub', 'f'.repeat(40));
    azure.branches.set('module/drivers-hub', 'd'.repeat(40));
    // An older failed build of fleet-hub's pipeline is superseded by the newer green one.
    azure.addBuild({ definition: 'fleet-ci', branch: 'module/fleet-hub', sha: '1'.repeat(40), status: 'completed', result: 'failed', failedTask: { name: 'npm test', issues: ['old failure'] } });
    azure.addBuild({ definition: 'fleet-ci', branch: 'module/fleet-hub', sha: 'f'.repeat(40), status: 'completed', result: 'succeeded' });
    azure.addBuild({ definition: 'fleet-ci', branch: 'module/drivers-hub', sha: 'd'.repeat(40), status: 'completed', result: 'failed', failedTask: { name: 'npm test', issues: ['Process completed with exit code 1.', 'drivers.routes.test.ts: 3 failed'] } });
    azure.addBuild({ definition: 'fleet-lint', branch: 'module/drivers-hub', sha: 'd'.repeat(40), status: 'inProgress' });
  });

  it('takes the latest build per pipeline on each branch, the failing task\'s errors as its summary, and the tips from the refs', async () => {
    const first = await readCiStatus(services, workspace, { remote: 'azure' });
    const { status } = first;
    expect(status).toMatchObject({ host: 'azure-devops', via: 'builds', repository: 'acme/Fleet/fleet' });
    expect(branch(status, 'module/fleet-hub')).toMatchObject({ state: 'passing', counts: { passing: 1 }, hostTip: 'f'.repeat(40) });
    const drivers = branch(status, 'module/drivers-hub');
    expect(drivers).toMatchObject({ state: 'failing', counts: { failing: 1, running: 1 } });
    const failed = drivers.checks.find((c) => c.name === 'fleet-ci')!;
    expect(failed.summary).toBe('npm test:\n  Process completed with exit code 1.\n  drivers.routes.test.ts: 3 failed');
    expect(failed.url).toBe(`${azure.organisationUrl}/Fleet/_build/results?buildId=3`);
    expect(branch(status, 'module/ai-chat')).toMatchObject({ state: 'none', hostTip: null });
    // A finished build never changes: its timeline is asked once, not on every poll.
    const timelines = () => azure.requests.filter((r) => /Timeline/.test(r.path)).length;
    expect(timelines()).toBe(1);
    await readCiStatus(services, workspace, { host: first.host as AzureCiHost });
    expect(timelines()).toBe(1);
    const builds = azure.requests.filter((r) => /_apis\/build\/builds\/?$/.test(r.path));
    expect(builds.at(-1)!.query.get('repositoryId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(builds.at(-1)!.headers.accept).toMatch(/api-version=7\.2-preview\.7/);
  });
});
