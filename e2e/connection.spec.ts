// Losing the browser host: a visible banner instead of a frozen page, and calls that fail clearly.

import { expect, test } from '@playwright/test';
import { startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { cards, openBoard } from './support/page';

let server: FleetServer;

test.beforeAll(async () => {
  server = await startServer(makeFleetRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('when the server goes away the page says it is reconnecting and keeps showing the board', async ({ page }) => {
  await openBoard(page, server.url);
  await server.close();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Connection lost, reconnecting');
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(cards(page)).toHaveCount(32);
});
