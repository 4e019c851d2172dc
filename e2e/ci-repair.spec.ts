// CI repair in Chromium: a module branch whose CI fails on a loopback GitHub (GraphQL rollup, REST check runs and a
// job log behind GitHub's redirect), "Fix with agent" on the module page's CI tab shows the failing check with its
// summary and log excerpt and the instruction they make, and starts a repair run against a loopback OpenAI-compatible
// server scripted with tool calls; the run's instruction holds the failure, it ends in review (nothing committed),
// and the CI tab and the card say a repair waits for review. The automatic repair settings are saved and kept.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { GitHubCiServer } from '../tests/helpers/github-ci-server';
import { call, startProviderServer, toolSession, type ProviderServer } from '../tests/helpers/provider-servers';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git } from './support/git';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, go, openBoard, screenshot, showModuleTab } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'ghp_e2e_ci_repair_token';
const REPO = 'acme/fleet';
const SUMMARY = 'FAIL src/drivers/list.test.ts > paginates on the server';
const LOG_LINE = 'AssertionError: expected 50 rows, got 0';
const TO_BE = '---\nmodule: drivers-hub\ndocument: to-be\napproved: false\n---\n\n# Drivers Hub: To-Be Design\n\nThe drivers page lists drivers a page at a time.\n';

let repo: string;
let server: FleetServer;
let github: GitHubCiServer;
let provider: ProviderServer;
let logs: Server;
let tip = '';

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  tip = commitFileToBranch(repo, 'module/drivers-hub', 'enhancements/drivers-hub/TO_BE_DESIGN.md', TO_BE, 'test: a TO-BE design');
  git(repo, ['remote', 'add', 'origin', `https://github.com/${REPO}.git`]);
  github = await GitHubCiServer.start({ token: TOKEN, repository: REPO, branches: { 'module/drivers-hub': tip } });
  github.report(tip, [
    { name: 'unit', status: 'completed', conclusion: 'failure', workflow: 'CI', title: '1 test failed', summary: SUMMARY },
    { name: 'lint', status: 'completed', conclusion: 'success', workflow: 'CI' },
  ]);
  // GitHub answers a job's log with a redirect to a signed address on another host.
  logs = createServer((_request, response) => response.end(`2026-12-03T10:00:00.0000000Z Run npm test\n##[error]${LOG_LINE}\n`));
  await new Promise<void>((resolve) => logs.listen(0, '127.0.0.1', resolve));
  const logUrl = `http://127.0.0.1:${(logs.address() as AddressInfo).port}/job.txt`;
  github.route('GET', /^\/repos\/acme\/fleet\/actions\/jobs\/(\d+)\/logs$/, () => ({ status: 302, body: '', headers: { location: logUrl } }));
  provider = await startProviderServer(
    toolSession([
      { calls: [call('write_file', { path: 'web/src/pages/DriversPage.tsx', content: 'export function DriversPage() {\n  return "paged";\n}\n' })], tokensIn: 900, tokensOut: 40 },
      { calls: [call('finish', { summary: 'The drivers list pages on the server now.' })], tokensIn: 1000, tokensOut: 30 },
    ]),
  );
  server = await startServer(repo, { FLEET_GITHUB_API_URL: github.url, FLEET_GIT_TOKEN_ORIGIN: TOKEN });
});

test.afterAll(async () => {
  await server?.close();
  await github?.close();
  await provider?.close();
  await new Promise<void>((resolve) => (logs ? logs.close(() => resolve()) : resolve()));
  removeTempDirs();
});

test('automatic repair settings are kept; Fix with agent shows the failure, starts a repair run whose instruction holds it, and the run waits for review', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await go(page, '#/settings/agents');
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio.getByRole('button', { name: 'Save provider' }).click();
  await expect(lmstudio.getByRole('button', { name: 'Save provider' })).toBeEnabled();

  const form = page.getByTestId('ci-repair-settings');
  await expect(form.getByTestId('ci-repair-auto')).not.toBeChecked();
  await form.getByLabel('Automatic repairs per branch').fill('0');
  await expect(form.getByTestId('ci-repair-settings-save')).toBeDisabled();
  await form.getByLabel('Automatic repairs per branch').fill('3');
  await form.getByLabel('Budget per repair ($)').fill('0.5');
  await form.getByTestId('ci-repair-settings-save').click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('ci-repair-settings').getByLabel('Automatic repairs per branch')).toHaveValue('3');
  await expect(page.getByTestId('ci-repair-settings').getByLabel('Budget per repair ($)')).toHaveValue('0.5');
  await expect(page.getByTestId('ci-repair-settings').getByTestId('ci-repair-auto')).not.toBeChecked();

  await go(page, '#/module/drivers-hub');
  await showModuleTab(page, 'ci');
  const panel = page.getByTestId('ci-panel');
  await expect(panel.getByTestId('ci-branch-summary')).toHaveAttribute('data-state', 'failing');
  await panel.getByTestId('fix-with-agent').click();

  const dialog = page.getByTestId('ci-repair-dialog');
  await expect(dialog.getByTestId('ci-repair-where')).toHaveText(`CI of module/drivers-hub fails at ${tip.slice(0, 10)} on ${REPO}: 1 failing check.`);
  const failed = dialog.getByTestId('ci-failed-check');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('unit');
  await expect(failed).toContainText(SUMMARY);
  await failed.getByText('Job log excerpt').click();
  await expect(failed.locator('pre')).toContainText(LOG_LINE);
  const instruction = dialog.getByTestId('ci-repair-instruction');
  await expect(instruction).toHaveValue(new RegExp(SUMMARY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(instruction).toHaveValue(new RegExp(LOG_LINE));
  await instruction.press('End');
  await instruction.pressSequentially('\nKeep the change small.');
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByTestId('ci-repair-budget').fill('2');
  await dialog.getByTestId('ci-repair-estimate').click();
  await expect(dialog.getByTestId('implement-estimate-row')).toHaveCount(1);
  await expect(dialog.getByTestId('implement-blocked')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'Fix with agent dialog');
  await screenshot(page, 'ci-repair-dialog', 'light', dialog);
  await dialog.getByTestId('ci-repair-start').click();

  // The run opens with the implementation runs and ends in review; nothing is committed by itself.
  const run = page.getByTestId('run-view');
  await expect(page.getByTestId('changes-page')).toBeVisible();
  await expect(run).toHaveAttribute('data-state', 'review', { timeout: 20_000 });
  expect(git(repo, ['rev-parse', 'module/drivers-hub'])).toBe(tip);
  const first = JSON.stringify(provider.requests[0]?.body ?? {});
  expect(first).toContain(SUMMARY);
  expect(first).toContain(LOG_LINE);
  expect(first).toContain('Keep the change small.');

  await go(page, '#/module/drivers-hub');
  await showModuleTab(page, 'ci');
  await expect(page.getByTestId('ci-panel').getByTestId('ci-repair-chip')).toHaveAttribute('data-status', 'review');
  await page.locator('.header-nav a[href="#/"]').click();
  await expect(card(page, 'drivers-hub').getByTestId('ci-repair-chip')).toHaveText('CI fix to review');
  expect(problems()).toEqual([]);
});
