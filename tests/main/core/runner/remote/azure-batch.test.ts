// Remote batches on Azure Pipelines end to end from the app's side: the app queues the Fleet Control pipeline through
// the loopback Azure DevOps API, the stand-in agent runs the committed pipeline (the bundled CLI against a loopback
// provider, pushing the review branch to git's http-backend behind the same address (azure-repos-front.ts), publishing the record), the
// app follows the build and its timeline, fetches, shows the change and accepts it; checked with the git CLI. Also:
// cancel and the budget stop across three concurrent runs; a run that fails before its record; a missing pipeline or
// pipeline file; Azure throttling the token; `check --on azure`; a remote of the other host.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../../src/main/core/app';
import { resolveCiHost, type AzureCiHost } from '../../../../../src/main/core/ci/ci-host';
import { MemorySecretStore } from '../../../../../src/main/core/remotes/secret-store';
import { azureTarget } from '../../../../../src/main/core/runner/remote/azure-target';
import { Workspace } from '../../../../../src/main/core/workspace/workspace';
import { azurePipeline } from '../../../../../src/main/core/runner/workflows/azure-pipeline';
import { AZURE_PIPELINE_PATH, RUNNER_BUNDLE_PATH } from '../../../../../src/main/core/runner/workflows/runner-files';
import { remoteCommand, remoteRequestOf } from '../../../../../src/main/cli-remote';
import type { RemoteRun } from '../../../../../src/shared/types-remote';
import { addAgentRoutes, type AgentRoutes } from '../../../../helpers/azure-agent-routes';
import { AzureDevOpsServer } from '../../../../helpers/azure-devops-server';
import { AzureReposFront } from '../../../../helpers/azure-repos-front';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../../helpers/git';
import { GitHttpServer, gitAsync } from '../../../../helpers/git-http-server';
import { startProviderServer, type ProviderServer } from '../../../../helpers/provider-servers';
import { buildRunnerBundle } from '../../../../helpers/runner-bundle';
import { StandInAzureAgent } from '../../../../helpers/stand-in-azure-agent';
import { SOURCE, finishTurn, toolTurn } from '../../../cli/implement-fixture';
import { cliEnv } from '../../../cli/run-cli';
import { THREE_MODULES, refusal, scriptHalfShareRuns, threeModuleWorkspace, until, whenEnded } from './remote-workspace';

const PAT = 'azurePat0123456789abcdefghijklmnopqrstuvwxyz52';
const KEY = 'sk-azure-batch+Key/0123456789=zz';
const REPO = 'fleet-org/Fleet/_git/fleet';
const FACTS = { branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' };
let provider: ProviderServer;
let gitServer: GitHttpServer;
let azure: AzureDevOpsServer;
let front: AzureReposFront;
let routes: AgentRoutes;
let dir: string;
let remote: string;
let bundlePath: string;
const apps: FleetApp[] = [];

beforeAll(async () => {
  const bundle = buildRunnerBundle();
  provider = await startProviderServer(() => toolTurn([{ name: 'finish', args: { summary: 'Nothing more to change.' } }]));
  gitServer = await GitHttpServer.start({ token: PAT });
  azure = await AzureDevOpsServer.start({ token: PAT, organisation: 'fleet-org' });
  front = await AzureReposFront.start(Number(new URL(azure.url).port), gitServer.port);
  azure.addProject('Fleet', ['fleet']);
  dir = await threeModuleWorkspace();
  bundlePath = await bundle;
  commitFiles(dir, { [AZURE_PIPELINE_PATH]: azurePipeline(FACTS), [RUNNER_BUNDLE_PATH]: readFileSync(bundlePath) }, 'Set up Fleet Control on Azure Pipelines');
  const bare = gitServer.createBareRepo(REPO);
  git(bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  remote = gitServer.authUrl(REPO);
  await gitAsync(dir, 'push', '-q', remote, 'refs/heads/*:refs/heads/*');
  git(dir, 'remote', 'add', 'origin', `${front.url}/${REPO}`);
  routes = addAgentRoutes(azure, azure.projectInfo('Fleet')!, bare);
  new StandInAzureAgent({ routes, cloneUrl: `${front.url}/${REPO}`, token: PAT, secrets: { OPENAI_API_KEY: KEY }, agents: 3 });
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.dispose();
  await Promise.all([provider?.close(), gitServer?.stop(), front?.close(), azure?.close()]);
  cleanupTempDirs();
});

async function openApp(): Promise<{ app: FleetApp; seen: RemoteRun[] }> {
  const app = createFleetApp({
    appDataDir: makeTempDir('fleet-azure-appdata-'),
    transport: 'browser',
    version: '0.0.0-test',
    watch: false,
    log: () => undefined,
    remotes: { env: { FLEET_GIT_TOKEN_ORIGIN: PAT, FLEET_GIT_TOKEN_GH: 'ghp_otherHostToken0123456789abcdef' } },
    remoteBatches: { pollMs: 40, hourlyShareCap: 1000 },
  });
  apps.push(app);
  const seen: RemoteRun[] = [];
  app.onEvent((event, payload) => event === 'remoteRunChanged' && seen.push(payload as RemoteRun));
  await app.openWorkspace(dir);
  return { app, seen };
}

const request = { kind: 'implement' as const, target: 'azure' as const, provider: 'openai', model: 'gpt-4.1-mini', budgetUsd: 1 };
const lsRemote = async (ref: string) => (await gitAsync(makeTempDir(), 'ls-remote', remote, ref)).split('\t')[0] ?? '';
const agentLog = (dispatchId: string) => routes.runs.find((r) => r.parameters.runId === dispatchId)?.log ?? '(not queued)';

/** Commits `files` (null: removed) on main and pushes it; returns the previous tip to put back. */
async function changeMain(files: Record<string, string | null>): Promise<string> {
  const before = git(dir, 'rev-parse', 'main');
  for (const [path, text] of Object.entries(files)) if (text === null) git(dir, 'rm', '-q', path);
  const written = Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== null));
  if (Object.keys(written).length) commitFiles(dir, written, 'change main');
  else git(dir, 'commit', '-q', '-m', 'change main');
  await gitAsync(dir, 'push', '-q', remote, 'main');
  return before;
}

async function restoreMain(tip: string): Promise<void> {
  git(dir, 'reset', '-q', '--hard', tip);
  await gitAsync(dir, 'push', '-q', '--force', remote, 'main');
}

describe('remote implementation batches on Azure Pipelines', () => {
  it('queues the Fleet Control pipeline per module, follows the build through its timeline steps, fetches the review branch and accepts the change by moving the module branch and deleting the review branch; a run whose CI run id was never stored is found by its run number; throttling is read from the X-RateLimit headers Azure sends', async () => {
    const { app, seen } = await openApp();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    provider.reset();
    provider.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
    const { runs } = await app.handlers.startRemoteBatch({ ...request, modules: ['fleet-hub'], baseUrl: provider.baseUrl });
    const run = await whenEnded(seen, runs[0]!.runId);
    expect(run, `${run.message}\n${agentLog(run.dispatchId)}`).toMatchObject({ state: 'done', outcome: 'review', review: 'pending', tip, reviewBranch: `fleet/review/fleet-hub/${run.dispatchId}` });
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.url).toBe(`${azure.organisationUrl}/Fleet/_build/results?buildId=${run.ciRunId}`);
    // Queued on main of the pipeline running the Fleet Control file, with the module, its tip and the share.
    const queued = routes.runs.find((r) => String(r.id) === run.ciRunId)!;
    expect(queued).toMatchObject({ definitionId: 31, refName: 'refs/heads/main', parameters: { kind: 'implement', module: 'fleet-hub', tip, runId: run.dispatchId, budget: String(run.budgetUsd), provider: 'openai' } });
    // Followed: the timeline's steps while running, all succeeded at the end.
    const states = [...new Set(seen.filter((r) => r.runId === run.runId).map((r) => r.state))];
    expect(states).toEqual(expect.arrayContaining(['queued', 'dispatched', 'running', 'done']));
    expect(seen.some((r) => r.runId === run.runId && r.jobs[0]?.steps.some((s) => s.name === 'Run Fleet Control' && s.state === 'running'))).toBe(true);
    expect(run.jobs).toHaveLength(1);
    expect(run.jobs[0]!.name).toBe('implement fleet-hub');
    expect(run.jobs[0]!.steps.map((s) => s.name)).toEqual(['Initialize job', 'Check out the dispatched commit', 'Set up Node.js', 'Check out the module branch', 'Run Fleet Control', 'Push the review branch', 'Publish the run record', 'Finalize Job']);
    expect(run.jobs[0]!.steps.every((s) => s.state === 'succeeded')).toBe(true);
    // Every look asks for all runs out in one Builds - List by ids.
    const lists = azure.requests.filter((r) => r.method === 'GET' && /\/_apis\/build\/builds\/?$/.test(r.path));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((r) => r.query.get('buildIds') === run.ciRunId)).toBe(true);
    // Review, then accept: a compare-and-swap of the module branch; the review branch deleted on the remote.
    const changes = await app.handlers.getRemoteRunChanges({ runId: run.runId });
    expect(changes.files.map((f) => [f.path, f.status])).toEqual([[SOURCE, 'modified']]);
    expect(await app.handlers.readRemoteRunFile({ runId: run.runId, path: SOURCE })).toMatchObject({ before: 'export {}\n', after: 'export const fixed = true;\n\n' });
    const accepted = await app.handlers.acceptRemoteRun({ runId: run.runId });
    expect(accepted).toMatchObject({ review: 'accepted', acceptedCommit: run.reviewCommit });
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(run.reviewCommit);
    expect(git(dir, 'rev-parse', `${run.reviewCommit}^`)).toBe(tip);
    expect(await lsRemote(`refs/heads/${run.reviewBranch}`)).toBe('');
    expect(await lsRemote('refs/heads/module/fleet-hub')).toBe(tip);
    expect(JSON.stringify(seen)).not.toContain(KEY);
    expect(JSON.stringify(seen)).not.toContain(PAT);
    // A run whose CI run id was never stored (the app stopped mid-dispatch) is found by its run number.
    const host = await resolveCiHost({ secrets: new MemorySecretStore(), env: { FLEET_GIT_TOKEN_ORIGIN: PAT }, userAgent: 'fleet-control/test' }, await Workspace.open(dir));
    const client = azureTarget(host as AzureCiHost, 'main');
    expect(await client.find!(run.dispatchId)).toEqual({ ciRunId: run.ciRunId, url: run.url });
    expect(await client.find!('rr-never-dispatched')).toBeNull();
    // Throttled: RATE_LIMITED with when to ask again, and the client's rate reading from Azure's X-RateLimit headers.
    azure.throttleSeconds = 1;
    const limited = await refusal(client.readRuns([run.ciRunId!]));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', data: { resetAt: expect.any(String) } });
    expect(limited.message).not.toContain(PAT);
    expect(client.rate()).toMatchObject({ limit: 200, remaining: 0, resetAt: expect.any(Number) });
    expect(client.rate().requests).toBeGreaterThanOrEqual(3);
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', tip);
  }, 120_000);

  it('cancels one of three concurrent runs on Azure and stops queuing when the rest of the budget cannot cover the next run', async () => {
    const { app, seen } = await openApp();
    const modules = THREE_MODULES;
    const { low, budget } = await scriptHalfShareRuns(app, provider);
    const { batch, runs } = await app.handlers.startRemoteBatch({ ...request, modules, budgetUsd: budget, concurrency: 3, baseUrl: provider.baseUrl });
    const second = runs[1]!;
    await until(() => seen.find((r) => r.runId === second.runId && r.state === 'running'), Boolean, 'the second run running');
    await app.handlers.cancelRemoteRun({ runId: second.runId });
    const ends = await Promise.all(runs.map((r) => whenEnded(seen, r.runId)));
    expect(ends.map((r) => r.state), ends.map((r) => `${r.message}\n${agentLog(r.dispatchId)}`).join('\n')).toEqual(['done', 'cancelled', 'skipped']);
    expect(routes.runs.filter((r) => r.parameters.module === 'maintenance-hub')).toEqual([]);
    expect(ends[2]!.message).toMatch(/cannot cover this run's lowest estimate/);
    // The cancel reached Azure (Builds - Update to cancelling): the build ended canceled; its share counts as spent.
    expect(routes.runs.find((r) => r.parameters.runId === second.dispatchId)).toMatchObject({ cancelRequested: true, status: 'completed', result: 'canceled' });
    expect(ends[1]).toMatchObject({ costUsd: ends[1]!.budgetUsd, costKnown: false });
    expect(ends[0]!.costUsd).toBeCloseTo(0.5 * low, 3);
    const finished = (await app.handlers.listRemoteBatches({})).find((b) => b.batchId === batch.batchId)!;
    expect(finished).toMatchObject({ state: 'finished', counts: { done: 1, cancelled: 1, skipped: 1 } });
    expect(finished.spentUsd).toBeLessThanOrEqual(budget);
  }, 120_000);

  it('ends a build that failed before Fleet Control wrote its record as failed, and fails every run when the pipeline or its file is missing, saying how to set it up', async () => {
    const { app, seen } = await openApp();
    // An agent whose Node is too old for the pipeline: the set-up step fails, the job never reaches Fleet Control.
    const main = await changeMain({ [AZURE_PIPELINE_PATH]: azurePipeline(FACTS).replace(/versionSpec: "?20\.x"?/, 'versionSpec: 99.x') });
    try {
      const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
      const run = await whenEnded(seen, runs[0]!.runId);
      expect(run, agentLog(run.dispatchId)).toMatchObject({ state: 'failed', error: { code: 'RUNNER_RECORD_MISSING' } });
      expect(run.message).toContain("without the run's record");
      expect(run.jobs[0]!.steps.find((s) => s.name === 'Set up Node.js')!.state).toBe('failed');
      expect(run.jobs[0]!.steps.find((s) => s.name === 'Run Fleet Control')!.state).toBe('skipped');
      // The pipeline file gone from main: Azure refuses the run, each run of the batch says what to do.
      await restoreMain(main);
      await changeMain({ [AZURE_PIPELINE_PATH]: null });
      const noFile = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub', 'drivers-hub'], concurrency: 1 });
      const noFileEnds = await Promise.all(noFile.runs.map((r) => whenEnded(seen, r.runId)));
      expect(noFileEnds.map((r) => [r.state, r.error?.code])).toEqual([
        ['failed', 'WORKFLOW_NOT_FOUND'],
        ['failed', 'WORKFLOW_NOT_FOUND'],
      ]);
      expect(noFileEnds[0]!.message).toContain(`no ${AZURE_PIPELINE_PATH} on main`);
      // No pipeline runs the file: the same, naming the way to create one.
      await restoreMain(main);
      const definition = routes.definitions.get(31)!;
      routes.definitions.delete(31);
      try {
        const { app: fresh, seen: freshSeen } = await openApp();
        const noPipeline = await fresh.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
        const end = await whenEnded(freshSeen, noPipeline.runs[0]!.runId);
        expect(end).toMatchObject({ state: 'failed', error: { code: 'WORKFLOW_NOT_FOUND' } });
        expect(end.message).toContain(`Azure Pipelines has no pipeline of fleet-org/Fleet/fleet runs ${AZURE_PIPELINE_PATH}`);
        expect(end.message).toContain('Existing Azure Pipelines YAML file');
      } finally {
        routes.definitions.set(31, definition);
      }
    } finally {
      await restoreMain(main);
    }
  }, 120_000);

  it('fails a run whose provider key has no secret variable on the pipeline with KEY_MISSING from its record (Azure leaves the undefined $(NAME) macro as written)', async () => {
    const { app, seen } = await openApp();
    const { runs } = await app.handlers.startRemoteBatch({ ...request, provider: 'anthropic', model: 'claude-haiku-4-5', modules: ['fleet-hub'] });
    const run = await whenEnded(seen, runs[0]!.runId);
    expect(run, agentLog(run.dispatchId)).toMatchObject({ state: 'failed', outcome: 'failed', error: { code: 'KEY_MISSING' } });
    expect(run.message).toContain('ANTHROPIC_API_KEY is not set');
    expect(run.message).toContain('a secret variable of the pipeline (Azure Pipelines)');
    expect(run.jobs[0]!.steps.find((s) => s.name === 'Push the review branch')!.state).toBe('skipped');
    expect(await lsRemote(`refs/heads/fleet/review/fleet-hub/${run.dispatchId}`)).toBe('');
  }, 120_000);

  it('waits out Azure throttling the token (429 with Retry-After) and follows the run to its end; check --on azure prints the runs and exits 1 on a failed check; a GitHub remote is refused for Azure Pipelines', async () => {
    const { app } = await openApp();
    const out: string[] = [];
    const err: string[] = [];
    const usage = (m: string) => new Error(m);
    const checkRequest = remoteRequestOf('check', 'azure', undefined, { modules: ['fleet-hub'] }, usage);
    const from = azure.requests.length;
    // Throttled once the dispatch is long done (a dispatch's end kicks the loop at once, which is not this test's matter).
    const fleetStep = () => routes.runs.find((r) => r.records.some((t) => t.name === 'Run Fleet Control' && t.state === 'inProgress'));
    const throttled = until(fleetStep, Boolean, 'the Fleet Control step running', 60_000).then(() => (azure.throttleSeconds = 1));
    const code = await remoteCommand(app, checkRequest, (line = '') => out.push(line), (line) => err.push(line));
    await throttled;
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/fleet-hub {2}done {2}Done: the check failed\..*_build\/results\?buildId=\d+/);
    expect(out.at(-1)).toBe('0 of 1 remote runs passed.');
    // The 429 was answered and waited out: nothing was asked again before its Retry-After second had passed.
    const refused = azure.requests.findIndex((r, i) => i >= from && r.status === 429);
    expect(refused).toBeGreaterThan(-1);
    const next = azure.requests[refused + 1]!;
    expect(next.at! - azure.requests[refused]!.at!).toBeGreaterThanOrEqual(950);
    // A remote of the other host.
    git(dir, 'remote', 'add', 'gh', 'https://github.com/acme/fleet.git');
    try {
      const mismatch = await refusal(app.handlers.startRemoteBatch({ kind: 'check', target: 'azure', remote: 'gh', modules: ['fleet-hub'] }));
      expect(mismatch).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('"gh" is on GitHub: Azure Pipelines runs need an Azure DevOps remote') });
      const reverse = await refusal(app.handlers.startRemoteBatch({ kind: 'check', target: 'github', modules: ['fleet-hub'] }));
      expect(reverse.message).toContain('"origin" is on Azure DevOps: GitHub Actions runs need a GitHub remote');
    } finally {
      git(dir, 'remote', 'remove', 'gh');
    }
  }, 120_000);

  it('fleet-control implement --on azure --yes, run as a child process (the bundled CLI), prints the estimate, queues the run, follows it to a change waiting for review and exits 0; the module branch stays where it was', async () => {
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    provider.reset();
    provider.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
    const queuedBefore = routes.runs.length;
    const args = ['implement', dir, '--modules', 'fleet-hub', '--budget', '1', '--on', 'azure', '--provider', 'openai', '--model', 'gpt-4.1-mini', '--base-url', provider.baseUrl, '--yes'];
    const env = { ...cliEnv(makeTempDir('fleet-azure-cli-home-')), FLEET_GIT_TOKEN_ORIGIN: PAT };
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bundlePath, ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('openai gpt-4.1-mini');
    expect(result.stdout).toMatch(/^1 run, \$[\d.]+ - \$[\d.]+; .*batch budget \$1\.00/m);
    const queued = routes.runs.slice(queuedBefore);
    expect(queued.map((r) => r.parameters.module)).toEqual(['fleet-hub']);
    const review = `fleet/review/fleet-hub/${queued[0]!.parameters.runId}`;
    expect(result.stdout).toContain(`fleet-hub  done  Done: the change waits for review on ${review}.`);
    expect(result.stdout).toContain(`_build/results?buildId=${queued[0]!.id}`);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^1 of 1 remote runs/);
    expect(result.stderr).toMatch(/fleet-hub {2}running {2}Running: .*_build\/results/);
    expect(await lsRemote(`refs/heads/${review}`)).toMatch(/^[0-9a-f]{40}$/);
    expect(await lsRemote('refs/heads/module/fleet-hub')).toBe(tip);
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PAT);
  }, 120_000);
});
