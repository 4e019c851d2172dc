// The start screen: opening a workspace by path, with the error main gives for each kind of bad folder.

import { expect, test } from '@playwright/test';
import { startServer, type FleetServer } from './support/fleet-server';
import { makeBrokenWorkspaces, makeFleetRepo, removeTempDirs } from './support/repo';
import { cards, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

let server: FleetServer;
let repo: string;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('opening a bad folder shows why, next to the path field; a good one opens its board', async ({ page }) => {
  const broken = makeBrokenWorkspaces();
  await openBoard(page, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspaces' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open a workspace');
  // The browser has no native folder dialog.
  await expect(page.getByRole('button', { name: 'Open folder…' })).toHaveCount(0);

  const field = page.getByLabel('Repository path');
  const error = page.getByTestId('open-error');
  for (const [path, code] of [
    [broken.missing, 'PATH_NOT_FOUND'],
    [broken.plainFolder, 'NOT_A_REPO'],
    [broken.bareRepo, 'BARE_REPO'],
    [broken.emptyRepo, 'EMPTY_REPO'],
  ] as const) {
    await field.fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(error).toContainText(code);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  await expectNoSeriousA11yViolations(page, 'start screen with an error');
  await screenshot(page, 'start-screen', 'light');
  await screenshot(page, 'start-screen', 'dark');

  await field.fill(repo);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(cards(page)).toHaveCount(32);
  await expect(page).toHaveURL(/#\/$/);
});
