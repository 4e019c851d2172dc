// "Set up CI runners" through the app's contract: the state of each remote read from a loopback GitHub API (contents
// and pull requests) in front of git's http-backend, before and after opening the set-up pull request as a job, once
// the pull request is merged on the server, and the refusals: not GitHub, no token, a token that may not push or may
// not open pull requests, a branch already holding other commits, a cancel. Checked with `git ls-remote` / `git show`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/api';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { SETUP_BRANCH } from '../../../../src/main/core/runner/setup-branch';
import type { Workspace } from '../../../../src/main/core/workspace/workspace';
import type { JobFinished } from '../../../../src/shared/types';
import type { RunnerSetupResult, RunnerSetupState } from '../../../../src/shared/types-runner-setup';
import { GitHubServer } from '../../../helpers/github-server';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { initialisedWorkspace, TOKEN } from '../remotes/remote-fixture';

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; data?: Record<string, unknown> } };

let gitServer: GitHttpServer;
let github: GitHubServer;
let app: FleetApp;
let call: (method: string, input: unknown) => Promise<Answer>;
let bundleFile: string;
let workspace: Workspace;
let repoName: string;
let bare: string;
let count = 0;
const finished = new Map<string, JobFinished>();

const tipIn = (dir: string, ref: string): string | null => {
  try {
    return git(dir, 'rev-parse', '--verify', '-q', ref);
  } catch {
    return null;
  }
};

beforeAll(async () => {
  gitServer = await GitHttpServer.start({ token: TOKEN });
  const bareOf = (repository: string) => join(gitServer.root, `${repository}.git`);
  github = await GitHubServer.start({
    token: TOKEN,
    branchTip: (repository, branch) => tipIn(bareOf(repository), `refs/heads/${branch}`),
    fileAt: (repository, ref, path) => {
      const sha = tipIn(bareOf(repository), `refs/heads/${ref}:${path}`);
      return sha ? { sha, size: Number(git(bareOf(repository), 'cat-file', '-s', sha)) } : null;
    },
  });
  bundleFile = join(makeTempDir('fleet-bundle-'), 'fleet-control.cjs');
  writeFileSync(bundleFile, '#!/usr/bin/env node\nconsole.log("0.1.0");\n');
  const env = { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.url, FLEET_RUNNER_BUNDLE: bundleFile };
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: '0.0.0-test', log: () => undefined, watch: false, remotes: { env } });
  app.onEvent((event, payload) => {
    if (event === 'jobFinished') finished.set((payload as JobFinished).jobId, payload as JobFinished);
  });
  call = createDispatcher(app.handlers, () => undefined).call as typeof call;
}, 60_000);
afterAll(async () => {
  await app.dispose();
  await Promise.all([gitServer.stop(), github.close()]);
  cleanupTempDirs();
});

beforeEach(async () => {
  repoName = `acme/fleet-${++count}`;
  bare = gitServer.createBareRepo(repoName);
  github.createRepo(repoName);
  github.permission = 'write';
  gitServer.readOnly = false;
  gitServer.stallWhen = null;
  workspace = await initialisedWorkspace();
  await gitAsync(workspace.path, 'push', '-q', gitServer.authUrl(repoName), 'main');
  await app.openWorkspace(workspace.path);
  await addRemoteConfig(workspace.repo, 'origin', gitServer.url(repoName));
  expect((await call('setRemoteCredential', { name: 'origin', token: TOKEN })).ok).toBe(true);
}, 60_000);

async function state(remote = 'origin'): Promise<RunnerSetupState> {
  const answer = await call('runnerSetupState', { remote });
  expect(answer.error).toBeUndefined();
  return (answer.value as RunnerSetupState[])[0]!;
}

async function waitFor(jobId: string): Promise<JobFinished> {
  for (let i = 0; i < 600 && !finished.has(jobId); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return finished.get(jobId)!;
}

async function propose(remote = 'origin'): Promise<JobFinished> {
  const started = await call('proposeRunnerSetup', { remote });
  expect(started.error).toBeUndefined();
  return waitFor((started.value as { jobId: string }).jobId);
}

describe('setting up CI runners from the app', () => {
  it('says not set up, then proposed with the pull request, then ready once it is merged on GitHub', async () => {
    expect(await state()).toMatchObject({
      phase: 'not-set-up',
      ready: false,
      source: 'github-api',
      workflow: 'missing',
      pipeline: 'missing',
      bundle: 'missing',
      pull: null,
      canPropose: true,
      appBundle: true,
      secretNames: expect.arrayContaining(['XAI_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY']),
      secretsUrl: `${gitServer.url(repoName).replace(/\.git$/, '')}/settings/secrets/actions`,
      error: null,
    });
    const job = await propose();
    expect(job).toMatchObject({ kind: 'runner-setup', ok: true, result: { remote: 'origin', outcome: 'opened', pull: { number: 1, state: 'open' } } });
    const result = (job as { result: RunnerSetupResult }).result;
    expect(git(bare, 'rev-parse', `refs/heads/${SETUP_BRANCH}`)).toBe(result.commit);
    expect(git(bare, 'show', `${SETUP_BRANCH}:.github/workflows/fleet-control.yml`)).toContain('workflow_dispatch');
    expect(git(bare, 'show', `${SETUP_BRANCH}:.fleet/runner/fleet-control.cjs`)).toContain('console.log("0.1.0")');
    const proposed = await state();
    expect(proposed).toMatchObject({ phase: 'proposed', ready: false, workflow: 'missing', pull: { number: 1, state: 'open', url: result.pull!.url } });

    // Merged on the website: the base holds the commit, the pull request says merged.
    git(bare, 'update-ref', 'refs/heads/main', result.commit!);
    github.updatePull(repoName, 1, { state: 'closed', merged_at: '2026-01-05T11:00:00Z' });
    expect(await state()).toMatchObject({ phase: 'ready', ready: true, workflow: 'current', pipeline: 'current', bundle: 'current', pull: { state: 'merged' } });

    // A newer app build: the runners still work, with another version of the bundle.
    writeFileSync(bundleFile, '#!/usr/bin/env node\nconsole.log("0.2.0");\n');
    expect(await state()).toMatchObject({ phase: 'outdated', ready: true, workflow: 'current', bundle: 'different' });
  }, 60_000);

  it('refuses a remote that is not on GitHub or Azure Repos, and one without a token, before anything is written', async () => {
    await addRemoteConfig(workspace.repo, 'azure', 'https://dev.azure.com/acme/fleet/_git/fleet');
    await addRemoteConfig(workspace.repo, 'gitlab', 'https://gitlab.com/acme/fleet.git');
    await addRemoteConfig(workspace.repo, 'fork', gitServer.url(`${repoName}-fork`));
    expect(await call('proposeRunnerSetup', { remote: 'gitlab' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringContaining('not GitHub or Azure Repos') } });
    expect(await call('proposeRunnerSetup', { remote: 'azure' })).toMatchObject({ ok: false, error: { code: 'TOKEN_MISSING' } });
    expect(await call('proposeRunnerSetup', { remote: 'fork' })).toMatchObject({ ok: false, error: { code: 'TOKEN_MISSING' } });
    expect(await call('proposeRunnerSetup', { remote: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'REMOTE_NOT_FOUND' } });
    expect(tipIn(workspace.path, `refs/heads/${SETUP_BRANCH}`)).toBeNull();
    const all = (await call('runnerSetupState', {})).value as RunnerSetupState[];
    expect(all.find((s) => s.remote === 'azure')).toMatchObject({ host: 'azure-devops', canPropose: true, phase: 'unknown', source: null, error: { code: 'TOKEN_MISSING' }, secretsUrl: 'https://dev.azure.com/acme/fleet/_build' });
    expect(all.find((s) => s.remote === 'gitlab')).toMatchObject({ host: 'gitlab', canPropose: false, phase: 'unknown', source: null, error: null });
    expect(all.find((s) => s.remote === 'fork')).toMatchObject({ canPropose: true, phase: 'unknown', error: { code: 'TOKEN_MISSING' } });
  }, 60_000);

  it('names the missing permission: Contents to push, Pull requests to open', async () => {
    gitServer.readOnly = true;
    const push = await propose();
    expect(push).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { needs: 'contents=write' } } });
    expect(push.error!.message).toContain('Contents: Read and write');
    expect(tipIn(bare, `refs/heads/${SETUP_BRANCH}`)).toBeNull();
    gitServer.readOnly = false;
    github.permission = 'read';
    const open = await propose();
    expect(open).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', data: { acceptedPermissions: 'pull_requests=write' } } });
    expect(open.error!.message).toContain('pull_requests=write');
    expect(github.pulls(repoName)).toHaveLength(0);
  }, 60_000);

  it('leaves a set-up branch that holds other commits on the remote alone', async () => {
    const other = makeTempDir('fleet-other-');
    // The server runs in this process: network git must not block its event loop.
    await gitAsync(other, 'clone', '-q', gitServer.authUrl(repoName), '.');
    git(other, '-c', 'user.name=Someone', '-c', 'user.email=someone@example.com', 'commit', '-q', '--allow-empty', '-m', 'their own set-up');
    await gitAsync(other, 'push', '-q', 'origin', `HEAD:refs/heads/${SETUP_BRANCH}`);
    const theirs = git(bare, 'rev-parse', `refs/heads/${SETUP_BRANCH}`);
    const job = await propose();
    expect(job).toMatchObject({ ok: false, error: { code: 'NON_FAST_FORWARD', message: expect.stringContaining('already exists on "origin"') } });
    expect(git(bare, 'rev-parse', `refs/heads/${SETUP_BRANCH}`)).toBe(theirs);
    expect(github.pulls(repoName)).toHaveLength(0);
  }, 60_000);

  it('stops when cancelled during the push, opening no pull request', async () => {
    gitServer.stallWhen = (method, path) => method === 'POST' && path.includes('git-receive-pack');
    const started = await call('proposeRunnerSetup', { remote: 'origin' });
    const { jobId } = started.value as { jobId: string };
    for (let i = 0; i < 200 && gitServer.stalled === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await call('cancelJob', { jobId })).ok).toBe(true);
    expect(await waitFor(jobId)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(github.pulls(repoName)).toHaveLength(0);
  }, 60_000);
});
