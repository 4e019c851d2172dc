// GitHub as a remote-runs spec needs it, all on loopback: the repository pushed to git's http-backend as `origin`, the
// Actions API (tests/helpers/actions-server.ts) behind a front that also answers the runner set-up's reads (contents
// of the base branch from the bare repository, no set-up pull request), and a stand-in runner that runs the committed
// workflow. `env` is what `fleet-control serve` needs to reach them.

import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { ActionsServer } from '../../tests/helpers/actions-server';
import { GitHttpServer, gitAsync } from '../../tests/helpers/git-http-server';
import { StandInRunner } from '../../tests/helpers/stand-in-runner';
import { git } from './git';
import { go } from './page';
import { makeTempDir } from './repo';

export interface GitHubStandIns {
  gitServer: GitHttpServer;
  actions: ActionsServer;
  bare: string;
  /** Environment for startServer: the GitHub host, its API, the token and the runner bundle. */
  env: NodeJS.ProcessEnv;
  /** The tip of the first branch on the remote whose name starts with `prefix`; '' when none. */
  remoteTip(prefix: string): Promise<string>;
  close(): Promise<void>;
}

/** The GitHub API as main sees it: the set-up's reads answered from the bare repository, the rest forwarded to Actions. */
function startFrontApi(owner: string, bare: string, actionsUrl: string): Promise<Server> {
  const api = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contents = new RegExp(`^/repos/${owner}/contents/(.+)$`).exec(url.pathname);
    if (req.method === 'GET' && contents) {
      const path = contents[1]!.split('/').map(decodeURIComponent).join('/');
      let sha: string | null;
      try {
        sha = git(bare, ['rev-parse', '--verify', '-q', `${url.searchParams.get('ref') ?? 'main'}:${path}`]);
      } catch {
        sha = null;
      }
      res.writeHead(sha ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(sha ? { type: 'file', sha, path, name: path.split('/').pop(), size: 0, encoding: 'none', content: '' } : { message: 'Not Found', status: '404' }));
      return;
    }
    if (req.method === 'GET' && url.pathname === `/repos/${owner}/pulls`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
      return;
    }
    const target = new URL(req.url ?? '/', actionsUrl);
    const forward = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(forward);
  });
  return new Promise((resolveListen) => api.listen(0, '127.0.0.1', () => resolveListen(api)));
}

/** Pushes every branch of `repo` to a new GitHub stand-in repository `owner` (as origin) and starts the runner. */
export async function startGitHubStandIns(repo: string, options: { owner: string; token: string; bundle: string; runners?: number; secrets?: Record<string, string> }): Promise<GitHubStandIns> {
  const { owner, token } = options;
  const gitServer = await GitHttpServer.start({ token });
  const bare = gitServer.createBareRepo(owner);
  git(bare, ['config', 'uploadpack.allowReachableSHA1InWant', 'true']);
  await gitAsync(repo, 'push', '-q', gitServer.authUrl(owner), 'refs/heads/*:refs/heads/*');
  git(repo, ['remote', 'add', 'origin', gitServer.url(owner)]);
  // Asynchronously: the git server answers from this same process.
  await gitAsync(repo, 'fetch', '-q', gitServer.authUrl(owner), '+refs/heads/*:refs/remotes/origin/*');
  const actions = await ActionsServer.start(token);
  // A GitHub App's allowance on Enterprise Cloud: the follow loop's share of it lets a 2 s pace be a 2 s pace.
  actions.hourlyLimit = 15_000;
  actions.addRepo(owner, bare);
  const front = await startFrontApi(owner, bare, actions.url);
  new StandInRunner({ actions, cloneUrl: () => gitServer.url(owner), token, secrets: options.secrets ?? {}, runners: options.runners ?? 1 });
  return {
    gitServer,
    actions,
    bare,
    env: {
      FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`,
      FLEET_GITHUB_API_URL: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
      FLEET_GIT_TOKEN_ORIGIN: token,
      FLEET_RUNNER_BUNDLE: options.bundle,
    },
    remoteTip: async (prefix) => {
      const lines = (await gitAsync(makeTempDir('fleet-ls-'), 'ls-remote', gitServer.authUrl(owner))).split('\n');
      return lines.map((l) => l.split('\t')).find(([, ref]) => ref?.startsWith(prefix))?.[0] ?? '';
    },
    close: async () => {
      await new Promise((r) => front.close(r));
      await Promise.all([gitServer.stop(), actions.close()]);
    },
  };
}

/** Settings → Remotes → CI runners: remote runs checked every `seconds` (the specs' pace; `serve` honours it as the app does). */
export async function checkRemoteRunsEvery(page: Page, seconds: number): Promise<void> {
  await go(page, '#/settings/remotes');
  const poll = page.getByTestId('runner-poll');
  await poll.getByLabel('Check remote runs every N seconds').fill(String(seconds));
  await poll.getByRole('button', { name: 'Save' }).click();
  await expect(poll.getByRole('status')).toHaveText('Saved.');
  await go(page, '#/');
}
