// A remote batch in Chromium, over a real repository served by `fleet-control serve` whose origin is a GitHub remote
// on git's http-backend: the loopback GitHub API answers the Actions routes and the set-up's contents and pulls reads,
// and a stand-in runner (one job at a time) runs the committed workflow against a loopback OpenAI-compatible server
// (e2e/support/github-stand-ins.ts). Two modules are dispatched from the Implement dialog on GitHub Actions; the second,
// still queued on the CI, is cancelled; the first is followed to done, reviewed in its Changes view and accepted: the
// module branch checked with the git CLI, the review branch gone from the remote.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { githubWorkflow } from '../src/main/core/runner/workflows/github-workflow';
import { GITHUB_WORKFLOW_PATH, RUNNER_BUNDLE_PATH } from '../src/main/core/runner/workflows/runner-files';
import { call, openAiToolTurn, startProviderServer, type ProviderServer } from '../tests/helpers/provider-servers';
import { buildRunnerBundle } from '../tests/helpers/runner-bundle';
import { watchConsole } from './support/editor';
import { pausedBeforeEnd } from './support/tool-turns';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git } from './support/git';
import { checkRemoteRunsEvery, startGitHubStandIns, type GitHubStandIns } from './support/github-stand-ins';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, go, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'ghp_e2eRemoteBatchToken0123';
const REPO = 'acme/fleet';
const BUILT_BUNDLE = join(resolve(__dirname, '..'), process.env.FLEET_OUT_DIR || 'out', 'runner', 'fleet-control.cjs');

const toBe = (moduleId: string) => `---\nmodule: ${moduleId}\ndocument: to-be\napproved: 2026-12-03 by e2e\n---\n\n# To-Be Design\n\n## Changes\n\nThe page renders a summary.\n`;

let repo: string;
let server: FleetServer;
let github: GitHubStandIns;
let provider: ProviderServer;

test.beforeAll(async () => {
  const bundle = existsSync(BUILT_BUNDLE) ? BUILT_BUNDLE : await buildRunnerBundle();
  repo = makeFleetRepo();
  await initWithCli(repo);
  for (const moduleId of ['fleet-hub', 'drivers-hub']) commitFileToBranch(repo, `module/${moduleId}`, `enhancements/${moduleId}/TO_BE_DESIGN.md`, toBe(moduleId), 'test: an approved TO-BE design');
  // What merging the set-up pull request leaves on main: the workflow and the bundled CLI.
  commitFileToBranch(repo, 'main', GITHUB_WORKFLOW_PATH, githubWorkflow({ branchPrefix: 'module/', baseBranch: 'main', workspaceBranch: 'fleet/workspace' }), 'Set up Fleet Control on CI runners');
  commitFileToBranch(repo, 'main', RUNNER_BUNDLE_PATH, readFileSync(bundle), 'Set up Fleet Control on CI runners: the bundled CLI');
  // One job at a time: the second run waits queued on the CI while the first runs, so it can be cancelled there.
  github = await startGitHubStandIns(repo, { owner: REPO, token: TOKEN, bundle, runners: 1 });
  provider = await startProviderServer();
  server = await startServer(repo, github.env);
});

test.afterAll(async () => {
  await server?.close();
  await Promise.all([provider?.close(), github?.close()]);
  removeTempDirs();
});

const remoteTip = (prefix: string): Promise<string> => github.remoteTip(prefix);

test('two modules dispatched on GitHub Actions: one cancelled while queued on the CI, one followed to done, reviewed and accepted', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  provider.reset();
  // Whichever run the runner takes first edits the page (every module branch has it); its first answer pauses so the
  // runner is still busy with it when the other run, queued on the CI, is cancelled there.
  provider.script(
    pausedBeforeEnd(openAiToolTurn({ model: 'local-model', toolCalls: [call('edit_file', { path: 'web/src/pages/FleetPage.tsx', old_text: '  return null;', new_text: "  return 'fleet summary';" })] }), 12_000),
    openAiToolTurn({ model: 'local-model', toolCalls: [call('finish', { summary: 'The fleet page renders its summary.' })] }),
  );

  await openBoard(page, server.url);
  // The runner reaches the model server this app is set to use: LM Studio's address is sent with the dispatch.
  await go(page, '#/settings/agents');
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio.getByRole('button', { name: 'Save provider' }).click();
  // Settings → Remotes → CI runners: the remote runs are checked every 2 s instead of 10 (the spec's pace; `serve`
  // honours it as the app does).
  await go(page, '#/settings/remotes');
  const poll = page.getByTestId('runner-poll');
  await poll.getByLabel('Check remote runs every N seconds').fill('1');
  await expect(poll.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(poll).toContainText('A whole number from 2 to 300.');
  await checkRemoteRunsEvery(page, 2);

  await page.getByTestId('open-implement-dialog').click();
  const dialog = page.getByTestId('implement-dialog');
  await expect(dialog.getByTestId('run-where-option-github')).toHaveAttribute('data-offer', 'ready');
  // No Azure DevOps remote: the option is disabled and says why, with the way to the set-up.
  await expect(dialog.getByTestId('run-where-azure')).toBeDisabled();
  await expect(dialog.getByTestId('run-where-option-azure')).toContainText('No remote on Azure Pipelines');
  await dialog.getByTestId('run-where-github').check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByLabel('Budget cap ($, optional)').fill('2');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('implement-estimate-row')).toHaveCount(2);
  await expect(dialog.getByTestId('implement-blocked')).toHaveCount(0);
  await expect(dialog.getByTestId('remote-budget-note')).toContainText('$2.00 over 2 runs is about $1.00 each');
  await expectNoSeriousA11yViolations(page, 'implement dialog, remote batch estimate');
  await dialog.getByRole('button', { name: 'Approve and dispatch 2 runs on GitHub Actions' }).click();
  await expect(dialog).toHaveCount(0);

  const batch = page.getByTestId('remote-batch');
  await expect(batch).toHaveCount(1);
  const row = (moduleId: string) => batch.locator(`[data-testid="remote-run"][data-module-id="${moduleId}"]`);
  // Both dispatched, each with its CI run's link; the runner (one job at a time) takes the run GitHub numbered first,
  // the other waits queued on the CI: it is cancelled there.
  await expect(batch.getByTestId('remote-run-link')).toHaveCount(2, { timeout: 20_000 });
  const ciRun = async (moduleId: string) => Number((await row(moduleId).getByTestId('remote-run-link').textContent())?.replace(/\D/g, ''));
  const first = (await ciRun('fleet-hub')) < (await ciRun('drivers-hub')) ? 'fleet-hub' : 'drivers-hub';
  const second = first === 'fleet-hub' ? 'drivers-hub' : 'fleet-hub';
  const startTip = git(repo, ['rev-parse', `module/${first}`]);
  await row(second).getByTestId('remote-run-cancel').click();
  await expect(row(first)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await expect(row(first)).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  // The stand-in runner ends a cancelled queued run when it gets to it (GitHub does it at once).
  await expect(row(second)).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  await expect(row(second).getByTestId('remote-run-retry')).toBeVisible();
  await expect(batch.getByTestId('remote-batch-summary')).toContainText('done 1, cancelled 1');
  await expect(batch.getByTestId('remote-batch-summary')).toContainText('of the budget $2.00');
  // Its job's steps as GitHub reported them (no live log): every one of the workflow's seven steps succeeded.
  await row(first).getByText('1 job and its steps').click();
  await expect(row(first).locator('[data-testid="remote-step"][data-state="succeeded"]')).toHaveCount(7);
  await screenshot(page, 'remote-batch-board', 'light', batch);
  await screenshot(page, 'remote-batch-board', 'dark', batch);
  await page.emulateMedia({ colorScheme: 'light' });

  await row(first).getByTestId('remote-run-review').click();
  const view = page.getByTestId('remote-run-view');
  await expect(view).toHaveAttribute('data-state', 'done');
  const review = view.getByTestId('remote-review');
  await expect(review.locator('[data-testid="changed-file"][data-path="web/src/pages/FleetPage.tsx"]')).toBeVisible({ timeout: 20_000 });
  await expect(review.getByTestId('code-diff')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'remote run review');
  await screenshot(page, 'remote-run-review', 'light', view);
  await screenshot(page, 'remote-run-review', 'dark', view);
  await page.emulateMedia({ colorScheme: 'light' });
  const reviewBranch = await remoteTip(`refs/heads/fleet/review/${first}/`);
  expect(reviewBranch).toMatch(/^[0-9a-f]{40}$/);
  await review.getByTestId('remote-accept').click();
  await expect(view.getByTestId('remote-run-accepted')).toBeVisible({ timeout: 20_000 });

  // The module branch moved to the runner's commit, one commit on the start tip; the review branch is gone.
  const tip = git(repo, ['rev-parse', `module/${first}`]);
  expect(tip).toBe(reviewBranch);
  expect(git(repo, ['rev-parse', `${tip}^`])).toBe(startTip);
  expect(git(repo, ['show', `${tip}:web/src/pages/FleetPage.tsx`])).toContain("return 'fleet summary';");
  expect(await remoteTip(`refs/heads/fleet/review/${first}/`)).toBe('');
  expect(await remoteTip(`refs/heads/fleet/review/${second}/`)).toBe('');
  expect(git(repo, ['rev-parse', `module/${second}`])).toBe(git(repo, ['rev-parse', `origin/module/${second}`]));
  expect(problems()).toEqual([]);
});
