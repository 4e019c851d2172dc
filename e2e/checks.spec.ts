// Checks in Chromium over a real repository served by `fleet-control serve`: set the command on the board,
// run one module's check from its page and watch its log stream, see the card's badge, and see it go stale
// when the branch moves (a commit made with the git CLI).

import { expect, test } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot, showModuleTab } from './support/page';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;

/** Prints a few lines a little apart (so the log visibly streams), then proves it runs in the branch's checkout. */
const CHECK_SCRIPT = `
const { readFileSync } = require('node:fs');
let step = 0;
const timer = setInterval(() => {
  step++;
  console.log('step ' + step + ' of 6');
  if (step < 6) return;
  clearInterval(timer);
  console.log(readFileSync('check-data.txt', 'utf8').trim());
}, 400);
`;

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
  commitFileToBranch(repo, 'module/fleet-hub', 'check.js', CHECK_SCRIPT, 'test: a check script');
  commitFileToBranch(repo, 'module/fleet-hub', 'check-data.txt', 'data from the fleet-hub branch\n', 'test: data the check reads');
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('sets the check command, runs one module\'s check with its log streaming, shows the badge, and marks it stale after a commit', async ({ page }) => {
  await openBoard(page, server.url);
  const bar = page.getByTestId('checks-bar');
  await expect(bar).toContainText('No check command set yet');
  await bar.getByRole('button', { name: 'Set a check command' }).click();
  await page.getByLabel('Command').fill('node check.js');
  await page.getByLabel('Time limit (seconds)').fill('60');
  await page.getByRole('button', { name: 'Save and commit' }).click();
  await expect(page.getByTestId('checks-command-summary')).toHaveText('node check.js · time limit 60 s');
  // The command is committed in the manifest on the workspace branch.
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  expect(manifest.checks).toEqual({ command: 'node check.js', timeoutSeconds: 60, concurrency: 2 });
  await expectNoSeriousA11yViolations(page, 'board with the checks bar');

  await card(page, 'fleet-hub').click();
  await showModuleTab(page, 'checks');
  const panel = page.getByTestId('checks-panel');
  await expect(panel.getByTestId('check-command')).toHaveText('node check.js');
  const tip = git(repo, ['rev-parse', 'module/fleet-hub']);
  await panel.getByRole('button', { name: 'Run check' }).click();

  // The log streams while the check runs: early lines are there before the last one.
  const log = panel.getByTestId('check-log');
  await expect(log).toContainText('step 1 of 6');
  await expect(panel.getByTestId('check-state')).toHaveText('Checking…');
  await expect(log).not.toContainText('data from the fleet-hub branch');
  await expect(panel.getByRole('button', { name: 'Cancel check' })).toBeVisible();

  const result = panel.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-state', 'passed');
  await expect(result).toContainText('Checks passed');
  await expect(result).toContainText(`on commit ${tip.slice(0, 8)}`);
  await expect(result).toContainText('exit code 0');
  await expect(log).toContainText('data from the fleet-hub branch');
  await expectNoSeriousA11yViolations(page, 'module page with a check result');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'checks-module-panel', 'light');
  await screenshot(page, 'checks-module-panel', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Back to board' }).click();
  const badge = card(page, 'fleet-hub').getByTestId('check-badge');
  await expect(badge).toHaveAttribute('data-state', 'passed');
  await expect(badge).toHaveText(/Checks passed$/);
  await expect(card(page, 'drivers-hub').getByTestId('check-badge')).toHaveCount(0);

  // A commit from a terminal moves the branch: the result no longer describes it.
  commitFileToBranch(repo, 'module/fleet-hub', 'check-data.txt', 'changed after the check\n', 'test: a later commit');
  await expect(badge).toHaveAttribute('data-stale', 'true');
  await expect(badge).toHaveText(/Checks passed \(stale\)$/);
  await expect(page.getByTestId('checks-totals')).toHaveText('1 passed · 0 not passing · 1 stale');
  await expectNoSeriousA11yViolations(page, 'board with a stale check badge');
  await screenshot(page, 'checks-board-badge', 'dark');
});

test('checks chosen modules from the board with a progress bar, and Cancel stops a whole batch', async ({ page }) => {
  await openBoard(page, server.url);
  const bar = page.getByTestId('checks-bar');
  await bar.getByRole('button', { name: 'Choose modules…' }).click();
  const picker = page.getByTestId('check-picker');
  await picker.getByRole('checkbox', { name: 'Fleet Hub' }).check();
  await picker.getByRole('checkbox', { name: 'Drivers Hub' }).check();
  await picker.getByRole('button', { name: 'Check 2 modules' }).click();
  await expect(bar.getByTestId('job-progress')).toBeVisible();
  await expect(bar.getByTestId('job-progress')).toContainText('Running checks');

  // drivers-hub has no check.js on its branch: node says so and the check fails.
  await expect(card(page, 'drivers-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'failed');
  await expect(card(page, 'fleet-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'passed');
  await expect(card(page, 'fleet-hub').getByTestId('check-badge')).not.toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('checks-totals')).toHaveText('1 passed · 1 not passing · 0 stale');
  await expect(bar.getByTestId('job-progress')).toHaveCount(0);

  // A command that never ends: the batch runs two at a time until cancelled.
  await bar.getByRole('button', { name: 'Check settings' }).click();
  await page.getByLabel('Command').fill('node -e "setInterval(() => {}, 1000)"');
  await page.getByRole('button', { name: 'Save and commit' }).click();
  await expect(page.getByTestId('checks-command-summary')).toContainText('setInterval');
  await bar.getByRole('button', { name: 'Run checks on all modules' }).click();
  const progress = bar.getByTestId('job-progress');
  await expect(progress).toBeVisible();
  await expect(card(page, 'fleet-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'running');
  await expect(card(page, 'drivers-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'running');
  await expect(card(page, 'safety-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'queued');
  await expectNoSeriousA11yViolations(page, 'board while checks run');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(card(page, 'fleet-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'cancelled');
  // Queued modules never ran: they keep no badge.
  await expect(card(page, 'safety-hub').getByTestId('check-badge')).toHaveCount(0);
});

test('a module\'s own check command replaces the workspace\'s for that module only, committed in the manifest', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'drivers-hub').click();
  await showModuleTab(page, 'checks');
  const panel = page.getByTestId('checks-panel');
  await panel.getByRole('button', { name: 'Own command…' }).click();
  await page.getByLabel('Command', { exact: true }).fill('node -e "console.log(\'three\'); process.exit(3)"');
  await page.getByTestId('check-override-form').getByRole('button', { name: 'Save and commit' }).click();
  await expect(panel.getByTestId('check-command')).toHaveText('node -e "console.log(\'three\'); process.exit(3)"');
  await expect(panel.getByText("this module's own")).toBeVisible();
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  expect(manifest.modules.find((m: { id: string }) => m.id === 'drivers-hub').check).toEqual({ command: 'node -e "console.log(\'three\'); process.exit(3)"' });
  expect(manifest.modules.find((m: { id: string }) => m.id === 'fleet-hub').check).toBeUndefined();

  await panel.getByRole('button', { name: 'Run check' }).click();
  const result = panel.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-state', 'failed');
  await expect(result).toContainText('Exited with code 3.');
  await expect(result).toContainText('exit code 3');
  await expect(panel.getByTestId('check-log')).toHaveText('three\n');
  await expectNoSeriousA11yViolations(page, 'module page with a failed check and its own command');
});

test('the command environment: a variable the user adds reaches the check, a secret-looking one only once marked secret, and the result says it ran sandboxed or why not', async ({ page }) => {
  await openBoard(page, server.url);
  const bar = page.getByTestId('checks-bar');
  await bar.getByTestId('edit-check-settings').click();
  await page.getByLabel('Command').fill('echo "[$PROJECT_MODE][${#SENTRY_TOKEN}]"');
  await page.getByRole('button', { name: 'Save and commit' }).click();
  await expect(page.getByTestId('checks-command-summary')).toContainText('PROJECT_MODE');

  await bar.getByRole('button', { name: 'Command environment' }).click();
  const form = page.getByTestId('command-env-form');
  await expect(form.getByTestId('sandbox-note')).toHaveText(/^(Sandboxed \(bubblewrap\)|Not sandboxed: .+)$/);
  await form.getByRole('button', { name: 'Add a variable' }).click();
  await form.getByLabel('Name of variable 1').fill('PROJECT_MODE');
  await form.getByLabel('Value of PROJECT_MODE').fill('ci');
  await form.getByRole('button', { name: 'Add a variable' }).click();
  await form.getByLabel('Name of variable 2').fill('SENTRY_TOKEN');
  await form.getByLabel('Value of SENTRY_TOKEN').fill('sentry-secret-value');
  await expect(form.getByRole('alert')).toHaveText('SENTRY_TOKEN looks like a secret: tick Secret to pass it on purpose.');
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByLabel('SENTRY_TOKEN is a secret, passed on purpose').check();
  await expect(form.getByLabel('Value of SENTRY_TOKEN')).toHaveAttribute('type', 'password');
  await expectNoSeriousA11yViolations(page, 'board with the command environment form');
  await screenshot(page, 'checks-command-environment', 'light');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  // Opened again: the secret's value is never sent back, only that one is stored.
  await bar.getByRole('button', { name: 'Command environment' }).click();
  await expect(page.getByLabel('Value of SENTRY_TOKEN')).toHaveValue('');
  await expect(page.getByLabel('Value of SENTRY_TOKEN')).toHaveAttribute('placeholder', 'stored (type to replace)');
  await page.getByTestId('command-env-form').getByRole('button', { name: 'Cancel' }).click();

  await card(page, 'fleet-hub').click();
  await showModuleTab(page, 'checks');
  const panel = page.getByTestId('checks-panel');
  await panel.getByRole('button', { name: 'Run check' }).click();
  const result = panel.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-state', 'passed');
  await expect(panel.getByTestId('check-log')).toHaveText(`[ci][${'sentry-secret-value'.length}]\n`);
  await expect(result.getByTestId('sandbox-note')).toHaveText(/^(Sandboxed \(bubblewrap\)|Not sandboxed: .+) · secrets given by your choice: SENTRY_TOKEN$/);
  await expectNoSeriousA11yViolations(page, 'module page with a sandboxed check result');
});
