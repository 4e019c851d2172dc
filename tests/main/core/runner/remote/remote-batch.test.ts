// Remote batches end to end from the app's side: the app dispatches through the loopback Actions API, the stand-in
// runner runs the committed workflow (the bundled CLI against a loopback provider, pushing the review branch to git's
// http-backend, uploading the record), the app follows, fetches, shows the change and accepts it; checked with the
// git CLI. Also: refusals of a review branch force-pushed or deleted and of a moved module branch; cancel and the
// budget stop across three concurrent runs; a run that fails before writing its record; a missing workflow.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../../src/main/core/app';
import { githubWorkflow } from '../../../../../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../../../../../src/main/core/runner/workflows/runner-files';
import { FleetError } from '../../../../../src/shared/errors';
import type { RemoteRun } from '../../../../../src/shared/types-remote';
import { DEFAULT_PRICES } from '../../../../../src/shared/prices';
import { ActionsServer } from '../../../../helpers/actions-server';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../../helpers/git';
import { GitHttpServer, gitAsync } from '../../../../helpers/git-http-server';
import { startProviderServer, type ProviderServer } from '../../../../helpers/provider-servers';
import { buildRunnerBundle } from '../../../../helpers/runner-bundle';
import { StandInRunner } from '../../../../helpers/stand-in-runner';
import { SOURCE, finishTurn, implementWorkspace, toolTurn } from '../../../cli/implement-fixture';
import { openAiToolTurn } from '../../../../helpers/provider-servers';
import { remoteCommand, remoteRequestOf } from '../../../../../src/main/cli-remote';

const TOKEN = 'ghp_remoteBatchToken0123456789abcdef';
const KEY = 'sk-remote-batch+Key/0123456789=zz';
const TO_BE = '# TO-BE\n\n## Goal\nThe module page exports a `fixed` flag.\n\n## Changes\n- web/src/pages/FleetPage.tsx: export `const fixed = true`.\n';
let provider: ProviderServer;
let gitServer: GitHttpServer;
let actions: ActionsServer;
let dir: string;
let remote: string;
const apps: FleetApp[] = [];

beforeAll(async () => {
  const bundle = buildRunnerBundle();
  provider = await startProviderServer(() => toolTurn([{ name: 'finish', args: { summary: 'Nothing more to change.' } }]));
  gitServer = await GitHttpServer.start({ token: TOKEN });
  actions = await ActionsServer.start(TOKEN);
  ({ dir } = await implementWorkspace());
  // Two more modules with an approved TO-BE, for the three concurrent runs.
  const setup = createFleetApp({ appDataDir: makeTempDir('fleet-remote-setup-'), transport: 'browser', version: 't', watch: false, log: () => undefined });
  await setup.openWorkspace(dir);
  for (const moduleId of ['drivers-hub', 'maintenance-hub']) {
    const { commit } = await setup.handlers.commitDocuments({ moduleId, expectedTip: git(dir, 'rev-parse', `module/${moduleId}`), changes: [{ kind: 'to-be', content: TO_BE }], message: '' });
    await setup.handlers.approveDocument({ moduleId, kind: 'to-be', expectedTip: commit, approved: true });
  }
  await setup.dispose();
  git(dir, 'checkout', '-q', 'main');
  commitFiles(dir, { [GITHUB_WORKFLOW_PATH]: githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }), [RUNNER_BUNDLE_PATH]: readFileSync(await bundle) }, 'Set up Fleet Control on CI runners');
  const bare = gitServer.createBareRepo('acme/fleet');
  git(bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  remote = gitServer.authUrl('acme/fleet');
  await gitAsync(dir, 'push', '-q', remote, 'refs/heads/*:refs/heads/*');
  git(dir, 'remote', 'add', 'origin', gitServer.url('acme/fleet'));
  actions.addRepo('acme/fleet', bare);
  new StandInRunner({ actions, cloneUrl: (repo) => gitServer.url(repo), token: TOKEN, secrets: { OPENAI_API_KEY: KEY }, runners: 3 });
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.dispose();
  await Promise.all([provider?.close(), gitServer?.stop(), actions?.close()]);
  cleanupTempDirs();
});

/** An app over the workspace, its GitHub host the loopback Actions API, polling fast. */
async function openApp(tuning: { startLimitMs?: number } = {}): Promise<{ app: FleetApp; seen: RemoteRun[] }> {
  const app = createFleetApp({
    appDataDir: makeTempDir('fleet-remote-appdata-'),
    transport: 'browser',
    version: '0.0.0-test',
    watch: false,
    log: () => undefined,
    remotes: { env: { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: actions.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN } },
    remoteBatches: { pollMs: 40, hourlyShareCap: 1000, ...tuning },
  });
  apps.push(app);
  const seen: RemoteRun[] = [];
  app.onEvent((event, payload) => event === 'remoteRunChanged' && seen.push(payload as RemoteRun));
  await app.openWorkspace(dir);
  return { app, seen };
}

const request = { kind: 'implement' as const, target: 'github' as const, provider: 'openai', model: 'gpt-4.1-mini', budgetUsd: 1 };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ended = (run: RemoteRun) => ['done', 'failed', 'cancelled', 'timed-out', 'skipped'].includes(run.state);
const lsRemote = async (ref: string) => (await gitAsync(makeTempDir(), 'ls-remote', remote, ref)).split('\t')[0] ?? '';
async function refusal(call: Promise<unknown>): Promise<FleetError> {
  return call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: FleetError) => error,
  );
}

/** The last state the app announced for the run, once it ended. */
function whenEnded(seen: RemoteRun[], runId: string): Promise<RemoteRun> {
  return until(async () => seen.filter((r) => r.runId === runId).at(-1), (run) => run !== undefined && ended(run), `the end of ${runId}`) as Promise<RemoteRun>;
}

/** One remote run of fleet-hub whose runner edits the source file; resolves when the app announced its end. */
async function remoteChange(app: FleetApp, seen: RemoteRun[]): Promise<RemoteRun> {
  provider.reset();
  provider.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
  const { runs } = await app.handlers.startRemoteBatch({ ...request, modules: ['fleet-hub'], baseUrl: provider.baseUrl });
  return whenEnded(seen, runs[0]!.runId);
}

describe('remote implementation batches on GitHub Actions', () => {
  it('dispatches a run per module, follows it through its steps, fetches the review branch, shows the change and accepts it by moving the module branch and deleting the review branch', async () => {
    const { app, seen } = await openApp();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const run = await remoteChange(app, seen);
    expect(run, run.message ?? '').toMatchObject({ state: 'done', outcome: 'review', review: 'pending', tip, reviewBranch: `fleet/review/fleet-hub/${run.dispatchId}` });
    expect(run.costUsd).toBeGreaterThan(0);
    expect(run.url).toMatch(/\/acme\/fleet\/actions\/runs\/\d+$/);
    expect(run.budgetUsd).toBeLessThanOrEqual(1);
    // Followed: dispatched, then running with the steps' states, then done.
    const states = [...new Set(seen.filter((r) => r.runId === run.runId).map((r) => r.state))];
    expect(states).toEqual(expect.arrayContaining(['queued', 'dispatched', 'running', 'done']));
    expect(seen.some((r) => r.runId === run.runId && r.jobs[0]?.steps.some((s) => s.name === 'Run Fleet Control' && s.state === 'running'))).toBe(true);
    expect(run.jobs[0]!.steps.every((s) => s.state === 'succeeded')).toBe(true);
    // The dispatch carried the module, its tip and the share, on main.
    const dispatched = actions.runs.find((r) => r.inputs.run_id === run.dispatchId)!;
    expect(dispatched).toMatchObject({ ref: 'main', inputs: { kind: 'implement', module: 'fleet-hub', tip, budget: String(run.budgetUsd) } });
    // Nothing is accepted that was not reviewed.
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('RUN_NOT_REVIEWABLE');
    const changes = await app.handlers.getRemoteRunChanges({ runId: run.runId });
    expect(changes.files.map((f) => [f.path, f.status, f.kind])).toEqual([[SOURCE, 'modified', 'code']]);
    const sides = await app.handlers.readRemoteRunFile({ runId: run.runId, path: SOURCE });
    expect(sides).toMatchObject({ before: 'export {}\n', after: 'export const fixed = true;\n\n' });
    const accepted = await app.handlers.acceptRemoteRun({ runId: run.runId });
    expect(accepted).toMatchObject({ review: 'accepted', acceptedCommit: run.reviewCommit });
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(run.reviewCommit);
    expect(git(dir, 'rev-parse', `${run.reviewCommit}^`)).toBe(tip);
    expect(git(dir, 'show', `module/fleet-hub:${SOURCE}`)).toBe('export const fixed = true;');
    expect(await lsRemote(`refs/heads/${run.reviewBranch}`)).toBe('');
    // The review branch is never the module branch: the remote's module branch is where it was.
    expect(await lsRemote('refs/heads/module/fleet-hub')).toBe(tip);
    expect(JSON.stringify(seen)).not.toContain(KEY);
    // Put the module branch back for the next tests.
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', tip);
  }, 120_000);

  it('refuses to accept a change whose review branch was force-pushed or deleted, or whose module branch moved; nothing is moved', async () => {
    const { app, seen } = await openApp();
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const run = await remoteChange(app, seen);
    expect(run.state, run.message ?? '').toBe('done');
    await app.handlers.getRemoteRunChanges({ runId: run.runId });
    const branch = `refs/heads/${run.reviewBranch}`;
    await gitAsync(dir, 'push', '-q', '--force', remote, `${tip}:${branch}`);
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('REVIEW_BRANCH_FORCE_PUSHED');
    await gitAsync(dir, 'push', '-q', remote, `:${branch}`);
    expect((await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }))).code).toBe('REVIEW_BRANCH_GONE');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
    await gitAsync(dir, 'push', '-q', remote, `${run.reviewCommit}:${branch}`);
    const moved = git(dir, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'moved meanwhile');
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', moved);
    const error = await refusal(app.handlers.acceptRemoteRun({ runId: run.runId }));
    expect(error.code).toBe('BRANCH_MOVED');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(moved);
    expect(await lsRemote(branch)).toBe(run.reviewCommit);
    git(dir, 'update-ref', 'refs/heads/module/fleet-hub', tip);
  }, 120_000);

  it('cancels one of three concurrent runs on the host and stops dispatching when the rest of the budget cannot cover the next run, saying so for that module', async () => {
    const { app, seen } = await openApp();
    const modules = ['fleet-hub', 'drivers-hub', 'maintenance-hub'];
    const estimate = await app.handlers.estimateImplement({ modules, provider: 'openai', model: 'gpt-4.1-mini', baseUrl: provider.baseUrl, budgetUsd: 100 });
    const low = Math.max(...estimate.runs.map((r) => r.lowUsd!));
    // Each model call reports using half a run's lowest estimate; the budget covers two runs' shares and a little.
    const price = DEFAULT_PRICES['openai/gpt-4.1-mini']!;
    const tokens = Math.round((0.5 * low * 1e6) / price.input);
    provider.reset();
    const edit = { name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;' } };
    for (let i = 0; i < 3; i++) provider.script(openAiToolTurn({ toolCalls: [edit, { name: 'finish', args: { summary: 'Exports the flag.' } }], promptTokens: tokens, completionTokens: 10, model: 'gpt-4.1-mini' }));
    const budget = 2.2 * low;
    const { batch, runs } = await app.handlers.startRemoteBatch({ ...request, modules, budgetUsd: budget, concurrency: 3, baseUrl: provider.baseUrl });
    const [first, second, third] = runs;
    await until(async () => seen.find((r) => r.runId === second!.runId && r.state === 'running'), Boolean, 'the second run running');
    await app.handlers.cancelRemoteRun({ runId: second!.runId });
    const ends = await Promise.all(runs.map((r) => whenEnded(seen, r.runId)));
    expect(ends.map((r) => r.state), ends.map((r) => r.message).join('\n')).toEqual(['done', 'cancelled', 'skipped']);
    // Two shares of the lowest estimate went out at once; the third waited for them, then was not dispatched.
    const lowOf = (moduleId: string) => estimate.runs.find((r) => r.moduleId === moduleId)!.lowUsd!;
    expect(ends[0]!.budgetUsd).toBeCloseTo(lowOf('fleet-hub'), 9);
    expect(ends[1]!.budgetUsd).toBeCloseTo(lowOf('drivers-hub'), 9);
    expect(actions.runs.filter((r) => r.inputs.module === 'maintenance-hub')).toEqual([]);
    expect(ends[2]!.message).toMatch(/cannot cover this run's lowest estimate/);
    // The cancel reached the host: its CI run was cancelled and its share counts as spent (no record came back).
    expect(actions.runs.find((r) => r.inputs.run_id === second!.dispatchId)).toMatchObject({ cancelRequested: true, conclusion: 'cancelled' });
    expect(ends[1]).toMatchObject({ costUsd: ends[1]!.budgetUsd, costKnown: false });
    expect(ends[0]!.costUsd).toBeCloseTo(0.5 * low, 3);
    const finished = (await app.handlers.listRemoteBatches({})).find((b) => b.batchId === batch.batchId)!;
    expect(finished).toMatchObject({ state: 'finished', counts: { done: 1, cancelled: 1, skipped: 1 } });
    expect(finished.spentUsd).toBeLessThanOrEqual(budget);
    void first;
    void third;
  }, 120_000);

  it('ends a CI run that failed before Fleet Control wrote its record as failed, saying so, retries it once fixed, and fails every run of a batch when the workflow is not on the base branch', async () => {
    const { app, seen } = await openApp();
    // A runner whose Node is too old: the set-up step fails, the job never reaches Fleet Control.
    const main = git(dir, 'rev-parse', 'main');
    const broken = githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }).replace(/node-version: "?\d+"?/, 'node-version: "99"');
    commitFiles(dir, { [GITHUB_WORKFLOW_PATH]: broken }, 'A workflow this runner cannot run');
    await gitAsync(dir, 'push', '-q', remote, 'main');
    try {
      const { runs } = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub'] });
      const run = await whenEnded(seen, runs[0]!.runId);
      expect(run).toMatchObject({ state: 'failed', error: { code: 'RUNNER_RECORD_MISSING' } });
      expect(run.message).toContain('without the run\'s record');
      expect(run.jobs[0]!.steps.find((s) => s.name === 'Set up Node.js')!.state).toBe('failed');
      // Fixed on main, the failed run is retried: a new attempt with its own run id, followed to its end.
      git(dir, 'reset', '-q', '--hard', main);
      await gitAsync(dir, 'push', '-q', '--force', remote, 'main');
      const retried = await app.handlers.retryRemoteRun({ runId: run.runId });
      expect(retried).toMatchObject({ state: 'queued', attempt: 2, dispatchId: `${run.runId}.2`, error: null });
      const again = await whenEnded(seen, run.runId);
      expect(again).toMatchObject({ state: 'done', outcome: 'check-failed', attempt: 2 });
      expect(actions.runs.filter((r) => (r.inputs.run_id ?? '').startsWith(run.runId)).map((r) => r.inputs.run_id)).toEqual([run.runId, `${run.runId}.2`]);
      // Without the workflow on main, every run of the batch says what to do.
      git(dir, 'rm', '-q', GITHUB_WORKFLOW_PATH);
      git(dir, 'commit', '-q', '-m', 'no workflow');
      await gitAsync(dir, 'push', '-q', remote, 'main');
      const missing = await app.handlers.startRemoteBatch({ ...request, kind: 'check', modules: ['fleet-hub', 'drivers-hub'], concurrency: 1 });
      const ended2 = await Promise.all(missing.runs.map((r) => whenEnded(seen, r.runId)));
      expect(ended2.map((r) => [r.state, r.error?.code])).toEqual([
        ['failed', 'WORKFLOW_NOT_FOUND'],
        ['failed', 'WORKFLOW_NOT_FOUND'],
      ]);
    } finally {
      git(dir, 'reset', '-q', '--hard', main);
      await gitAsync(dir, 'push', '-q', '--force', remote, 'main');
    }
  }, 120_000);

  it('check --on github: dispatches a check per module, prints a line per change and a summary, exits 1 when a check failed; --on azure on a GitHub remote is refused, naming the host', async () => {
    const { app } = await openApp();
    const out: string[] = [];
    const err: string[] = [];
    const usage = (m: string) => new Error(m);
    const request = remoteRequestOf('check', 'github', undefined, { modules: ['fleet-hub'] }, usage);
    const code = await remoteCommand(app, request, (line = '') => out.push(line), (line) => err.push(line));
    expect(code).toBe(1);
    expect(err.some((l) => /^fleet-hub {2}running {2}Running: Run Fleet Control/.test(l))).toBe(true);
    expect(out.join('\n')).toMatch(/fleet-hub {2}done {2}Done: the check failed\..*\/actions\/runs\/\d+/);
    expect(out.at(-1)).toBe('0 of 1 remote runs passed.');
    expect(() => remoteRequestOf('check', 'gitlab', undefined, { modules: ['fleet-hub'] }, usage)).toThrow('--on must be one of github, azure, got "gitlab"');
    expect(() => remoteRequestOf('implement', 'github', undefined, { modules: ['fleet-hub'] }, usage)).toThrow(/--on needs --budget/);
    // Azure Pipelines runs go through an Azure DevOps remote (azure-batch.test.ts); this one is on GitHub.
    const azure = await refusal(app.handlers.startRemoteBatch({ kind: 'check', target: 'azure', modules: ['fleet-hub'] }));
    expect(azure).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('"origin" is on GitHub: Azure Pipelines runs need an Azure DevOps remote') });
  }, 120_000);
});
