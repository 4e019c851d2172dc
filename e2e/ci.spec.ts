// CI status in Chromium, over a real repository served by `fleet-control serve` whose remote is a GitHub URL: main
// reads CI from a loopback server speaking GitHub's GraphQL statusCheckRollup (FLEET_GITHUB_API_URL, the remote's
// token from FLEET_GIT_TOKEN_ORIGIN). One module passing, one failing with a summary, one running, one pushed with
// nothing run: the board's cards and CI line show them with counts, the module page's CI tab lists the checks with
// their links and the failure's first lines, and a change on the host shows after Refresh. Light and dark screenshots.

import { expect, test, type Page } from '@playwright/test';
import { GitHubCiServer } from '../tests/helpers/github-ci-server';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git } from './support/git';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot, showModuleTab } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'ghp_e2e_ci_token';
const REPO = 'acme/fleet';
const FAILURE = ['FAIL  src/drivers/list.test.ts > paginates on the server', 'AssertionError: expected 50 rows, got 0', '  at src/drivers/list.test.ts:41:17'].join('\n');

let repo: string;
let server: FleetServer;
let github: GitHubCiServer;
const tip = (branch: string) => git(repo, ['rev-parse', `refs/heads/${branch}`]);

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  git(repo, ['remote', 'add', 'origin', `https://github.com/${REPO}.git`]);
  // The host has these branches at the local tips (as after a push); the others were never pushed.
  const pushed = ['module/fleet-hub', 'module/drivers-hub', 'module/maintenance-hub', 'module/safety-hub', 'main'];
  github = await GitHubCiServer.start({ token: TOKEN, repository: REPO, branches: Object.fromEntries(pushed.map((b) => [b, tip(b)])) });
  github.report(tip('module/fleet-hub'), [
    { name: 'unit', status: 'completed', conclusion: 'success', workflow: 'CI' },
    { name: 'lint', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ]);
  github.report(tip('module/drivers-hub'), [
    { name: 'unit', status: 'completed', conclusion: 'failure', workflow: 'CI', title: '1 test failed', summary: FAILURE },
    { name: 'lint', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ]);
  github.report(tip('module/maintenance-hub'), [
    { name: 'unit', status: 'in_progress', conclusion: null, workflow: 'CI' },
    { name: 'lint', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ]);
  github.report(tip('main'), [{ name: 'unit', status: 'completed', conclusion: 'success', workflow: 'CI' }]);
  server = await startServer(repo, { FLEET_GITHUB_API_URL: github.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN });
});

test.afterAll(async () => {
  await server?.close();
  await github?.close();
  removeTempDirs();
});

const badge = (page: Page, moduleId: string) => card(page, moduleId).getByTestId('ci-badge');

test('shows each module branch CI on its card with counts, and the base, integration and workspace branches on the board CI line', async ({ page }) => {
  const errors = watchConsole(page);
  await openBoard(page, server.url);
  await expect(badge(page, 'fleet-hub')).toHaveAttribute('data-state', 'passing');
  await expect(badge(page, 'fleet-hub')).toContainText('CI 2 ✓');
  await expect(badge(page, 'drivers-hub')).toHaveAttribute('data-state', 'failing');
  await expect(badge(page, 'drivers-hub')).toContainText('CI 1 ✓ 1 ✗');
  await expect(badge(page, 'drivers-hub')).toHaveAttribute('title', 'unit: FAILURE\nlint: SUCCESS');
  await expect(badge(page, 'maintenance-hub')).toHaveAttribute('data-state', 'running');
  await expect(badge(page, 'maintenance-hub')).toContainText('CI 1 ✓ 1 ⟳');
  // Pushed, nothing ran: one quiet chip. Never pushed: nothing (the remote chips say that already).
  await expect(badge(page, 'safety-hub')).toHaveAttribute('data-state', 'none');
  await expect(badge(page, 'safety-hub')).toContainText('no CI');
  await expect(badge(page, 'analytics-hub')).toHaveCount(0);
  await expect(page.getByTestId('ci-badge')).toHaveCount(4);
  // The card's accessible description spells the counts out.
  await expect(card(page, 'drivers-hub')).toHaveAccessibleDescription(/CI: 1 passing, 1 failing/);

  const bar = page.getByTestId('ci-bar');
  await expect(bar.getByTestId('ci-source')).toContainText(`origin · GitHub ${REPO}`);
  await expect(bar.getByTestId('ci-modules')).toHaveText('Module branches: 1 failing, 1 running, 1 passing, 29 without CI');
  await expect(bar.locator('[data-role="base"]')).toContainText('Base main');
  await expect(bar.locator('[data-role="base"]')).toHaveAttribute('data-state', 'passing');
  await expect(bar.locator('[data-role="integration"]')).toContainText('fleet/integration');
  await expect(bar.locator('[data-role="workspace"]')).toContainText('fleet/workspace');
  await expect(bar.locator('[data-role="workspace"]')).toHaveAttribute('data-state', 'none');
  await expectNoSeriousA11yViolations(page, 'board with CI');
  await screenshot(page, 'ci-board', 'light', bar);
  await screenshot(page, 'ci-board', 'dark', bar);
  // The first group holds the four modules the host knows.
  const group = page.getByTestId('module-group').first();
  await screenshot(page, 'ci-cards', 'light', group);
  await screenshot(page, 'ci-cards', 'dark', group);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(errors()).toEqual([]);
});

test('lists a module branch checks on its CI tab with links, the failure summary, the tip they are for and the rate use', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'drivers-hub').click();
  await showModuleTab(page, 'ci');
  await expect(page.getByTestId('ci-tab-badge')).toHaveText('1 failing');
  const panel = page.getByTestId('ci-panel');
  const checks = panel.getByTestId('ci-check');
  await expect(checks).toHaveCount(2);
  // Failing first, with its link to the host's page and the first lines of its summary.
  await expect(checks.first()).toHaveAttribute('data-state', 'failing');
  const link = checks.first().getByTestId('ci-check-link');
  await expect(link).toHaveText('unit');
  await expect(link).toHaveAttribute('href', new RegExp(`^${github.url}/${REPO}/actions/runs/\\d+/job/\\d+$`));
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(checks.first().getByTestId('ci-check-summary')).toHaveText(`1 test failed\n${FAILURE}`);
  await expect(checks.first()).toContainText('workflow CI');
  await expect(checks.first()).toContainText('GitHub says FAILURE');
  await expect(checks.first()).toContainText('took 3 min 0 s');
  await expect(checks.first().getByTestId('ci-check-actions')).toBeAttached();
  await expect(checks.nth(1)).toHaveAttribute('data-state', 'passing');
  await expect(checks.nth(1).getByTestId('ci-check-summary')).toHaveCount(0);
  await expect(panel.getByTestId('ci-tip')).toHaveAttribute('data-relation', 'same');
  await expect(panel.getByTestId('ci-tip')).toContainText(`CI is for module/drivers-hub's tip, ${tip('module/drivers-hub').slice(0, 7)}, on origin.`);
  await expect(panel.getByTestId('ci-source')).toHaveAttribute('data-via', 'graphql');
  await expect(panel.getByTestId('ci-rate')).toContainText(/Polling uses \d+% of the hourly allowance; [\d,]+ of 5,000 left, refills at/);
  await expect(panel.getByTestId('ci-polling')).toHaveAttribute('data-reason', 'visible');
  await expectNoSeriousA11yViolations(page, 'CI tab');
  await screenshot(page, 'ci-tab', 'light', page.getByTestId('module-side-panel'));
  await screenshot(page, 'ci-tab', 'dark', page.getByTestId('module-side-panel'));
  await page.emulateMedia({ colorScheme: 'light' });
});

test('shows a change on the host after Refresh, and says when CI is for an older commit than the local tip', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(badge(page, 'fleet-hub')).toHaveAttribute('data-state', 'passing');
  // CI fails on fleet-hub's pushed tip; then a local commit leaves the host's tip behind.
  github.report(tip('module/fleet-hub'), [
    { name: 'unit', status: 'completed', conclusion: 'timed_out', workflow: 'CI', summary: 'The job exceeded the maximum execution time of 10m' },
    { name: 'lint', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ]);
  const hostTip = tip('module/fleet-hub');
  commitFileToBranch(repo, 'module/fleet-hub', 'src/fleet.ts', 'export const fleet = 2;\n', 'Fleet hub: a local change not pushed');
  await card(page, 'fleet-hub').click();
  await showModuleTab(page, 'ci');
  const panel = page.getByTestId('ci-panel');
  // Refresh from the keyboard.
  await panel.getByTestId('ci-refresh').focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('ci-branch-summary')).toHaveAttribute('data-state', 'failing');
  await expect(panel.getByTestId('ci-check').first().getByTestId('ci-check-summary')).toHaveText('The job exceeded the maximum execution time of 10m');
  await expect(panel.getByTestId('ci-tip')).toHaveAttribute('data-relation', 'differs');
  await expect(panel.getByTestId('ci-tip')).toContainText(`CI is for ${hostTip.slice(0, 7)}, the tip origin has; your local module/fleet-hub is at ${tip('module/fleet-hub').slice(0, 7)}`);
  await page.locator('.header-nav a[href="#/"]').click();
  await expect(badge(page, 'fleet-hub')).toHaveAttribute('data-state', 'failing');
});

test('says why CI could not be read, with the way to Remotes, and keeps the last answer beside it', async ({ page }) => {
  await openBoard(page, server.url);
  const bar = page.getByTestId('ci-bar');
  await expect(bar.getByTestId('ci-source')).toBeVisible();
  // The token loses the checks permission, and GraphQL is refused for it: REST answers 403 naming checks=read.
  github.graphql = 'refused';
  github.permissions.delete('checks');
  await bar.getByTestId('ci-bar-refresh').click();
  const error = bar.getByTestId('ci-bar-error');
  await expect(error).toHaveAttribute('data-code', 'PERMISSION_DENIED');
  await expect(error.getByRole('alert')).toContainText('CI could not be read from origin');
  await expect(error.getByRole('alert')).toContainText('checks');
  await expect(error.getByRole('link', { name: "Set the remote's token in Remotes" })).toHaveAttribute('href', '#/settings/remotes');
  await expect(error).toContainText('What follows is what origin answered at');
  // The cards keep the last answer rather than going blank.
  await expect(badge(page, 'drivers-hub')).toHaveAttribute('data-state', 'failing');
  github.graphql = 'on';
  github.permissions.add('checks');
});
