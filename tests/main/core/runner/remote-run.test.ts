// A remote run end to end at the runner's level: the generated workflow and the built single-file CLI committed on
// main of a repository served by git's http-backend; a run dispatched through Octokit to the loopback Actions server;
// the stand-in runner runs the workflow's steps (checkouts, the same `fleet-control runner-job` command line, the push
// step, the upload) against a loopback provider. Checked: the review branch on the remote with `git ls-remote` and
// `git log`, the module branch untouched, the steps' states, and the record in the artifact (read with `unzip`).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubWorkflow } from '../../../../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../../../../src/main/core/runner/workflows/runner-files';
import { RunnerRecordSchema, type RunnerRecord } from '../../../../src/shared/types-runner';
import { ActionsServer } from '../../../helpers/actions-server';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../helpers/git';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { startProviderServer, type ProviderServer } from '../../../helpers/provider-servers';
import { buildRunnerBundle } from '../../../helpers/runner-bundle';
import { StandInRunner } from '../../../helpers/stand-in-runner';
import { SOURCE, finishTurn, implementWorkspace, toolTurn } from '../../cli/implement-fixture';

const API_TOKEN = 'ghp_standInApiToken0123456789';
const KEY = 'sk-remote-run+Key/0123456789=zz';
let provider: ProviderServer;
let gitServer: GitHttpServer;
let actions: ActionsServer;
let octokit: Octokit;
let remote: string;
let tip: string;

beforeAll(async () => {
  const bundle = await buildRunnerBundle();
  provider = await startProviderServer(() => finishTurn('Nothing more to change.'));
  gitServer = await GitHttpServer.start();
  actions = await ActionsServer.start(API_TOKEN);
  octokit = new Octokit({ auth: API_TOKEN, baseUrl: actions.url });
  const { dir } = await implementWorkspace();
  // What merging the set-up pull request leaves on main: the workflow and the bundle.
  git(dir, 'checkout', '-q', 'main');
  commitFiles(dir, { [GITHUB_WORKFLOW_PATH]: githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }), [RUNNER_BUNDLE_PATH]: readFileSync(bundle) }, 'Set up Fleet Control on CI runners');
  const bare = gitServer.createBareRepo('fleet');
  // GitHub serves any reachable commit by id (actions/checkout fetches the dispatched sha).
  git(bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  remote = gitServer.authUrl('fleet');
  await gitAsync(dir, 'push', '-q', remote, 'refs/heads/*:refs/heads/*');
  tip = git(dir, 'rev-parse', 'module/fleet-hub');
  actions.addRepo('acme/fleet', bare);
  new StandInRunner({ actions, cloneUrl: () => gitServer.url('fleet'), token: gitServer.token!, secrets: { OPENAI_API_KEY: KEY } });
}, 300_000);

afterAll(async () => {
  await Promise.all([provider?.close(), gitServer?.stop(), actions?.close()]);
  cleanupTempDirs();
});

/** Dispatches one run as the app does and waits until the stand-in runner completed it. */
async function dispatch(runId: string, inputs: Record<string, string>): Promise<number> {
  await octokit.rest.actions.createWorkflowDispatch({ owner: 'acme', repo: 'fleet', workflow_id: 'fleet-control.yml', ref: 'main', inputs: { kind: 'implement', module: 'fleet-hub', tip, run_id: runId, budget: '2', provider: 'openai', model: 'gpt-4.1-mini', base_url: provider.baseUrl, max_minutes: '', engine: '', ...inputs } });
  const { data } = await octokit.rest.actions.listWorkflowRuns({ owner: 'acme', repo: 'fleet', workflow_id: 'fleet-control.yml', event: 'workflow_dispatch' });
  const run = data.workflow_runs.find((r) => r.display_title.includes(`(${runId})`))!;
  for (let i = 0; i < 1200; i++) {
    const { data: now } = await octokit.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'fleet', run_id: run.id });
    if (now.status === 'completed') return run.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not complete`);
}

async function steps(runId: number): Promise<Record<string, string | null>> {
  const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ owner: 'acme', repo: 'fleet', run_id: runId });
  return Object.fromEntries((data.jobs[0]!.steps ?? []).map((s) => [s.name, s.conclusion]));
}

async function artifactRecord(runId: number): Promise<{ record: RunnerRecord; files: string[]; zip: string }> {
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: 'acme', repo: 'fleet', run_id: runId });
  const artifact = data.artifacts[0]!;
  const download = await octokit.rest.actions.downloadArtifact({ owner: 'acme', repo: 'fleet', artifact_id: artifact.id, archive_format: 'zip' });
  const zip = join(makeTempDir('fleet-artifact-'), `${artifact.name}.zip`);
  writeFileSync(zip, Buffer.from(download.data as ArrayBuffer));
  const files = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
  const record = RunnerRecordSchema.parse(JSON.parse(execFileSync('unzip', ['-p', zip, 'record.json'], { encoding: 'utf8' })));
  return { record, files, zip };
}

async function log(runId: number): Promise<string> {
  const { data } = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner: 'acme', repo: 'fleet', job_id: runId + 1_000_000 });
  return String(data);
}

describe('a run dispatched to the stand-in runner', () => {
  it('pushes the change to fleet/review/<module>/<run> on the remote and uploads the record', async () => {
    provider.reset();
    provider.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
    const runId = await dispatch('remote-1', {});
    expect(await steps(runId), await log(runId)).toEqual({
      'Check out the bundled Fleet Control CLI (from the dispatched commit)': 'success',
      'Check out the module branch': 'success',
      'Fetch the base and workspace branches': 'success',
      'Set up Node.js': 'success',
      'Run Fleet Control': 'success',
      'Push the review branch': 'success',
      'Upload the run record': 'success',
    });
    const review = (await gitAsync(makeTempDir(), 'ls-remote', remote, 'refs/heads/fleet/review/fleet-hub/remote-1')).split('\t')[0]!;
    expect(review).toMatch(/^[0-9a-f]{40}$/);
    expect((await gitAsync(makeTempDir(), 'ls-remote', remote, 'refs/heads/module/fleet-hub')).split('\t')[0]).toBe(tip);
    const clone = makeTempDir('fleet-review-clone-');
    await gitAsync(clone, 'clone', '-q', '--no-checkout', remote, '.');
    expect(git(clone, 'log', '--format=%P', '-1', review)).toBe(tip);
    expect(git(clone, 'show', `${review}:${SOURCE}`)).toBe('export const fixed = true;');
    expect(git(clone, 'log', '-1', '--format=%B', review)).toContain('Fleet-Remote-Run: remote-1');
    const { record, files, zip } = await artifactRecord(runId);
    expect(files.sort()).toEqual(['record.json', 'transcript.jsonl']);
    expect(record).toMatchObject({ outcome: 'review', runId: 'remote-1', tip, reviewBranch: 'fleet/review/fleet-hub/remote-1', reviewCommit: review, error: null });
    expect(record.costUsd).toBeGreaterThan(0);
    const text = `${await log(runId)}\n${readFileSync(zip).toString('latin1')}`;
    expect(text).not.toContain(KEY);
  }, 180_000);

  it('refuses a tip the module branch is no longer at: the run fails, nothing is pushed, the record says why', async () => {
    provider.reset();
    const runId = await dispatch('remote-stale', { tip: 'b'.repeat(40) });
    const states = await steps(runId);
    expect(states['Run Fleet Control']).toBe('failure');
    expect(states['Push the review branch']).toBe('skipped');
    expect(states['Upload the run record']).toBe('success');
    expect(provider.requests).toHaveLength(0);
    expect(await gitAsync(makeTempDir(), 'ls-remote', remote, 'refs/heads/fleet/review/fleet-hub/remote-stale')).toBe('');
    const { record } = await artifactRecord(runId);
    expect(record).toMatchObject({ outcome: 'failed', reviewBranch: null, error: { code: 'BRANCH_MOVED' } });
    expect(await log(runId)).toMatch(/error: module\/fleet-hub is at [0-9a-f]{10}, not at bbbbbbbbbb/);
  }, 180_000);

  it('refuses a dispatch the workflow does not declare, as GitHub does', async () => {
    await expect(octokit.rest.actions.createWorkflowDispatch({ owner: 'acme', repo: 'fleet', workflow_id: 'fleet-control.yml', ref: 'main', inputs: { module: 'fleet-hub', tip, run_id: 'x', kind: 'implement', surprise: '1' } })).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Unexpected inputs provided: ["surprise"]') });
    await expect(octokit.rest.actions.createWorkflowDispatch({ owner: 'acme', repo: 'fleet', workflow_id: 'missing.yml', ref: 'main' })).rejects.toMatchObject({ status: 404 });
  });
});
