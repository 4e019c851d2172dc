// Initialising a workspace from the browser: what it will do, its progress, its outcome, and what it wrote.

import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, cards, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('an uninitialised repository shows the default board and initialises without touching the base branch', async ({ page }) => {
  const mainBefore = git(repo, ['rev-parse', 'refs/heads/main']);
  const headBefore = git(repo, ['symbolic-ref', 'HEAD']);

  await openBoard(page, server.url);
  const banner = page.getByTestId('init-banner');
  await expect(banner.getByRole('heading', { name: 'This workspace is not initialised yet' })).toBeVisible();
  await expect(banner).toContainText('fleet/workspace');
  await expect(banner).toContainText('checks nothing out');
  await expect(banner.getByLabel('Base branch')).toHaveValue('main');
  await expect(card(page, 'fleet-hub').getByTestId('no-branch')).toHaveText('no branch');
  await expect(page.getByTestId('no-branch')).toHaveCount(32);

  await expectNoSeriousA11yViolations(page, 'board with the init banner');
  await screenshot(page, 'init-banner', 'light');
  await page.emulateMedia({ colorScheme: 'light' });

  await banner.getByRole('button', { name: 'Initialise' }).click();
  const outcome = page.getByTestId('init-outcome');
  await expect(outcome).toContainText('Workspace initialised');
  await expect(outcome).toContainText('Created 32 branches.');
  await expect(page.getByTestId('no-branch')).toHaveCount(0);
  await expect(card(page, 'fleet-hub').getByRole('img', { name: '1 commit ahead, 0 behind main' })).toBeVisible();
  await screenshot(page, 'init-done', 'light');

  // What init wrote, checked with the git CLI.
  expect(git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/module/']).split('\n')).toHaveLength(32);
  expect(git(repo, ['rev-parse', 'refs/heads/main'])).toBe(mainBefore);
  expect(git(repo, ['symbolic-ref', 'HEAD'])).toBe(headBefore);
  expect(git(repo, ['status', '--porcelain'])).toBe('');

  await outcome.getByRole('button', { name: 'Dismiss' }).click();
  await expect(outcome).toHaveCount(0);
  await expect(page.getByTestId('init-banner')).toHaveCount(0);
  await expect(cards(page)).toHaveCount(32);
});

test('once initialised, a fresh page shows the board without the banner and with every branch', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(page.getByTestId('init-banner')).toHaveCount(0);
  await expect(page.getByTestId('no-branch')).toHaveCount(0);
  const tip = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);
  await card(page, 'fleet-hub').click();
  await expect(page.getByText(tip.slice(0, 8), { exact: true })).toBeVisible();
});

test('a base branch that does not exist is refused with a clear message', async ({ page }) => {
  const repo2 = makeFleetRepo();
  const other = await startServer(repo2);
  try {
    await openBoard(page, other.url);
    const banner = page.getByTestId('init-banner');
    await banner.getByLabel('Base branch').fill('no-such-branch');
    await banner.getByRole('button', { name: 'Initialise' }).click();
    await expect(banner.getByRole('alert')).toContainText('no-such-branch');
    await expect(banner.getByRole('alert')).toContainText('BASE_BRANCH_MISSING');
    await expect(banner.getByLabel('Base branch')).toHaveAttribute('aria-invalid', 'true');
    expect(git(repo2, ['for-each-ref', 'refs/heads/module/'])).toBe('');
  } finally {
    await other.close();
  }
});

test('a base whose enhancements is a file is refused by name, and another documents folder initialises', async ({ page }) => {
  const repo4 = makeFleetRepo();
  writeFileSync(join(repo4, 'enhancements'), 'our own list of enhancements\n');
  git(repo4, ['add', 'enhancements']);
  git(repo4, ['commit', '-q', '-m', 'enhancements as a file']);
  const other = await startServer(repo4);
  try {
    await openBoard(page, other.url);
    const banner = page.getByTestId('init-banner');
    await expect(banner.getByLabel('Documents folder')).toHaveValue('enhancements');
    await banner.getByRole('button', { name: 'Initialise' }).click();
    await expect(banner.getByRole('alert')).toContainText('PATH_OCCUPIED');
    await expect(banner.getByRole('alert')).toContainText('"enhancements" as a file');
    await expect(banner.getByLabel('Documents folder')).toHaveAttribute('aria-invalid', 'true');
    expect(git(repo4, ['for-each-ref', 'refs/heads/module/', 'refs/heads/fleet/'])).toBe('');

    await banner.getByLabel('Documents folder').fill('docs/fleet');
    await banner.getByRole('button', { name: 'Initialise' }).click();
    await expect(page.getByTestId('init-outcome')).toContainText('Created 32 branches.');
    expect(git(repo4, ['show', 'module/fleet-hub:enhancements'])).toBe('our own list of enhancements');
    expect(git(repo4, ['ls-tree', '--name-only', 'module/fleet-hub', 'docs/fleet/'])).toBe('docs/fleet/fleet-hub');
  } finally {
    await other.close();
  }
});

test('an init run from a terminal while the page is open shows up without a reload', async ({ page }) => {
  const repo3 = makeFleetRepo();
  const other = await startServer(repo3);
  try {
    await openBoard(page, other.url);
    await expect(page.getByTestId('init-banner')).toBeVisible();
    await initWithCli(repo3);
    await expect(page.getByTestId('no-branch')).toHaveCount(0);
    await expect(page.getByTestId('init-banner')).toHaveCount(0);
    await expect(card(page, 'fleet-hub').getByRole('img', { name: '1 commit ahead, 0 behind main' })).toBeVisible();
  } finally {
    await other.close();
  }
});
