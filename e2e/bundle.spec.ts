// The board's JavaScript budget, measured on what Chromium actually loads: under 350 KB gzipped, with the
// markdown renderer (and any editor) left to lazily loaded chunks.

import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, openBoard } from './support/page';

const BUDGET_GZIP_BYTES = 350 * 1024;

let server: FleetServer;

test.beforeAll(async () => {
  server = await startServer(makeFleetRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('the board loads under 350 KB of gzipped JavaScript; the markdown view is fetched only on the module page', async ({ page }) => {
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
  });

  await openBoard(page, server.url);
  const boardScripts = [...scripts.keys()];
  const boardBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
  test.info().annotations.push({ type: 'board JS (gzip)', description: `${(boardBytes / 1024).toFixed(1)} KB in ${boardScripts.join(', ')}` });
  expect(boardBytes).toBeLessThan(BUDGET_GZIP_BYTES);
  expect(boardScripts.filter((p) => /DocumentView|markdown|monaco/i.test(p))).toEqual([]);

  await card(page, 'fleet-hub').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
  expect([...scripts.keys()].some((p) => /DocumentView/.test(p))).toBe(true);
});
