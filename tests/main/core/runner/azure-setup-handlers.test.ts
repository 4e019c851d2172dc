// "Set up CI runners" on an Azure Repos remote through the app's contract: one loopback address (as dev.azure.com is
// one host) serving the Azure DevOps API stand-in (items, pull requests, definitions, pipelines) and git's http-backend
// (the push). Not set up -> proposed -> needs its pipeline once the pull request is completed -> ready once the job
// created the pipeline; an outdated bundle; the missing PAT scope or permission named; a cancel during the push.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/api';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { SETUP_BRANCH } from '../../../../src/main/core/runner/setup-branch';
import type { JobFinished } from '../../../../src/shared/types';
import type { RunnerSetupResult, RunnerSetupState } from '../../../../src/shared/types-runner-setup';
import { AzureDevOpsServer } from '../../../helpers/azure-devops-server';
import { AzureReposFront } from '../../../helpers/azure-repos-front';
import { addReposRoutes, type ReposRoutes } from '../../../helpers/azure-repos-routes';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { initialisedWorkspace, TOKEN } from '../remotes/remote-fixture';

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; data?: Record<string, unknown> } };

let gitServer: GitHttpServer;
let azure: AzureDevOpsServer;
let front: AzureReposFront;
let routes: ReposRoutes;
let app: FleetApp;
let call: (method: string, input: unknown) => Promise<Answer>;
let bundleFile: string;
let bare: string;
let count = 0;
const finished = new Map<string, JobFinished>();

beforeAll(async () => {
  gitServer = await GitHttpServer.start({ token: TOKEN });
  bundleFile = join(makeTempDir('fleet-bundle-'), 'fleet-control.cjs');
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env: { FLEET_RUNNER_BUNDLE: bundleFile } } });
  app.onEvent((event, payload) => {
    if (event === 'jobFinished') finished.set((payload as JobFinished).jobId, payload as JobFinished);
  });
  call = createDispatcher(app.handlers, () => undefined).call as typeof call;
}, 60_000);
afterAll(async () => {
  await app.dispose();
  await gitServer.stop();
  cleanupTempDirs();
});

beforeEach(async () => {
  writeFileSync(bundleFile, '#!/usr/bin/env node\nconsole.log("0.1.0");\n');
  const project = `Fleet${++count}`;
  // A fresh API stand-in per test: its routes belong to one project and repository.
  azure = await AzureDevOpsServer.start({ token: TOKEN, organisation: 'acme' });
  azure.addProject(project, ['fleet']);
  front = await AzureReposFront.start(Number(new URL(azure.url).port), gitServer.port);
  bare = gitServer.createBareRepo(`acme/${project}/_git/fleet`);
  const repositoryId = '00000001-aaaa-4bbb-8ccc-000000000001';
  routes = addReposRoutes(azure, { project: azure.projectInfo(project)!, id: repositoryId, name: 'fleet', bare, defaultBranch: 'main' });
  gitServer.readOnly = false;
  gitServer.stallWhen = null;
  const workspace = await initialisedWorkspace();
  await gitAsync(workspace.path, 'push', '-q', `http://git:${TOKEN}@127.0.0.1:${gitServer.port}/acme/${project}/_git/fleet.git`, 'main');
  await app.openWorkspace(workspace.path);
  await addRemoteConfig(workspace.repo, 'origin', `${front.url}/acme/${project}/_git/fleet`);
  expect((await call('setRemoteCredential', { name: 'origin', token: TOKEN })).ok).toBe(true);
}, 60_000);
afterEach(async () => {
  await Promise.all([front.close(), azure.close()]);
});

async function state(): Promise<RunnerSetupState> {
  const answer = await call('runnerSetupState', { remote: 'origin' });
  expect(answer.error).toBeUndefined();
  return (answer.value as RunnerSetupState[])[0]!;
}

async function waitFor(jobId: string): Promise<JobFinished> {
  for (let i = 0; i < 600 && !finished.has(jobId); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return finished.get(jobId)!;
}

async function propose(): Promise<JobFinished> {
  const started = await call('proposeRunnerSetup', { remote: 'origin' });
  expect(started.error).toBeUndefined();
  return waitFor((started.value as { jobId: string }).jobId);
}

/** Completing the pull request on the website: the base moves to the set-up commit. */
function complete(commit: string, id = 1): void {
  git(bare, 'update-ref', 'refs/heads/main', commit);
  routes.completePull(id);
}

describe('setting up CI runners on an Azure Repos remote', () => {
  it('says not set up, then proposed, then needs its pipeline once completed, then ready once the job created it', async () => {
    const web = `${front.url}/acme/Fleet${count}`;
    expect(await state()).toMatchObject({
      host: 'azure-devops',
      source: 'azure-api',
      phase: 'not-set-up',
      ready: false,
      pipeline: 'missing',
      bundle: 'missing',
      pull: null,
      pipelineDefinition: null,
      canPropose: true,
      secretNames: expect.arrayContaining(['XAI_API_KEY', 'ANTHROPIC_API_KEY']),
      secretsUrl: `${web}/_build`,
      error: null,
    });
    const job = await propose();
    expect(job).toMatchObject({ kind: 'runner-setup', ok: true, result: { outcome: 'opened', pull: { number: 1, state: 'open', url: `${web}/_git/fleet/pullrequest/1` }, pipelineCreated: null } });
    const result = (job as { result: RunnerSetupResult }).result;
    expect(git(bare, 'rev-parse', `refs/heads/${SETUP_BRANCH}`)).toBe(result.commit);
    expect(git(bare, 'show', `${SETUP_BRANCH}:.azure-pipelines/fleet-control.yml`)).toContain('trigger: none');
    expect(routes.pulls[0]).toMatchObject({ sourceRefName: `refs/heads/${SETUP_BRANCH}`, targetRefName: 'refs/heads/main', status: 'active' });
    // The file is not on the default branch yet: no pipeline is created for it.
    expect(routes.definitions).toHaveLength(0);
    expect(await state()).toMatchObject({ phase: 'proposed', ready: false, pipeline: 'missing', pull: { number: 1, state: 'open' } });

    complete(result.commit!);
    expect(await state()).toMatchObject({ phase: 'needs-pipeline', ready: false, pipeline: 'current', bundle: 'current', workflow: 'current', pull: { state: 'merged' }, pipelineDefinition: null });
    const created = await propose();
    expect(created).toMatchObject({ ok: true, result: { outcome: 'pipeline-created', commit: null, pull: null, pipelineCreated: { id: 30, name: 'Fleet Control (fleet)', url: `${web}/_build?definitionId=30` } } });
    expect(routes.definitions).toEqual([{ id: 30, name: 'Fleet Control (fleet)', yamlFilename: '/.azure-pipelines/fleet-control.yml', repositoryId: '00000001-aaaa-4bbb-8ccc-000000000001' }]);
    expect(routes.pulls).toHaveLength(1);
    expect(await state()).toMatchObject({ phase: 'ready', ready: true, pipelineDefinition: { id: 30 }, secretsUrl: `${web}/_build?definitionId=30` });
    expect(await propose()).toMatchObject({ ok: true, result: { outcome: 'up-to-date', pipelineCreated: null } });
    expect(routes.definitions).toHaveLength(1);

    // A newer app build: runs still work with the bundle on main, another version of it.
    writeFileSync(bundleFile, '#!/usr/bin/env node\nconsole.log("0.2.0");\n');
    expect(await state()).toMatchObject({ phase: 'outdated', ready: true, bundle: 'different', pipeline: 'current' });
  }, 90_000);

  it('names the missing scope or permission with Azure DevOps\' own TF code', async () => {
    gitServer.readOnly = true;
    const push = await propose();
    expect(push).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { needs: 'vso.code_write' } } });
    expect(push.error!.message).toContain('Code (Read & write)');
    gitServer.readOnly = false;

    routes.scopes.delete('code_write');
    const scope = await propose();
    expect(scope).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { status: 401, tfCode: 'TF400813', needs: 'vso.code_write' } } });
    expect(scope.error!.message).toContain('"Code (Read & write)"');
    expect(scope.error!.message).not.toContain(TOKEN);
    routes.scopes.add('code_write');
    routes.denied.add('pulls');
    const denied = await propose();
    expect(denied).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { status: 403, tfCode: 'TF401027' } } });
    expect(denied.error!.message).toContain('Contribute to pull requests');
    expect(routes.pulls).toHaveLength(0);

    routes.denied.clear();
    const opened = await propose();
    complete((opened as { result: RunnerSetupResult }).result.commit!);
    routes.scopes.delete('build_execute');
    const build = await propose();
    expect(build).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { needs: 'vso.build_execute', tfCode: 'TF400813' } } });
    expect(build.error!.message).toContain('"Build (Read & execute)"');
    expect(routes.definitions).toHaveLength(0);
    expect(await state()).toMatchObject({ phase: 'needs-pipeline' });

    // The scope is there, the account may not edit pipelines: Azure's 403 names the permission.
    routes.scopes.add('build_execute');
    routes.denied.add('pipelines');
    const edit = await propose();
    expect(edit).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { status: 403, tfCode: 'TF215106', needs: 'vso.build_execute' } } });
    expect(edit.error!.message).toContain('Edit build pipeline');
    routes.denied.clear();
    expect(await propose()).toMatchObject({ ok: true, result: { outcome: 'pipeline-created' } });
    expect(await state()).toMatchObject({ phase: 'ready', ready: true });
  }, 90_000);

  it('stops when cancelled during the push, opening no pull request', async () => {
    gitServer.stallWhen = (method, path) => method === 'POST' && path.includes('git-receive-pack');
    const started = await call('proposeRunnerSetup', { remote: 'origin' });
    const { jobId } = started.value as { jobId: string };
    for (let i = 0; i < 200 && gitServer.stalled === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(gitServer.stalled).toBeGreaterThan(0);
    expect((await call('cancelJob', { jobId })).ok).toBe(true);
    expect(await waitFor(jobId)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(routes.pulls).toHaveLength(0);
    expect(routes.definitions).toHaveLength(0);
  }, 60_000);

  it('says which token is missing before anything is written', async () => {
    expect((await call('clearRemoteCredential', { name: 'origin' })).ok).toBe(true);
    const answer = await call('proposeRunnerSetup', { remote: 'origin' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'TOKEN_MISSING' } });
    expect(await state()).toMatchObject({ host: 'azure-devops', canPropose: true, phase: 'unknown', error: { code: 'TOKEN_MISSING' } });
  }, 60_000);
});
