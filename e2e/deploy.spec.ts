// Deploys end to end, over a real repository served by `fleet-control serve`: a staging environment added from the
// Deploy screen deploys the integration branch (fleet-hub merged into it by the CLI) with a real command, followed
// to success, recorded on the workspace branch (checked with git show) and shown on the board; a production deploy
// from the base branch, committed to the manifest by someone else, asks for its command's consent and the typed
// name, fails, and is recorded as failed, never as deployed. Screenshots of the screen in light and dark.

import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git, GIT_ENV } from './support/git';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const CLI = join(resolve(__dirname, '..'), process.env.FLEET_OUT_DIR || 'out', 'main/cli.js');
const run = promisify(execFile);

let repo: string;
let server: FleetServer;

/** The deploy script on the base branch. Given a port, it waits after its first step until the test's gate on that
 *  loopback port opens (so the run is seen, and photographed, while it runs); with "fail" it stops at its second step
 *  with exit code 3, as a target refusing the deploy would. */
const DEPLOY_SCRIPT = `
const http = require('node:http');
const [env, mode, port] = process.argv.slice(2);
console.log('deploying ' + env + ' from ' + require('node:fs').readFileSync('version.txt', 'utf8').trim());
console.log(env + ': step 1 of 3');
function finish() {
  console.log(env + ': step 2 of 3');
  if (mode === 'fail') {
    console.error('deploy refused by the target');
    process.exit(3);
  }
  console.log(env + ': step 3 of 3');
  console.log(env + ' is live');
}
function poll() {
  const retry = () => setTimeout(poll, 200);
  http.get('http://127.0.0.1:' + port + '/', (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => (body === 'open' ? finish() : retry()));
  }).on('error', retry);
}
if (port) poll();
else finish();
`;

/** The gate the deploy script waits on: answers "closed" until opened. */
let gateOpen = false;
let gate: Server;
let gatePort = 0;

test.beforeAll(async () => {
  gate = createServer((_req, res) => res.end(gateOpen ? 'open' : 'closed'));
  await new Promise<void>((resolveListen) => gate.listen(0, '127.0.0.1', resolveListen));
  gatePort = (gate.address() as AddressInfo).port;
  repo = makeFleetRepo();
  writeFileSync(join(repo, 'deploy.js'), DEPLOY_SCRIPT);
  writeFileSync(join(repo, 'version.txt'), 'version 1\n');
  git(repo, ['add', 'deploy.js', 'version.txt']);
  git(repo, ['commit', '-q', '-m', 'Deploy script']);
  await initWithCli(repo);
  // fleet-hub changes code and is merged into the integration branch by the CLI, as a user would before deploying.
  commitFileToBranch(repo, 'module/fleet-hub', 'version.txt', 'version 2\n', 'Fleet hub: version 2');
  await run(process.execPath, [CLI, 'merge', repo, '--modules', 'fleet-hub', '--target', 'integration', '--yes'], {
    env: { ...GIT_ENV, FLEET_CONTROL_HOME: makeTempDir('fleet-e2e-home-'), NO_COLOR: '1' },
    timeout: 60_000,
  });
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  gate?.close();
  removeTempDirs();
});

/** The deployment log's files on the workspace branch, read with the git CLI. */
function deploymentFiles(): string[] {
  return git(repo, ['ls-tree', '-r', '--name-only', 'fleet/workspace', '.fleet/deployments']).split('\n').filter(Boolean);
}

async function openDeploy(page: Page): Promise<void> {
  await openBoard(page, server.url);
  // D opens the Deploy screen from anywhere outside a text field.
  await page.keyboard.press('d');
  await expect(page.getByTestId('deploy-page')).toBeVisible();
}

test('adds staging on the Deploy screen, deploys the integration branch with a real command followed to success, records it on the workspace branch and shows it on the board', async ({ page }) => {
  const errors = watchConsole(page);
  const integrationTip = git(repo, ['rev-parse', 'fleet/integration']);
  await openDeploy(page);
  await expect(page.getByTestId('no-environments')).toContainText('No environments yet');
  await page.getByRole('button', { name: 'Add an environment' }).click();

  // The form checks what is typed against the manifest's own rules.
  const form = page.getByTestId('environment-form');
  await form.getByLabel('Name').fill('Staging');
  await expect(form.getByTestId('env-name-error')).toContainText('lowercase slug');
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Name').fill('staging');
  await expect(form.getByTestId('env-name-error')).toHaveText('');
  const command = `node deploy.js staging ok ${gatePort}`;
  await form.getByRole('textbox', { name: 'Command' }).fill(command);
  await expectNoSeriousA11yViolations(page, 'environment form');
  await form.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('save-environments').click();

  // Committed to the manifest on the workspace branch, so the team shares it.
  await expect(page.getByTestId('deploy-environments')).toContainText('staging');
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  expect(manifest.environments).toEqual([{ name: 'staging', from: 'integration', method: { type: 'command', command } }]);

  // What goes out: the integration branch's tip, with fleet-hub merged since the (never made) last deploy.
  const plan = page.getByTestId('deploy-plan');
  await expect(page.getByTestId('deploy-target')).toContainText(`fleet/integration at ${integrationTip.slice(0, 7)}`);
  await expect(page.getByTestId('deploy-since')).toContainText('Never deployed successfully');
  await expect(plan.locator('[data-testid="deploy-module"][data-module-id="fleet-hub"]')).toBeVisible();
  await expect(plan.getByTestId('deploy-module')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'deploy plan');

  await page.getByTestId('deploy-start').click();
  const dialog = page.getByTestId('deploy-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`fleet/integration at ${integrationTip.slice(0, 7)}`);
  await expect(dialog).toContainText('fleet-hub');
  // Staging asks a plain yes: no name to type.
  await expect(dialog.getByTestId('deploy-confirm-input')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'deploy confirmation');
  await screenshot(page, 'deploy-confirm', 'light');
  await screenshot(page, 'deploy-confirm', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Escape cancels, as in the other confirmations; Enter deploys.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('deploy-page')).toBeVisible();
  await page.getByTestId('deploy-start').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');

  // Followed while it runs: its phase, the command's log as it streams, Cancel.
  const runPanel = page.getByTestId('deploy-run');
  await expect(runPanel).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('deploy-log')).toContainText('staging: step 1 of 3');
  await expect(runPanel.getByTestId('deploy-phases').locator('[data-status="current"]')).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('deploy-cancel')).toBeVisible();
  await expect(page.getByTestId('deploy-log')).not.toContainText('staging is live');
  await expectNoSeriousA11yViolations(page, 'deploy in progress');
  await screenshot(page, 'deploy-progress', 'light');
  await screenshot(page, 'deploy-progress', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Still running after all that: the script waits for the gate.
  await expect(runPanel).toHaveAttribute('data-state', 'running');
  gateOpen = true;

  await expect(runPanel).toHaveAttribute('data-state', 'succeeded', { timeout: 45_000 });
  // Over once its record is written.
  await expect(runPanel).toHaveAttribute('data-phase', 'finished');
  const result = page.getByTestId('deploy-result');
  await expect(result).toContainText(`Deployed ${integrationTip.slice(0, 7)} to staging`);
  await expect(page.getByTestId('deploy-log')).toContainText('staging is live');
  await expect(page.getByTestId('deploy-log')).toContainText('deploying staging from version 2');
  await expect(page.getByTestId('deploy-cancel')).toHaveCount(0);

  // Recorded: one file on the workspace branch, read back with the git CLI.
  const files = deploymentFiles();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^\.fleet\/deployments\/staging\/.+\.json$/);
  await expect(page.getByTestId('deploy-recorded')).toContainText(files[0]!);
  const record = JSON.parse(git(repo, ['show', `fleet/workspace:${files[0]}`]));
  expect(record).toMatchObject({ environment: 'staging', method: 'command', branch: 'fleet/integration', commit: integrationTip, modules: ['fleet-hub'], outcome: 'succeeded' });

  // The history shows it, and the plan has nothing new to send.
  const history = page.getByTestId('deploy-history');
  await expect(history.getByTestId('deploy-record')).toHaveCount(1);
  await expect(history.getByTestId('deploy-record')).toHaveAttribute('data-outcome', 'succeeded');
  await expect(history.getByTestId('deploy-record')).toContainText('fleet-hub');
  await expect(page.getByTestId('deploy-up-to-date')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'deploy done');
  await screenshot(page, 'deploy-done', 'light');
  await screenshot(page, 'deploy-done', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The board: fleet-hub is deployed to staging, other modules are not.
  await page.keyboard.press('Escape');
  const badge = card(page, 'fleet-hub').getByTestId('deployed-badge');
  await expect(badge).toHaveAttribute('data-environments', 'staging');
  await expect(badge).toContainText('Deployed to staging');
  await expect(card(page, 'drivers-hub').getByTestId('deployed-badge')).toHaveCount(0);
  await screenshot(page, 'deploy-board-badge', 'dark', card(page, 'fleet-hub'));
  await page.emulateMedia({ colorScheme: 'light' });
  // The module page's Deploys tab says the same.
  await card(page, 'fleet-hub').click();
  await page.getByRole('tablist', { name: 'Module details' }).getByRole('tab', { name: /Deploys/ }).click();
  await expect(page.getByTestId('module-deploy-line')).toContainText('Deployed: staging');
  await expect(page.getByTestId('module-deploy-line')).toContainText(integrationTip.slice(0, 7));
  expect(errors()).toEqual([]);
});

test("a production deploy committed by someone else asks for its command's consent and the typed name, fails, and is recorded as failed, never as deployed", async ({ page }) => {
  // Someone adds production (from the base branch) to the manifest in a commit of their own.
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  manifest.environments.push({ name: 'production', from: 'base', method: { type: 'command', command: 'node deploy.js production fail' } });
  commitFileToBranch(repo, 'fleet/workspace', '.fleet/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, 'Add production');
  const baseTip = git(repo, ['rev-parse', 'main']);
  const before = deploymentFiles();

  await openDeploy(page);
  await page.getByTestId('deploy-environments').getByRole('radio', { name: /production/ }).check();
  await expect(page).toHaveURL(/#\/deploy\/production$/);
  await expect(page.getByTestId('deploy-target')).toContainText(`main at ${baseTip.slice(0, 7)}`);
  await expect(page.getByTestId('deploy-untrusted')).toBeVisible();

  await page.getByTestId('deploy-start').click();
  const dialog = page.getByTestId('deploy-confirm');
  const go = dialog.getByTestId('deploy-confirm-go');
  const input = dialog.getByLabel('Type production to confirm');
  await expect(input).toBeFocused();
  await expect(go).toBeDisabled();
  await input.fill('prod');
  await expect(go).toBeDisabled();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  // Enter does nothing until the name is right.
  await input.press('Enter');
  await expect(dialog).toBeVisible();
  await input.fill('production');
  await expect(go).toBeEnabled();
  await input.press('Enter');

  // The command came from someone else's commit: it is shown and confirmed here before it runs.
  const consent = page.getByTestId('consent-dialog');
  await expect(consent).toBeVisible();
  await expect(consent.getByTestId('consent-command')).toContainText('Deploy command of environment production');
  await expect(consent.getByTestId('consent-command')).toContainText('node deploy.js production fail');
  await consent.getByTestId('consent-run').click();

  const runPanel = page.getByTestId('deploy-run');
  await expect(runPanel).toHaveAttribute('data-state', 'failed', { timeout: 45_000 });
  await expect(runPanel).toHaveAttribute('data-phase', 'finished');
  await expect(runPanel.getByTestId('deploy-phases').locator('[data-status="failed"]')).toHaveAttribute('data-phase', 'running');
  const result = page.getByTestId('deploy-result');
  await expect(result).toHaveAttribute('data-outcome', 'failed');
  await expect(result).toContainText('The deploy to production failed');
  await expect(result).not.toContainText('Deployed ');
  await expect(page.getByTestId('deploy-log')).toContainText('deploy refused by the target');
  await expect(page.getByTestId('deploy-history').getByTestId('deploy-record')).toHaveAttribute('data-outcome', 'failed');
  await expectNoSeriousA11yViolations(page, 'failed deploy');
  await screenshot(page, 'deploy-failed', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Recorded as what it was: failed.
  const added = deploymentFiles().filter((f) => !before.includes(f));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatch(/^\.fleet\/deployments\/production\//);
  const record = JSON.parse(git(repo, ['show', `fleet/workspace:${added[0]}`]));
  expect(record).toMatchObject({ environment: 'production', commit: baseTip, outcome: 'failed' });
  expect(record.message).toContain('exited with code 3');

  // Never shown as deployed to production.
  await page.keyboard.press('Escape');
  await expect(card(page, 'fleet-hub').getByTestId('deployed-badge')).toHaveAttribute('data-environments', 'staging');
});
