// The browser session: a printed link opens one tab, once; the tab keeps its session through reloads (in
// sessionStorage, never a cookie); a used link, a tab without a link and a restarted server each say so plainly.

import { expect, test } from '@playwright/test';
import { startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { cards, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

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

test('a link opens one tab once; reloads keep the session; the same link again says it was used', async ({ page, browser }) => {
  const link = server.url;
  await openBoard(page, link);
  // The spent token is gone from the address bar, and no cookie was set.
  expect(new URL(page.url()).search).toBe('');
  expect(await page.context().cookies()).toEqual([]);
  await page.reload();
  await expect(cards(page)).toHaveCount(32);
  await page.goto(`${server.origin}/#/merge`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('session-needed')).toHaveCount(0);

  const context = await browser.newContext();
  const other = await context.newPage();
  try {
    const response = await other.goto(link);
    expect(response?.status()).toBe(410);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('This link was already used');
    await expect(other.getByText('restart fleet-control serve')).toBeVisible();
    await expectNoSeriousA11yViolations(other, 'used link page');
    await screenshot(other, 'session-link-used', 'light');
  } finally {
    await context.close();
  }
});

test('a tab opened without a link says to open the printed one instead of showing an empty app', async ({ page }) => {
  await page.goto(`${server.origin}/`);
  const notice = page.getByTestId('session-needed');
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('Open Fleet Control from its link');
  await expectNoSeriousA11yViolations(page, 'no session');
  await screenshot(page, 'session-missing', 'light');
});

test('after the server restarts, an open tab says its session ended rather than reconnecting forever', async ({ page }) => {
  await openBoard(page, server.url);
  const port = Number(new URL(server.origin).port);
  await server.close();
  server = await startServer(repo, {}, { port });
  const notice = page.getByTestId('session-needed');
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('This session has ended', { timeout: 20_000 });
  await screenshot(page, 'session-ended', 'light');
  // The new start's link works in the same tab.
  await openBoard(page, server.url);
});
