// A deploy through GitHub Actions end to end: the app served by `fleet-control serve` with its origin remote on a
// loopback GitHub (FLEET_GITHUB_HOSTS, the remote's token in FLEET_GIT_TOKEN_ORIGIN) that speaks workflow_dispatch,
// runs, jobs and cancel (tests/helpers/github-deploy-routes.ts). A staging environment added on the Deploy screen
// dispatches deploy.yml on the integration branch, followed through its jobs to success with the run's link; a second
// run fails; each is recorded on the workspace branch as what it was (checked with git show).

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { GitHubCiServer } from '../tests/helpers/github-ci-server';
import { addDeployRoutes, runScript, type DeployRoutes } from '../tests/helpers/github-deploy-routes';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git, GIT_ENV } from './support/git';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const CLI = join(resolve(__dirname, '..'), process.env.FLEET_OUT_DIR || 'out', 'main/cli.js');
const run = promisify(execFile);
const TOKEN = 'ghp_e2e_deploy_actions_0123456789abcdef';
const WORKFLOW = 'name: Deploy\non:\n  workflow_dispatch:\n    inputs:\n      target:\n        required: true\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo build\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploy\n';

let repo: string;
let server: FleetServer;
let github: GitHubCiServer;
let routes: DeployRoutes;
let integrationTip: string;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  writeFileSync(join(repo, '.github/workflows/deploy.yml'), WORKFLOW);
  git(repo, ['add', '.github']);
  git(repo, ['commit', '-q', '-m', 'Deploy workflow']);
  await initWithCli(repo);
  commitFileToBranch(repo, 'module/fleet-hub', 'version.txt', 'version 2\n', 'Fleet hub: version 2');
  await run(process.execPath, [CLI, 'merge', repo, '--modules', 'fleet-hub', '--target', 'integration', '--yes'], {
    env: { ...GIT_ENV, FLEET_CONTROL_HOME: makeTempDir('fleet-e2e-home-'), NO_COLOR: '1' },
    timeout: 60_000,
  });
  integrationTip = git(repo, ['rev-parse', 'fleet/integration']);
  github = await GitHubCiServer.start({ token: TOKEN, repository: 'acme/fleet' });
  routes = addDeployRoutes(github);
  github.branches.set('fleet/integration', integrationTip);
  github.branches.set('main', git(repo, ['rev-parse', 'main']));
  github.permissions = new Set(['checks', 'statuses', 'actions', 'actions-write']);
  git(repo, ['remote', 'add', 'origin', `${github.url}/acme/fleet.git`]);
  server = await startServer(repo, { FLEET_GITHUB_HOSTS: new URL(github.url).host, FLEET_GIT_TOKEN_ORIGIN: TOKEN });
});

test.afterAll(async () => {
  await server?.close();
  await github?.close();
  removeTempDirs();
});

/** The deployment log's files on the workspace branch, read with the git CLI. */
function deploymentFiles(): string[] {
  return git(repo, ['ls-tree', '-r', '--name-only', 'fleet/workspace', '.fleet/deployments']).split('\n').filter(Boolean);
}

async function openDeploy(page: Page): Promise<void> {
  await openBoard(page, server.url);
  await page.keyboard.press('d');
  await expect(page.getByTestId('deploy-page')).toBeVisible();
}

async function deployStaging(page: Page): Promise<void> {
  await page.getByTestId('deploy-start').click();
  await expect(page.getByTestId('deploy-confirm')).toBeVisible();
  await page.keyboard.press('Enter');
}

test('a staging environment deploying through a GitHub Actions workflow: dispatched from the Deploy screen, followed through its jobs to success with its link, recorded on the workspace branch', async ({ page }) => {
  const errors = watchConsole(page);
  routes.script = runScript('success', 0);
  await openDeploy(page);
  await page.getByRole('button', { name: 'Add an environment' }).click();
  const form = page.getByTestId('environment-form');
  await form.getByLabel('Name').fill('staging');
  await form.getByRole('radio', { name: 'GitHub Actions workflow' }).check();
  await form.getByLabel('Workflow file').fill('deploy.yml');
  await form.getByLabel('Workflow inputs').fill('target=staging');
  await form.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('save-environments').click();
  await expect(page.getByTestId('deploy-environments')).toContainText('staging');
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  expect(manifest.environments).toEqual([{ name: 'staging', from: 'integration', method: { type: 'github-actions', workflow: 'deploy.yml', inputs: { target: 'staging' } } }]);
  await expect(page.getByTestId('deploy-target')).toContainText(`fleet/integration at ${integrationTip.slice(0, 7)}`);
  await expect(page.getByTestId('deploy-plan').locator('[data-testid="deploy-module"][data-module-id="fleet-hub"]')).toBeVisible();

  await deployStaging(page);
  // Followed through its jobs: build done, deploy running, with the run's link on GitHub.
  const runPanel = page.getByTestId('deploy-run');
  const steps = runPanel.getByTestId('deploy-step');
  await expect(steps.filter({ hasText: 'deploy' })).toHaveAttribute('data-state', 'running');
  await expect(steps.filter({ hasText: 'build' })).toHaveAttribute('data-state', 'succeeded');
  await expect(runPanel).toHaveAttribute('data-state', 'running');
  const runUrl = `${github.url}/acme/fleet/actions/runs/4001`;
  await expect(runPanel.getByRole('link', { name: 'GitHub Actions run 4001' })).toHaveAttribute('href', runUrl);
  await expect(runPanel.getByRole('link', { name: 'deploy' })).toHaveAttribute('href', `${github.url}/acme/fleet/actions/runs/4001/job/40011`);
  await screenshot(page, 'deploy-actions-progress', 'light');
  await expectNoSeriousA11yViolations(page, 'actions deploy in progress');

  await expect(runPanel).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  await expect(runPanel).toHaveAttribute('data-phase', 'finished');
  await expect(steps.filter({ hasText: 'deploy' })).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByTestId('deploy-result')).toContainText(`Deployed ${integrationTip.slice(0, 7)} to staging`);
  await expect(runPanel.getByRole('link', { name: 'GitHub Actions run 4001' })).toBeVisible();

  // GitHub was asked to dispatch the workflow on the integration branch with the input.
  const dispatches = github.requestsTo(/\/dispatches$/);
  expect(dispatches).toHaveLength(1);
  expect(dispatches[0]!.body).toEqual({ ref: 'fleet/integration', inputs: { target: 'staging' }, return_run_details: true });

  const files = deploymentFiles();
  expect(files).toHaveLength(1);
  await expect(page.getByTestId('deploy-recorded')).toContainText(files[0]!);
  const shown = git(repo, ['show', `fleet/workspace:${files[0]}`]);
  expect(JSON.parse(shown)).toMatchObject({ environment: 'staging', method: 'github-actions', branch: 'fleet/integration', commit: integrationTip, modules: ['fleet-hub'], outcome: 'succeeded', link: runUrl });
  expect(shown).not.toContain(TOKEN);
  expect(errors()).toEqual([]);
});

test('a run that fails on GitHub ends the deploy as failed, with its failed job and link, and is recorded as failed, never as deployed', async ({ page }) => {
  // Completed at the first look (the following was shown above): no 5 s poll to wait out.
  routes.script = runScript('failure', 0).slice(1);
  const before = deploymentFiles();
  await openDeploy(page);
  await expect(page.getByTestId('deploy-environments')).toContainText('staging');
  await deployStaging(page);

  const runPanel = page.getByTestId('deploy-run');
  await expect(runPanel).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await expect(runPanel).toHaveAttribute('data-phase', 'finished');
  await expect(runPanel.getByTestId('deploy-step').filter({ hasText: 'deploy' })).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('deploy-message')).toContainText('Run 4002 of deploy.yml concluded failure');
  const runUrl = `${github.url}/acme/fleet/actions/runs/4002`;
  await expect(runPanel.getByRole('link', { name: 'GitHub Actions run 4002' })).toHaveAttribute('href', runUrl);
  const result = page.getByTestId('deploy-result');
  await expect(result).toHaveAttribute('data-outcome', 'failed');
  await expect(result).not.toContainText('Deployed ');
  await screenshot(page, 'deploy-actions-failed', 'dark');

  const added = deploymentFiles().filter((f) => !before.includes(f));
  expect(added).toHaveLength(1);
  expect(JSON.parse(git(repo, ['show', `fleet/workspace:${added[0]}`]))).toMatchObject({ environment: 'staging', method: 'github-actions', outcome: 'failed', link: runUrl });
  // The history lists both, the failed one as failed.
  await expect(page.getByTestId('deploy-history').getByTestId('deploy-record')).toHaveCount(2);
  await expect(page.getByTestId('deploy-history').getByTestId('deploy-record').first()).toHaveAttribute('data-outcome', 'failed');
});
