// Small things a newcomer trips over, in Chromium: an unknown address says so with a way back, the navigation names
// what each entry opens, a long module title keeps its card even, and the shortcut sheet's keys never overlap text.

import { expect, test, type Locator } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, cards, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const LONG_TITLE = 'Fleet Hub: vehicles, trailers, depots, telematics units and everything else that moves or parks';

let server: FleetServer;

test.beforeAll(async () => {
  const repo = makeFleetRepo();
  await initWithCli(repo);
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  manifest.modules.find((m: { id: string }) => m.id === 'fleet-hub').title = LONG_TITLE;
  commitFileToBranch(repo, 'fleet/workspace', '.fleet/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, 'A long title');
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const box = async (locator: Locator) => (await locator.boundingBox())!;

test('an unknown address shows "Page not found" with a way back to the board, not the board itself', async ({ page }) => {
  await openBoard(page, server.url);
  await page.goto(new URL('/#/no-such-page', server.origin).toString());
  const notFound = page.getByTestId('not-found');
  await expect(notFound.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(notFound).toContainText('Nothing in Fleet Control lives at #/no-such-page.');
  await expect(cards(page)).toHaveCount(0);
  const back = notFound.getByRole('link', { name: 'Back to the board' });
  await expect(back).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'not found page');
  await screenshot(page, 'not-found', 'light');
  await screenshot(page, 'not-found', 'dark');
  await page.keyboard.press('Enter');
  await expect(cards(page)).toHaveCount(32);
});

test('the navigation names what each entry opens: agent settings and agent runs', async ({ page }) => {
  await openBoard(page, server.url);
  const nav = page.getByRole('navigation', { name: /main|primary|navigation/i });
  await nav.getByRole('link', { name: 'Agent settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agent settings');
  await nav.getByRole('link', { name: 'Agent runs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agent runs');
  await expect(nav.getByRole('link', { name: 'Agents', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Runs', exact: true })).toHaveCount(0);
});

test('a long module title keeps the phase badge on its first line and the card as tall as the others', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openBoard(page, server.url);
  const fleet = card(page, 'fleet-hub');
  const title = fleet.locator('.card-title');
  await expect(title).toHaveAttribute('title', LONG_TITLE);
  await expect(fleet).toHaveAccessibleName(new RegExp(`^${LONG_TITLE}`));
  const titleBox = await box(title);
  const badgeBox = await box(fleet.getByTestId('phase-badge'));
  expect(Math.abs(badgeBox.y - titleBox.y)).toBeLessThan(6);
  expect(badgeBox.x).toBeGreaterThan(titleBox.x + titleBox.width - 1);
  // Clamped to two lines; the card is no taller than a card with a short title in another row.
  const lineHeight = await title.evaluate((el) => parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).lineHeight) || 24);
  expect(titleBox.height).toBeLessThanOrEqual(2 * lineHeight + 2);
  const other = await box(card(page, 'webhooks'));
  expect((await box(fleet)).height).toBeLessThanOrEqual(other.height * 1.15);
  await screenshot(page, 'board-long-title', 'light');
  await screenshot(page, 'board-long-title', 'dark');
});

test('the shortcut sheet keeps every key apart from its description', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await openBoard(page, server.url);
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts-sheet');
  await expect(sheet).toBeVisible();
  const overlaps = await sheet.locator('.shortcut-list > div').evaluateAll((rows) =>
    rows.flatMap((row) => {
      const dt = row.querySelector('dt')!;
      const dd = row.querySelector('dd')!;
      const keys = dt.getBoundingClientRect();
      const text = dd.getBoundingClientRect();
      const sideBySide = keys.right <= text.left + 1 || keys.bottom <= text.top + 1;
      const fits = dt.scrollWidth <= dt.clientWidth + 1 && dd.scrollWidth <= dd.clientWidth + 1;
      return sideBySide && fits ? [] : [`${dt.textContent} | ${dd.textContent}`];
    }),
  );
  expect(overlaps).toEqual([]);
  await expectNoSeriousA11yViolations(page, 'shortcut sheet');
  await screenshot(page, 'shortcut-sheet', 'light');
  await screenshot(page, 'shortcut-sheet', 'dark');
});

test('the header keeps every entry on one line at 1440x900 once the workspace is initialised', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openBoard(page, server.url);
  const header = page.locator('header.app-header');
  await expect(header.getByRole('link', { name: 'Workspace documents' })).toBeVisible();
  // A text that wraps has a piece starting below its first line's bottom.
  const wrapped = await header.locator('.brand, .header-workspace-name, .header-nav a, .segment span, button').evaluateAll((elements) =>
    elements.flatMap((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      const first = rects[0];
      return first && rects.some((r) => r.top >= first.bottom - 1) ? [el.textContent ?? ''] : [];
    }),
  );
  expect(wrapped).toEqual([]);
  // The theme's three choices stay side by side, on the row of the product name.
  const tops = await header.locator('.segment span').evaluateAll((spans) => spans.map((s) => Math.round(s.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  expect(Math.abs(middle(await box(header.locator('.segmented'))) - middle(await box(header.locator('.brand'))))).toBeLessThan(4);
  await screenshot(page, 'header-initialised', 'light', header);
  await screenshot(page, 'header-initialised', 'dark', header);
});
