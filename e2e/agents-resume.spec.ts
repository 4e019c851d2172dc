// Automatic resume end to end: a batch streaming in one `fleet-control serve` is cut short when that process stops;
// the next `serve` on the same app-data folder resumes it by itself, and the window says so with cancel and dismiss.
// The workspace's agent settings turn it off. Another live process holding the workspace's batch lock is named in
// the batch dialog.

import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';
import { watchConsole } from './support/editor';
import { moduleOf, startSlowOpenAiServer, type ProviderServer } from './support/provider-server';

test.describe.configure({ mode: 'serial' });

const BATCH = ['fleet-hub', 'drivers-hub', 'maintenance-hub'];
let repo: string;
let home: string;
let provider: ProviderServer;
let lines = 400; // long answers while the first process runs, so the quit finds every run streaming
const servers: FleetServer[] = [];

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  home = makeTempDir('fleet-e2e-resume-home-');
  provider = await startSlowOpenAiServer((request) => `# ${moduleOf(request)}\n\n${Array.from({ length: lines }, (_, i) => `- line ${i + 1}\n`).join('')}`, 80);
});

test.afterAll(async () => {
  for (const server of servers) await server.close();
  await provider?.close();
  removeTempDirs();
});

async function serve(): Promise<FleetServer> {
  const server = await startServer(repo, { FLEET_CONTROL_HOME: home });
  servers.push(server);
  return server;
}

test('a batch cut short by a quit resumes when serve starts again, and its notice cancels and dismisses', async ({ page }) => {
  const problems = watchConsole(page);
  const first = await serve();
  await openBoard(page, first.url);
  await page.getByRole('link', { name: 'Agent settings' }).click();
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio.getByRole('button', { name: 'Save provider' }).click();
  await expect(lmstudio.getByRole('button', { name: 'Save provider' })).toBeEnabled();
  await openBoard(page, first.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  for (const id of BATCH) await dialog.getByRole('checkbox', { name: new RegExp(`^${id.replace('-', ' ')}`, 'i') }).check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await dialog.getByRole('button', { name: 'Approve and start 3 runs' }).click();
  await expect(page.getByTestId('batch-panel').getByTestId('run-row').filter({ hasText: /\d+ characters/ })).toHaveCount(3, { timeout: 20_000 });

  await first.close(); // Ctrl+C: the batch is interrupted, its runs queued again
  lines = 300; // still streaming when the notice's cancel is pressed
  const second = await serve();
  await page.goto(second.url);
  const notice = page.getByTestId('resume-notice');
  await expect(notice).toHaveAttribute('data-outcome', 'resumed');
  await expect(notice).toContainText(/Resumed batch [0-9a-f]{8}: [1-3] of 3 runs left/);
  await expectNoSeriousA11yViolations(page, 'resume notice');
  await screenshot(page, 'agent-resume-notice', 'light');
  await screenshot(page, 'agent-resume-notice', 'dark');

  // Only the runs the quit cut short were sent again: three more requests, one per module.
  await expect.poll(() => provider.requests.length).toBe(6);
  expect(provider.requests.slice(3).map(moduleOf).sort()).toEqual(provider.requests.slice(0, 3).map(moduleOf).sort());

  await notice.getByRole('button', { name: 'Cancel batch' }).click();
  await expect(notice).toContainText(/Resumed batch [0-9a-f]{8}: cancelled/, { timeout: 15_000 });
  await notice.getByRole('button', { name: /Dismiss the notice about batch/ }).click();
  await expect(page.getByTestId('resume-notices')).toBeHidden();
  // Dismissed in main too: a reload does not bring it back.
  await page.reload();
  await openBoard(page, second.url);
  await expect(page.getByTestId('resume-notice')).toHaveCount(0);
  // The window lost its server when the first process stopped: only that is expected on the console.
  expect(problems().filter((line) => !line.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
});

test('with automatic resume turned off, the next start leaves an interrupted batch alone', async ({ page }) => {
  const running = servers.at(-1)!;
  await openBoard(page, running.url);
  await page.getByRole('link', { name: 'Agent settings' }).click();
  const defaults = page.getByTestId('agent-defaults');
  await defaults.getByLabel('Resume batches a quit interrupted when this workspace opens again').uncheck();
  await defaults.getByRole('button', { name: 'Save' }).click();
  await expect(defaults.getByRole('status')).toHaveText('Saved.');

  lines = 400;
  await openBoard(page, running.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  await dialog.getByRole('checkbox', { name: /^Webhooks/ }).check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();
  await expect(page.getByTestId('batch-panel').getByTestId('run-row')).toContainText(/\d+ characters/, { timeout: 20_000 });
  await running.close();
  const before = provider.requests.length;

  const next = await serve();
  await openBoard(page, next.url);
  await page.getByRole('link', { name: 'Agent settings' }).click();
  await expect(page.getByTestId('agent-defaults').getByLabel('Resume batches a quit interrupted when this workspace opens again')).not.toBeChecked();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/runs';
  });
  await expect(page.locator('.batch-list li').filter({ hasText: /· 1 run(?!s)/ })).toContainText('interrupted');
  await expect(page.getByTestId('resume-notice')).toHaveCount(0);
  expect(provider.requests.length).toBe(before);
});

test('the batch dialog names another process that runs this workspace\'s batches, and starts once it has gone', async ({ page }) => {
  const running = servers.at(-1)!;
  // A live process that is not this server holds the lock, as a `fleet-control run` in a terminal would.
  const other = spawn('sleep', ['120'], { stdio: 'ignore' });
  const lockDir = join(home, 'workspaces', createHash('sha256').update(repo).digest('hex').slice(0, 16), 'agents');
  mkdirSync(lockDir, { recursive: true });
  writeFileSync(join(lockDir, 'batches.lock'), JSON.stringify({ pid: other.pid, host: hostname(), processStartedAt: new Date().toISOString(), acquiredAt: new Date().toISOString(), owner: 'terminal' }));
  const dialog = page.getByTestId('batch-dialog');
  try {
    lines = 5;
    await openBoard(page, running.url);
    await page.getByTestId('open-batch-dialog').click();
    await dialog.getByLabel(/Selected modules/).check();
    await dialog.getByRole('checkbox', { name: /^Fuel management/i }).check();
    await dialog.getByLabel('Provider').selectOption('lmstudio');
    await dialog.getByRole('button', { name: 'Estimate' }).click();
    await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`Batches for this workspace are running in another Fleet Control process (pid ${other.pid}, started `);
    await expectNoSeriousA11yViolations(page, 'batch dialog, another process busy');
  } finally {
    other.kill();
  }
  await new Promise((resolve) => other.once('exit', resolve));
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();
  await expect(page.getByTestId('batch-panel').getByTestId('batch-state')).toHaveText('finished', { timeout: 20_000 });
});
