// Pull requests in Chromium: a remote on a real git server (git http-backend on loopback) that main treats as a
// GitHub Enterprise host, whose API is a loopback server speaking GitHub's pull-request endpoints and reading
// branches from the same bare repository. Open a PR (pushing the branch first), see its link and state on the
// module page and the card, refresh it to merged; a GitLab remote gets a link to its merge-request page instead.

import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { GitHttpServer, gitAsync } from '../tests/helpers/git-http-server';
import { GitHubServer } from '../tests/helpers/github-server';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot, showModuleTab } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'ghp_e2e_pulls_token';
const REPO = 'acme/fleet';

let repo: string;
let server: FleetServer;
let gitServer: GitHttpServer;
let github: GitHubServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  commitFileToBranch(repo, 'module/fleet-hub', 'enhancements/fleet-hub/ENHANCEMENT_SUMMARY.md', '# Fleet Hub\n\nThe vehicle list paginates on the server.\n', 'docs(fleet-hub): summary');
  gitServer = await GitHttpServer.start({ token: TOKEN });
  const bare = gitServer.createBareRepo(REPO);
  // GitHub knows the branches the git server holds: a branch is "on GitHub" once it was pushed there.
  github = await GitHubServer.start({
    token: TOKEN,
    branchTip: (_repository, branch) => {
      try {
        return git(bare, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]);
      } catch {
        return null;
      }
    },
  });
  github.createRepo(REPO);
  // Asynchronously: the git server answers from this same process.
  await gitAsync(repo, 'push', '-q', gitServer.authUrl(REPO), 'main');
  git(repo, ['remote', 'add', 'origin', gitServer.url(REPO)]);
  server = await startServer(repo, {
    FLEET_GITHUB_HOSTS: `127.0.0.1:${gitServer.port}`,
    FLEET_GITHUB_API_URL: github.enterpriseApiUrl,
    FLEET_GIT_TOKEN_ORIGIN: TOKEN,
  });
});

test.afterAll(async () => {
  await server?.close();
  await gitServer?.stop();
  await github?.close();
  removeTempDirs();
});

async function openModule(page: import('@playwright/test').Page, moduleId: string) {
  await openBoard(page, server.url);
  await card(page, moduleId).click();
  await showModuleTab(page, 'pull-request');
  await expect(page.getByTestId('pull-panel')).toBeVisible();
}

test('opens a pull request for a module: pushes the branch first when GitHub lacks it, then shows its link and state', async ({ page }) => {
  await openModule(page, 'fleet-hub');
  const panel = page.getByTestId('pull-panel');
  await expect(panel.getByRole('heading', { name: 'Pull request' })).toBeVisible();

  await panel.getByRole('button', { name: 'Open pull request on origin' }).click();
  await expect(panel.getByRole('alert')).toContainText('module/fleet-hub is not on "origin" (acme/fleet) yet: push the branch first');
  await panel.getByRole('button', { name: 'Push module/fleet-hub to origin, then open it' }).click();
  await expect(panel.getByTestId('pull-status')).toHaveText('Pull request #1 opened.');
  expect(git(join(gitServer.root, `${REPO}.git`), ['rev-parse', 'refs/heads/module/fleet-hub'])).toBe(git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']));

  const link = panel.getByTestId('pull-link');
  await expect(link).toHaveText('#1 Fleet Hub');
  await expect(link).toHaveAttribute('href', `${github.url}/${REPO}/pull/1`);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(panel.getByTestId('pull-link-state')).toHaveText('open');
  const [opened] = github.pulls(REPO);
  expect(opened).toMatchObject({ title: 'Fleet Hub', head: 'module/fleet-hub', base: 'main' });
  expect(opened!.body).toContain('The vehicle list paginates on the server.');
  await expect(page.locator('body')).not.toContainText(TOKEN);

  await expectNoSeriousA11yViolations(page, 'the module page with its pull request');
  await screenshot(page, 'pull-request-module', 'light');
  await screenshot(page, 'pull-request-module', 'dark');

  await page.getByRole('button', { name: 'Back to board' }).click();
  const chip = card(page, 'fleet-hub').getByTestId('pull-state');
  await expect(chip).toHaveText('PR #1 open');
  await expect(chip).toHaveAccessibleName('Pull request #1 on origin: open');
  await expect(card(page, 'drivers-hub').getByTestId('pull-state')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the board with a pull request chip');
});

test('a pull request merged on GitHub shows as merged after Refresh, on the module page and the card', async ({ page }) => {
  github.updatePull(REPO, 1, { state: 'closed', merged_at: '2026-01-06T09:00:00Z' });
  await openModule(page, 'fleet-hub');
  const panel = page.getByTestId('pull-panel');
  await expect(panel.getByTestId('pull-link-state')).toHaveText('open');
  await panel.getByRole('button', { name: 'Refresh pull request states' }).click();
  await expect(panel.getByTestId('pull-link-state')).toHaveText('merged');
  await page.keyboard.press('Escape');
  await expect(card(page, 'fleet-hub').getByTestId('pull-state')).toHaveText('PR #1 merged');
  await expect(page.getByTestId('pulls-summary')).toHaveText('1 pull request: 1 merged');
  await expectNoSeriousA11yViolations(page, 'the board with a merged pull request');
  await screenshot(page, 'pull-request-board', 'light');
  await screenshot(page, 'pull-request-board', 'dark');
  // The board's own Refresh asks again (nothing changed on GitHub since).
  await page.getByTestId('refresh-all-pulls').click();
  await expect(page.getByTestId('refresh-all-pulls')).toBeEnabled();
  await expect(card(page, 'fleet-hub').getByTestId('pull-state')).toHaveText('PR #1 merged');
});

test('a GitLab remote gets a link to its new merge request page instead of an API call', async ({ page }) => {
  git(repo, ['remote', 'add', 'gitlab', 'https://gitlab.com/acme/fleet.git']);
  await openModule(page, 'drivers-hub');
  const panel = page.getByTestId('pull-panel');
  await panel.getByLabel('Remote').selectOption('gitlab');
  const link = panel.getByRole('link', { name: 'Open a pull request on GitLab' });
  await expect(link).toHaveAttribute(
    'href',
    'https://gitlab.com/acme/fleet/-/merge_requests/new?merge_request%5Bsource_branch%5D=module%2Fdrivers-hub&merge_request%5Btarget_branch%5D=main',
  );
  await expect(panel.getByRole('button', { name: /Open pull request/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the pull request section with a GitLab remote');
});

test('a module branch with nothing the base lacks cannot open a pull request, and says why', async ({ page }) => {
  // safety-hub's branch points at main itself: nothing to merge.
  git(repo, ['update-ref', 'refs/heads/module/safety-hub', 'refs/heads/main']);
  await openModule(page, 'safety-hub');
  const panel = page.getByTestId('pull-panel');
  const button = panel.getByRole('button', { name: 'Open pull request on origin' });
  await expect(button).toBeDisabled();
  await expect(panel.getByTestId('pull-disabled-reason')).toHaveText('module/safety-hub has no commits that main lacks: nothing to merge yet.');
  await expect(button).toHaveAccessibleDescription('module/safety-hub has no commits that main lacks: nothing to merge yet.');
});
