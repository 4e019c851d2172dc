// A fetch that fails for a reason other than the network (git's http-backend on loopback answering 404: no such
// repository) shows on the board's remote row with the server's reason; dismissing it removes it, it stays away
// while the board refreshes and the user moves around, and the next failed fetch shows it again.

import { expect, test } from '@playwright/test';
import { GitHttpServer } from '../tests/helpers/git-http-server';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, openBoard, screenshot } from './support/page';

let repo: string;
let server: FleetServer;
let gitServer: GitHttpServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  gitServer = await GitHttpServer.start({ token: null });
  // The server is up and answers, but holds no repository at this address.
  git(repo, ['remote', 'add', 'origin', gitServer.url('acme/missing')]);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  await gitServer?.stop();
  removeTempDirs();
});

test('a fetch failure shows with its reason, is dismissed, stays dismissed through refreshes, and comes back on the next failure', async ({ page }) => {
  await openBoard(page, server.url);
  const failures = page.getByTestId('fetch-error');
  await expect(failures).toHaveCount(0);

  await page.getByTestId('fetch-remotes').click();
  await expect(failures).toHaveCount(1);
  await expect(failures).toContainText('Fetch from origin failed: There is no git repository at');
  await expect(failures).toContainText('the server answered 404');
  // Not the network: no offline badge, and the server really was asked.
  await expect(page.getByTestId('offline-badge')).toHaveCount(0);
  expect(gitServer.requests.some((r) => r.path.startsWith('/acme/missing.git/info/refs') && r.status === 404)).toBe(true);
  await screenshot(page, 'fetch-failure', 'light', page.getByTestId('remote-bar'));
  await screenshot(page, 'fetch-failure', 'dark', page.getByTestId('remote-bar'));

  await failures.getByRole('button', { name: 'Dismiss the fetch failure of origin' }).click();
  await expect(failures).toHaveCount(0);
  await expect(page.getByTestId('fetch-remotes')).toBeEnabled();

  // A commit from a terminal refreshes the board (and the remote status): the dismissed failure stays away.
  commitFileToBranch(repo, 'module/fleet-hub', 'notes.md', 'notes\n', 'Notes');
  await expect(card(page, 'fleet-hub').getByRole('img', { name: '2 commits ahead, 0 behind main' })).toBeVisible();
  await page.getByTestId('refresh-board').click();
  await card(page, 'fleet-hub').click();
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'fleet-hub')).toBeVisible();
  await expect(failures).toHaveCount(0);

  // A new fetch fails again: a new failure, shown again.
  await page.getByTestId('fetch-remotes').click();
  await expect(failures).toHaveCount(1);
  await expect(failures).toContainText('the server answered 404');
});
