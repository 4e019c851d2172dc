// The module page's layout at desktop sizes, in Chromium over a real initialised repository: the document editor
// gets the window (tall, above the fold), everything else sits one tab away in a side panel that works from the
// keyboard, remembers its tab, can be resized and collapsed; the page shortcuts keep working; a run waiting for
// review (the built-in loop against a loopback OpenAI-compatible server) is one click away and its Changes view takes
// the main area;
// light and dark.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { commitFileToBranch } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { monacoIn } from './support/editor';
import { card, expectNoSeriousA11yViolations, go, openBoard, screenshot, showModuleTab } from './support/page';
import { call, openAiToolTurn, startProviderServer, type ProviderServer } from '../tests/helpers/provider-servers';

test.describe.configure({ mode: 'serial' });

let server: FleetServer;
let provider: ProviderServer;

const TO_BE = `---
module: drivers-hub
document: to-be
approved: false
---

# Drivers Hub: To-Be Design

## Changes

The drivers page shows a DriverBadge component (web/src/pages/DriverBadge.tsx).
`;

test.beforeAll(async () => {
  let repo: string;
  ({ repo, server } = await serveInitialisedRepo());
  commitFileToBranch(repo, 'module/drivers-hub', 'enhancements/drivers-hub/TO_BE_DESIGN.md', TO_BE, 'test: a TO-BE design');
  provider = await startProviderServer();
});

test.afterAll(async () => {
  await provider?.close();
  await server?.close();
  removeTempDirs();
});

async function openModule(page: Page, width: number, height: number, hash = '#/module/fleet-hub/as-is'): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${server.url}${hash}`);
  // Monaco's chunk can take a while on a busy machine.
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toBeVisible({ timeout: 45_000 });
}

/** The part of the element's box inside the window: its top and how tall the visible part is. */
async function visibleBox(page: Page, locator: Locator): Promise<{ top: number; visibleHeight: number }> {
  const box = (await locator.boundingBox())!;
  const windowHeight = page.viewportSize()!.height;
  return { top: box.y, visibleHeight: Math.min(box.y + box.height, windowHeight) - Math.max(box.y, 0) };
}

const tab = (page: Page, name: RegExp) => page.getByRole('tablist', { name: 'Module details' }).getByRole('tab', { name });

test('at 1440x900 the document editor starts above the fold and fills the window down to its bottom edge', async ({ page }) => {
  await openModule(page, 1440, 900);
  const frame = page.getByTestId('markdown-editor');
  // The editor's size follows once the page has measured itself.
  await expect.poll(async () => (await visibleBox(page, frame)).visibleHeight).toBeGreaterThanOrEqual(550);
  const { top, visibleHeight } = await visibleBox(page, frame);
  expect(top).toBeLessThan(350);
  const box = (await frame.boundingBox())!;
  // Nothing of it hides below the window.
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  expect(visibleHeight).toBe(box.height);
  // The preview beside it is as tall.
  const preview = (await page.getByTestId('document-view').boundingBox())!;
  expect(Math.abs(preview.height - box.height)).toBeLessThan(2);
  // No horizontal scrolling.
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1440);
  await expectNoSeriousA11yViolations(page, 'module page layout');
  await screenshot(page, 'module-page-layout', 'light');
  await screenshot(page, 'module-page-layout', 'dark');
});

test('the files are one tab away, and the keyboard reaches them and opens one', async ({ page }) => {
  await openModule(page, 1440, 900);
  const files = tab(page, /^Files/);
  await files.click();
  await expect(files).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: /^Files/ });
  await expect(panel.getByTestId('file-list')).toContainText('web/src/pages/FleetPage.tsx');
  // The whole list is in the window, beside the editor.
  const list = (await panel.getByTestId('file-list').boundingBox())!;
  expect(list.y + list.height).toBeLessThan(900);
  // The tab shows the count of matched files.
  await expect(files).toHaveText(/Files\s*4/);

  // From the tab: Tab enters its panel, and on through the panel's controls to a file; Enter opens it.
  await files.focus();
  await page.keyboard.press('Tab');
  await expect(panel).toBeFocused();
  const firstFile = panel.getByTestId('open-file').first();
  const focused = () => page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-testid')");
  for (let i = 0; i < 8 && (await focused()) !== 'open-file'; i++) await page.keyboard.press('Tab');
  await expect(firstFile).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('code-viewer').locator('.view-lines')).toBeVisible();
});

test('arrow keys move between the tabs, the chosen tab is remembered, and the page shortcuts still work', async ({ page }) => {
  await openModule(page, 1440, 900);
  const files = tab(page, /^Files/);
  await files.click();
  await page.keyboard.press('ArrowRight');
  const code = tab(page, /^Code/);
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('module-implement')).toBeVisible();
  await expect(page.getByTestId('file-list')).toBeHidden();
  await page.keyboard.press('End');
  await expect(tab(page, /^Agent/)).toBeFocused();
  await expect(page.getByTestId('draft-with-agent')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(files).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(files).toHaveAttribute('aria-selected', 'true');
  // Only the chosen tab is in the Tab order.
  await expect(page.getByRole('tab', { selected: false }).first()).toHaveAttribute('tabindex', '-1');

  // Checks, chosen: kept across a reload and on the next module.
  await tab(page, /^Checks/).click();
  await expect(page.getByTestId('checks-panel')).toBeVisible();
  await page.reload();
  await expect(tab(page, /^Checks/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('checks-panel')).toBeVisible();
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drivers Hub');
  await expect(tab(page, /^Checks/)).toHaveAttribute('aria-selected', 'true');

  // "I" (the Code tab's Implement) works while another tab is shown.
  await page.keyboard.press('i');
  const dialog = page.getByTestId('implement-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drivers Hub');
  await tab(page, /^Files/).click();
});

test('the side panel can be widened from the keyboard and collapsed, giving the editor the room', async ({ page }) => {
  await openModule(page, 1440, 900);
  const side = page.getByTestId('module-side-panel');
  const handle = page.getByRole('separator', { name: 'Side panel width' });
  const width = Number(await handle.getAttribute('aria-valuenow'));
  const before = (await side.boundingBox())!.width;
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', String(width + 48));
  await expect.poll(async () => (await side.boundingBox())!.width).toBeGreaterThan(before + 40);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(width));

  const editor = page.getByTestId('markdown-editor');
  const narrow = (await editor.boundingBox())!.width;
  await page.getByRole('button', { name: 'Hide the side panel' }).click();
  await expect(page.getByRole('tablist', { name: 'Module details' })).toBeHidden();
  await expect.poll(async () => (await editor.boundingBox())!.width).toBeGreaterThan(narrow + 100);
  // Kept across a reload; the rail brings it back.
  await page.reload();
  const expand = page.getByRole('button', { name: 'Show the side panel' });
  await expect(expand).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'module page with the side panel collapsed');
  await expand.click();
  await expect(page.getByRole('tablist', { name: 'Module details' })).toBeVisible();
  await expect(page.getByRole('tab', { selected: true })).toBeFocused();
});

test('at 1280x720 the editor still starts in the upper half and nothing scrolls sideways', async ({ page }) => {
  await openModule(page, 1280, 720);
  const frame = page.getByTestId('markdown-editor');
  await expect.poll(async () => (await visibleBox(page, frame)).visibleHeight).toBeGreaterThanOrEqual(340);
  expect((await visibleBox(page, frame)).top).toBeLessThan(360);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
  await expect(tab(page, /^Pull request/)).toBeVisible();
  await screenshot(page, 'module-page-layout-1280', 'light');
  await screenshot(page, 'module-page-layout-1280', 'dark');
});

test('a run waiting for review puts the Changes view in the main area, beside the panel; Escape goes back to the document', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openBoard(page, server.url);
  await go(page, '#/settings/agents');
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio.getByRole('button', { name: 'Save provider' }).click();
  await expect(lmstudio.getByLabel('Base URL')).toHaveValue(provider.baseUrl);
  provider.script(
    openAiToolTurn({ model: 'local-model', toolCalls: [call('write_file', { path: 'web/src/pages/DriverBadge.tsx', content: 'export function DriverBadge() {\n  return null;\n}\n' })] }),
    openAiToolTurn({ model: 'local-model', toolCalls: [call('finish', { summary: 'The drivers page has its badge.' })] }),
  );

  // Implement from the module page: the run opens in the main area, the side panel stays.
  await go(page, '#/module/drivers-hub/to-be');
  await showModuleTab(page, 'implementation');
  await page.getByTestId('implement-module').click();
  const dialog = page.getByTestId('implement-dialog');
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();
  const run = page.getByTestId('run-view');
  await expect(run).toHaveAttribute('data-state', 'review', { timeout: 30_000 });
  await expect(page.getByTestId('module-page')).toHaveAttribute('data-main', 'changes');
  await expect(page.getByTestId('module-side-panel')).toBeVisible();

  // From the board, the module's Changes entry says a run waits for review and opens it in the main area.
  await page.getByRole('button', { name: 'Back to board' }).click();
  await card(page, 'drivers-hub').click();
  await expect(page.getByTestId('changes-review-count')).toHaveText('1 run to review');
  await page.getByTestId('main-changes-link').click();
  await page.getByTestId('implement-run-row').first().getByRole('link').click();
  await expect(page.getByTestId('module-page')).toHaveAttribute('data-main', 'changes');
  await expect(page.getByTestId('main-changes-link')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('changes-review-count')).toHaveText('1 run to review');
  await expect(run.getByTestId('changed-file')).toHaveCount(1);
  // The review takes the main area: wide, starting near the top, left of the side panel.
  const main = (await page.getByTestId('changes-page').boundingBox())!;
  const side = (await page.getByTestId('module-side-panel').boundingBox())!;
  expect(main.width).toBeGreaterThan(900);
  expect(main.y).toBeLessThan(260);
  expect(main.x + main.width).toBeLessThanOrEqual(side.x);
  await expect(page.getByTestId('module-tab-implementation')).toContainText('to review');
  await expectNoSeriousA11yViolations(page, 'module page with a run to review');
  await screenshot(page, 'module-page-changes', 'light');
  await screenshot(page, 'module-page-changes', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Escape: back to the document, which stays (the run still waits).
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('module-page')).toHaveAttribute('data-main', 'document');
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('changes-review-count')).toHaveText('1 run to review');
  // C opens the Changes view again.
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('module-page')).toHaveAttribute('data-main', 'changes');
});
