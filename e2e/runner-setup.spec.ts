// "Set up CI runners" in Chromium: a served repository whose origin is a real git server (git http-backend on loopback)
// that main treats as a GitHub Enterprise host, with a loopback GitHub API reading branches and files from the same
// bare repository. Settings → Remotes → CI runners opens the set-up pull request (the built bundle pushed with the
// workflow), checked with git on the server; merged there, the screen says set up after Check again.

import { expect, test } from '@playwright/test';
import { GitHttpServer, gitAsync } from '../tests/helpers/git-http-server';
import { GitHubServer } from '../tests/helpers/github-server';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

const TOKEN = 'ghp_e2e_runner_setup_token';
const REPO = 'acme/fleet';
const SETUP_BRANCH = 'fleet/setup-ci-runners';

let repo: string;
let bare: string;
let server: FleetServer;
let gitServer: GitHttpServer;
let github: GitHubServer;

const tipIn = (ref: string): string | null => {
  try {
    return git(bare, ['rev-parse', '--verify', '-q', ref]);
  } catch {
    return null;
  }
};

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  gitServer = await GitHttpServer.start({ token: TOKEN });
  bare = gitServer.createBareRepo(REPO);
  // GitHub answers from the bare repository: its branches, and a file's blob at a branch (the contents API).
  github = await GitHubServer.start({
    token: TOKEN,
    branchTip: (_repository, branch) => tipIn(`refs/heads/${branch}`),
    fileAt: (_repository, ref, path) => {
      const sha = tipIn(`refs/heads/${ref}:${path}`);
      return sha ? { sha, size: Number(git(bare, ['cat-file', '-s', sha])) } : null;
    },
  });
  github.createRepo(REPO);
  // Asynchronously: the git server answers from this same process.
  await gitAsync(repo, 'push', '-q', gitServer.authUrl(REPO), 'main');
  git(repo, ['remote', 'add', 'origin', gitServer.url(REPO)]);
  server = await startServer(repo, { FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`, FLEET_GITHUB_API_URL: github.enterpriseApiUrl, FLEET_GIT_TOKEN_ORIGIN: TOKEN });
});

test.afterAll(async () => {
  await server?.close();
  await gitServer?.stop();
  await github?.close();
  removeTempDirs();
});

test('opens the set-up pull request from Settings → Remotes, and says set up once GitHub merged it', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  const section = page.getByTestId('runner-setup');
  await expect(section.getByRole('heading', { level: 2, name: 'CI runners' })).toBeVisible();
  const origin = section.locator('[data-testid="runner-remote"][data-remote="origin"]');
  await expect(origin.getByTestId('runner-chip')).toHaveText('Not set up');
  await expect(origin.getByTestId('runner-headline')).toHaveText('Not set up: main has no Fleet Control workflow yet.');
  await expect(origin.locator('[data-file="workflow"]')).toContainText('not on main');
  await expect(origin.getByTestId('runner-secrets')).toContainText('XAI_API_KEY, OPENAI_API_KEY or ANTHROPIC_API_KEY');
  await expect(origin.getByTestId('runner-secrets-link')).toHaveAttribute('href', `http://127.0.0.1:${gitServer.port}/${REPO}/settings/secrets/actions`);
  await expect(origin.getByTestId('runner-azure')).toContainText('comes with the set-up pull request');
  await expectNoSeriousA11yViolations(page, 'the CI runners section, not set up');
  await screenshot(page, 'runner-setup', 'light', section);
  await screenshot(page, 'runner-setup', 'dark', section);

  // From the keyboard: the button is reached and pressed like any other.
  const open = origin.getByRole('button', { name: 'Open the set-up pull request' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(origin.getByTestId('runner-result')).toHaveText('Pull request #1 opened on origin: merge it into main there.', { timeout: 20_000 });
  await expect(origin.getByTestId('runner-chip')).toHaveText('Waiting for merge');
  await expect(origin.getByTestId('runner-headline')).toContainText('Waiting for the set-up pull request #1 to be merged into main.');
  await expect(origin.getByTestId('runner-pull-link')).toHaveAttribute('href', `${github.url}/${REPO}/pull/1`);
  await expect(origin.getByTestId('runner-pull-state')).toHaveText('open');
  await expect(page.locator('body')).not.toContainText(TOKEN);

  // The branch is on the server with the workflow and the app's built bundle; the pull request is on GitHub.
  const listed = await gitAsync(makeTempDir('fleet-ls-'), 'ls-remote', gitServer.authUrl(REPO), `refs/heads/${SETUP_BRANCH}`);
  const commit = listed.split('\t')[0]!;
  expect(commit).toMatch(/^[0-9a-f]{40}$/);
  expect(git(bare, ['show', `${commit}:.github/workflows/fleet-control.yml`])).toContain('workflow_dispatch');
  expect(Number(git(bare, ['cat-file', '-s', `${commit}:.fleet/runner/fleet-control.cjs`]))).toBeGreaterThan(500_000);
  expect(git(bare, ['rev-parse', `${commit}^`])).toBe(git(repo, ['rev-parse', 'main']));
  expect(github.pulls(REPO)).toMatchObject([{ head: SETUP_BRANCH, base: 'main', state: 'open', title: 'Set up Fleet Control on CI runners' }]);
  await expectNoSeriousA11yViolations(page, 'the CI runners section, waiting for the merge');

  // Merged on the website: main holds the commit, the pull request says merged.
  git(bare, ['update-ref', 'refs/heads/main', commit]);
  github.updatePull(REPO, 1, { state: 'closed', merged_at: '2026-12-03T13:00:00Z' });
  await section.getByRole('button', { name: 'Check again' }).click();
  await expect(origin.getByTestId('runner-chip')).toHaveText('Set up');
  await expect(origin.getByTestId('runner-headline')).toContainText('Set up: runs can start on this remote\'s CI.');
  await expect(origin.locator('[data-file="bundle"]')).toContainText('on main, as this app writes it');
  await expect(origin.getByTestId('runner-pull-state')).toHaveText('merged');
  await expect(origin.getByTestId('runner-azure')).toContainText('create a pipeline in Azure DevOps');
  await expect(open).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the CI runners section, set up');
});
