// The world of the remote batch tests: a workspace with three modules ready to implement, its repository served by
// git's http-backend, the loopback Actions API with the set-up (workflow and bundled CLI) on main, three stand-in
// runners, a loopback provider; apps over it polling fast, and waits on the runs they announce.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { createFleetApp, type FleetApp } from '../../../../../src/main/core/app';
import { githubWorkflow } from '../../../../../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../../../../../src/main/core/runner/workflows/runner-files';
import type { FollowTuning } from '../../../../../src/main/core/runner/remote/follow-loop';
import type { RemoteRun } from '../../../../../src/shared/types-remote';
import { ActionsServer } from '../../../../helpers/actions-server';
import { cleanupTempDirs, commitFiles, git, makeTempDir } from '../../../../helpers/git';
import { GitHttpServer, gitAsync } from '../../../../helpers/git-http-server';
import { startProviderServer, type ProviderServer } from '../../../../helpers/provider-servers';
import { buildRunnerBundle } from '../../../../helpers/runner-bundle';
import { StandInRunner } from '../../../../helpers/stand-in-runner';
import { SOURCE, finishTurn, toolTurn } from '../../../cli/implement-fixture';
import { threeModuleWorkspace, whenEnded } from './remote-workspace';

export { ended, refusal, until, whenEnded } from './remote-workspace';

export const TOKEN = 'ghp_remoteBatchToken0123456789abcdef';
export const KEY = 'sk-remote-batch+Key/0123456789=zz';
export let provider: ProviderServer;
export let gitServer: GitHttpServer;
export let actions: ActionsServer;
export let runner: StandInRunner;
export let dir: string;
export let remote: string;
const apps: FleetApp[] = [];

/** Sets the world up before the file's tests and takes it down after them. */
export function useRemoteFixture(): void {
  beforeAll(async () => {
    const bundle = buildRunnerBundle();
    provider = await startProviderServer(() => toolTurn([{ name: 'finish', args: { summary: 'Nothing more to change.' } }]));
    gitServer = await GitHttpServer.start({ token: TOKEN });
    actions = await ActionsServer.start(TOKEN);
    dir = await threeModuleWorkspace();
    commitFiles(dir, { [GITHUB_WORKFLOW_PATH]: githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }), [RUNNER_BUNDLE_PATH]: readFileSync(await bundle) }, 'Set up Fleet Control on CI runners');
    const bare = gitServer.createBareRepo('acme/fleet');
    git(bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
    remote = gitServer.authUrl('acme/fleet');
    await gitAsync(dir, 'push', '-q', remote, 'refs/heads/*:refs/heads/*');
    git(dir, 'remote', 'add', 'origin', gitServer.url('acme/fleet'));
    actions.addRepo('acme/fleet', bare);
    runner = new StandInRunner({ actions, cloneUrl: (repo) => gitServer.url(repo), token: TOKEN, secrets: { OPENAI_API_KEY: KEY }, runners: 3 });
  }, 300_000);

  afterAll(async () => {
    for (const app of apps) await app.dispose();
    await Promise.all([provider?.close(), gitServer?.stop(), actions?.close()]);
    cleanupTempDirs();
  });
}

/** An app over the workspace, its GitHub host the loopback Actions API, polling fast; `appDataDir` to reopen one. */
export async function openApp(tuning: FollowTuning = {}, appDataDir = makeTempDir('fleet-remote-appdata-')): Promise<{ app: FleetApp; seen: RemoteRun[]; appDataDir: string }> {
  const app = createFleetApp({
    appDataDir,
    transport: 'browser',
    version: '0.0.0-test',
    watch: false,
    log: () => undefined,
    remotes: { env: { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: actions.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN } },
    remoteBatches: { pollMs: 40, hourlyShareCap: 1000, ...tuning },
    resumeBatches: true,
  });
  apps.push(app);
  const seen: RemoteRun[] = [];
  app.onEvent((event, payload) => event === 'remoteRunChanged' && seen.push(payload as RemoteRun));
  await app.openWorkspace(dir);
  return { app, seen, appDataDir };
}

export const request = { kind: 'implement' as const, target: 'github' as const, provider: 'openai', model: 'gpt-4.1-mini', budgetUsd: 1 };


export const lsRemote = async (ref: string): Promise<string> => (await gitAsync(makeTempDir(), 'ls-remote', remote, ref)).split('\t')[0] ?? '';


/** One remote run of fleet-hub whose runner edits the source file; resolves when the app announced its end. */
export async function remoteChange(app: FleetApp, seen: RemoteRun[]): Promise<RemoteRun> {
  provider.reset();
  provider.script(toolTurn([{ name: 'edit_file', args: { path: SOURCE, old_text: 'export {}', new_text: 'export const fixed = true;\n' } }]), finishTurn('The page exports the flag.'));
  const { runs } = await app.handlers.startRemoteBatch({ ...request, modules: ['fleet-hub'], baseUrl: provider.baseUrl });
  return whenEnded(seen, runs[0]!.runId);
}
