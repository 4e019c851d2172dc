// "Set up CI runners" up to the pull request: the set-up branch pushed to git's http-backend and opened as a pull
// request on the loopback GitHub API (the same remote's token for both), found again when asked twice; checked with
// `git ls-remote` and the served pull requests.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeRunnerSetup } from '../../../../src/main/core/runner/propose-setup';
import { SETUP_BRANCH } from '../../../../src/main/core/runner/setup-branch';
import { addRemoteConfig } from '../../../../src/main/core/remotes/remote-config';
import { GitHubServer } from '../../../helpers/github-server';
import { GitHttpServer, gitAsync } from '../../../helpers/git-http-server';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { initialisedWorkspace, remoteServices, TOKEN } from '../remotes/remote-fixture';

let gitServer: GitHttpServer;
let github: GitHubServer;
let bare: string;

beforeAll(async () => {
  gitServer = await GitHttpServer.start({ token: TOKEN });
  bare = gitServer.createBareRepo('acme/fleet');
  // The API answers for the branches the real repository holds.
  github = await GitHubServer.start({ token: TOKEN, branchTip: (_, branch) => { try { return git(bare, 'rev-parse', '--verify', '-q', `refs/heads/${branch}`); } catch { return null; } } });
  github.createRepo('acme/fleet');
});
afterAll(async () => {
  await Promise.all([gitServer.stop(), github.close()]);
  cleanupTempDirs();
});

describe('proposing the CI runner set-up', () => {
  it('pushes fleet/setup-ci-runners and opens its pull request into the base, then finds it again', async () => {
    const workspace = await initialisedWorkspace();
    await gitAsync(workspace.path, 'push', '-q', gitServer.authUrl('acme/fleet'), 'main');
    await addRemoteConfig(workspace.repo, 'origin', gitServer.url('acme/fleet'));
    const env = { FLEET_GIT_TOKEN: TOKEN, FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.url };
    const services = { remotes: remoteServices(env), pulls: { secrets: remoteServices().secrets, env, userAgent: 'fleet-control/test' } };
    const bundle = Buffer.from('console.log("0.1.0");\n');
    const first = await proposeRunnerSetup(services, workspace, { remote: 'origin', bundle });
    expect(first.outcome).toBe('opened');
    expect((await gitAsync(makeTempDir(), 'ls-remote', gitServer.authUrl('acme/fleet'), `refs/heads/${SETUP_BRANCH}`)).split('\t')[0]).toBe(first.commit);
    expect(github.pulls('acme/fleet')).toMatchObject([{ head: SETUP_BRANCH, base: 'main', state: 'open', title: 'Set up Fleet Control on CI runners' }]);
    expect(first.pull?.url).toContain('/acme/fleet/pull/1');
    const again = await proposeRunnerSetup(services, workspace, { remote: 'origin', bundle });
    expect(again).toMatchObject({ outcome: 'existed', commit: first.commit });
    expect(github.pulls('acme/fleet')).toHaveLength(1);
  }, 120_000);

  it('stops when cancelled while GitHub has not answered the pull request yet, with no pull request opened', async () => {
    const workspace = await initialisedWorkspace();
    github.createRepo('acme/held');
    gitServer.createBareRepo('acme/held');
    await gitAsync(workspace.path, 'push', '-q', gitServer.authUrl('acme/held'), 'main');
    await addRemoteConfig(workspace.repo, 'origin', gitServer.url('acme/held'));
    const env = { FLEET_GIT_TOKEN: TOKEN, FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.url };
    const controller = new AbortController();
    // The request to open the pull request is held until the cancel, as a slow GitHub would hold it.
    const held: typeof fetch = async (url, init) => {
      if (init?.method === 'POST') {
        setTimeout(() => controller.abort(), 50);
        await new Promise((resolve) => init.signal?.addEventListener('abort', resolve, { once: true }));
        throw init.signal!.reason;
      }
      return fetch(url, init);
    };
    const services = { remotes: remoteServices(env), pulls: { secrets: remoteServices().secrets, env, userAgent: 'fleet-control/test', fetch: held } };
    const started = Date.now();
    await expect(proposeRunnerSetup(services, workspace, { remote: 'origin', bundle: Buffer.from('x\n'), signal: controller.signal })).rejects.toBeDefined();
    // At once, not after the client's own 30-second time limit.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(github.pulls('acme/held')).toHaveLength(0);
  }, 120_000);
});
