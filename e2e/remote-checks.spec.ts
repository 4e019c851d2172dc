// A check on GitHub Actions started from the window, in Chromium, over a real repository served by `fleet-control
// serve` whose origin is a GitHub remote on git's http-backend (e2e/support/github-stand-ins.ts: the loopback Actions
// API and a stand-in runner running the committed workflow). The board's checks bar offers GitHub Actions (Azure
// Pipelines disabled, saying why, with the way to the set-up); from a module's Checks tab, by keyboard, the check is
// sent to GitHub Actions, followed in the board's remote batch panel and its result read on the Checks tab.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { githubWorkflow } from '../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../src/main/core/runner/workflows/runner-files';
import { buildRunnerBundle } from '../tests/helpers/runner-bundle';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git } from './support/git';
import { checkRemoteRunsEvery, startGitHubStandIns, type GitHubStandIns } from './support/github-stand-ins';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, go, openBoard, screenshot, showModuleTab } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'ghp_e2eRemoteChecksToken012';
const BUILT_BUNDLE = join(resolve(__dirname, '..'), process.env.FLEET_OUT_DIR || 'out', 'runner', 'fleet-control.cjs');
const MODULE = 'fleet-hub';
/** Proves it ran in the module branch's checkout: it reads a file only that branch has. */
const CHECK_SCRIPT = "console.log(require('node:fs').readFileSync('check-data.txt', 'utf8').trim());\n";

let repo: string;
let server: FleetServer;
let github: GitHubStandIns;

test.beforeAll(async () => {
  const bundle = existsSync(BUILT_BUNDLE) ? BUILT_BUNDLE : await buildRunnerBundle();
  repo = makeFleetRepo();
  await initWithCli(repo);
  commitFileToBranch(repo, `module/${MODULE}`, 'check.js', CHECK_SCRIPT, 'test: a check script');
  commitFileToBranch(repo, `module/${MODULE}`, 'check-data.txt', 'data from the fleet-hub branch\n', 'test: data the check reads');
  // The check command, committed in the manifest on the workspace branch as the board's check settings do.
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json'])) as Record<string, unknown>;
  commitFileToBranch(repo, 'fleet/workspace', '.fleet/manifest.json', `${JSON.stringify({ ...manifest, checks: { command: 'node check.js', timeoutSeconds: 60 } }, null, 2)}\n`, 'test: the check command');
  // What merging the set-up pull request leaves on main: the workflow and the bundled CLI.
  commitFileToBranch(repo, 'main', GITHUB_WORKFLOW_PATH, githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }), 'Set up Fleet Control on CI runners');
  commitFileToBranch(repo, 'main', RUNNER_BUNDLE_PATH, readFileSync(bundle), 'Set up Fleet Control on CI runners: the bundled CLI');
  github = await startGitHubStandIns(repo, { owner: 'acme/fleet', token: TOKEN, bundle });
  server = await startServer(repo, github.env);
});

test.afterAll(async () => {
  await server?.close();
  await github?.close();
  removeTempDirs();
});

test('a module\'s check sent to GitHub Actions by keyboard from its Checks tab, followed on the board, its result on the tab with the CI run\'s link', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await checkRemoteRunsEvery(page, 2);

  // The board's checks bar: where checks run, the same choice as the Implement dialog's.
  const bar = page.getByTestId('checks-bar');
  await bar.getByRole('button', { name: 'Where: this computer' }).click();
  const boardChoice = bar.getByTestId('check-where-board');
  await expect(boardChoice.getByTestId('check-where-board-option-github')).toHaveAttribute('data-offer', 'ready');
  await expect(boardChoice.getByTestId('check-where-board-azure')).toBeDisabled();
  await expect(boardChoice.getByTestId('check-where-board-option-azure')).toContainText('No remote on Azure Pipelines');
  await expect(boardChoice.getByTestId('check-where-board-setup-azure')).toHaveAttribute('href', '#/settings/remotes');
  await expect(boardChoice).toContainText('the runner checks out the module branch, runs the check command');
  await expectNoSeriousA11yViolations(page, 'board checks bar with the where choice');
  await bar.getByRole('button', { name: 'Where: this computer' }).click();
  await expect(boardChoice).toHaveCount(0);

  await card(page, MODULE).click();
  await showModuleTab(page, 'checks');
  const panel = page.getByTestId('checks-panel');
  const tip = git(repo, ['rev-parse', `module/${MODULE}`]);
  // Keyboard only: open the choice, arrow from Run here to GitHub Actions (Azure is disabled), run.
  const toggle = panel.getByRole('button', { name: 'Where: this computer' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const here = panel.getByTestId('check-where-module-here');
  await expect(panel.getByTestId('check-where-module-option-github')).toHaveAttribute('data-offer', 'ready');
  await here.focus();
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByTestId('check-where-module-github')).toBeChecked();
  await expect(panel.getByRole('button', { name: 'Where: GitHub Actions' })).toBeVisible();
  const run = panel.getByRole('button', { name: 'Run check on GitHub Actions' });
  await run.focus();
  await page.keyboard.press('Enter');

  // Out on the CI: its state on the tab, with the CI run's link once GitHub named it; no second dispatch meanwhile.
  const result = panel.getByTestId('remote-check-result');
  await expect(result).toBeVisible();
  await expect(panel.getByTestId('run-check')).toBeDisabled();
  await expect(result.getByTestId('remote-run-link')).toHaveAttribute('href', /\/actions\/runs\/\d+$/, { timeout: 20_000 });
  await expect(result).toHaveAttribute('data-state', 'passed', { timeout: 60_000 });
  await expect(result).toContainText('Checks passed');
  await expect(result.getByTestId('remote-check-where')).toContainText('Ran on GitHub Actions (origin)');
  await expect(result.getByTestId('remote-check-facts')).toContainText(`on commit ${tip.slice(0, 8)}`);
  await expect(result.getByTestId('remote-check-facts')).toContainText('exit code 0');
  // Nothing ran here: no local result, and no change was pushed anywhere.
  await expect(panel.getByTestId('check-result')).toHaveCount(0);
  expect(await github.remoteTip('refs/heads/fleet/review/')).toBe('');
  expect(git(repo, ['rev-parse', `module/${MODULE}`])).toBe(tip);
  await expectNoSeriousA11yViolations(page, 'module checks tab with a check from GitHub Actions');
  await screenshot(page, 'remote-check-result', 'light', panel);
  await screenshot(page, 'remote-check-result', 'dark', panel);
  await page.emulateMedia({ colorScheme: 'light' });

  // The board's remote batch panel: one check on GitHub Actions, done, its steps and link.
  await go(page, '#/');
  const batch = page.getByTestId('remote-batch');
  await expect(batch).toHaveCount(1);
  await expect(batch.getByRole('heading', { name: '1 check on GitHub Actions (origin)' })).toBeVisible();
  const row = batch.locator(`[data-testid="remote-run"][data-module-id="${MODULE}"]`);
  await expect(row).toHaveAttribute('data-state', 'done');
  await expect(row.getByTestId('remote-run-message')).toContainText('the check passed');
  await expect(row.getByTestId('remote-run-check')).toHaveText('Checks passed');
  await expect(batch.getByTestId('remote-batch-summary')).toContainText('done 1. Checks: 1 passed, 0 not passing.');
  // A check spends nothing on a provider: no cost line.
  await expect(batch.getByTestId('remote-summary-cost')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'board with a remote check batch');
  await screenshot(page, 'remote-check-batch', 'light', batch);
  await screenshot(page, 'remote-check-batch', 'dark', batch);
  expect(problems()).toEqual([]);
});
