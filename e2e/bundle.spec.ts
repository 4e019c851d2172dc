// The board's JavaScript budget, measured on what Chromium actually loads: under 350 KB gzipped, with the
// document editor (Monaco, its worker, the markdown renderer) left to chunks fetched on the module page.

import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, openBoard } from './support/page';

const BUDGET_GZIP_BYTES = 350 * 1024;

let server: FleetServer;

test.beforeAll(async () => {
  const repo = makeFleetRepo();
  await initWithCli(repo);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test('the board loads under 350 KB of gzipped JavaScript; the editor and Monaco are fetched only on the module page', async ({ page }) => {
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !/\.js$/.test(new URL(response.url()).pathname)) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
  });

  await openBoard(page, server.url);
  const boardScripts = [...scripts.keys()];
  const boardBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
  test.info().annotations.push({ type: 'board JS (gzip)', description: `${kb(boardBytes)} in ${boardScripts.join(', ')}` });
  expect(boardBytes).toBeLessThan(BUDGET_GZIP_BYTES);
  expect(boardScripts.filter((p) => /DocumentEditor|markdown|monaco|worker/i.test(p))).toEqual([]);

  await card(page, 'fleet-hub').click();
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await expect(page.getByTestId('document-view')).toBeVisible();
  const editorScripts = [...scripts.entries()].filter(([p]) => !boardScripts.includes(p));
  test.info().annotations.push({ type: 'editor JS (gzip)', description: editorScripts.map(([p, b]) => `${p} ${kb(b)}`).join(', ') });
  expect(editorScripts.some(([p]) => /DocumentEditor/.test(p))).toBe(true);
  // Monaco's worker (diffs are computed there) is built by Vite and served by the app itself, not a CDN.
  await page.getByRole('radio', { name: 'As-is ↔ To-be' }).check();
  await page.getByRole('radio', { name: 'Line diff' }).check();
  await expect(page.getByTestId('pair-diff').locator('.monaco-diff-editor')).toBeVisible();
  await expect.poll(() => page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/^\/assets\/editor\.worker-[\w-]+\.js$/)]);
});
