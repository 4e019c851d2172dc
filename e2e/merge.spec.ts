// Forecast and merges end to end, over a repository whose module branches were given commits with the git
// CLI: two independent modules, two that change the same file on different lines, two that change the same line
// differently (each clean alone), one ready to merge, one that conflicts with the base branch, one branch deleted. The screen forecasts, two clean modules merge into the integration branch (checked with
// git: they landed, the base branch did not move), a conflicting one is refused with its three-way view, the
// base branch checked out here is said on the target choice, the screen forecasts again after every move of its
// target, modules whose documents are templates are named before merging; axe and screenshots in both themes.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './support/editor';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { commitFileToBranch, git } from './support/git';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;
let baseTipBefore: string;

const CONFLICTING_PATH = 'api/src/services/work-order.service.ts';

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  // Independent: each changes a file nobody else touches.
  commitFileToBranch(repo, 'module/fleet-hub', 'web/src/pages/FleetPage.tsx', 'export function FleetPage() {\n  return "fleet";\n}\n', 'Fleet page says fleet');
  commitFileToBranch(repo, 'module/drivers-hub', 'web/src/pages/DriversPage.tsx', 'export function DriversPage() {\n  return "drivers";\n}\n', 'Drivers page says drivers');
  // Overlapping: both change the dispatch page, on different lines.
  commitFileToBranch(repo, 'module/dispatch-system', 'web/src/pages/DispatchPage.tsx', '// Dispatch board\nexport function DispatchPage() {\n  return null;\n}\n', 'Dispatch page header');
  commitFileToBranch(repo, 'module/safety-hub', 'web/src/pages/DispatchPage.tsx', 'export function DispatchPage() {\n  return null;\n}\n// Safety checks run before dispatch\n', 'Dispatch page safety note');
  // Overlapping, and conflicting only once one of them is merged: the same line changed differently by each.
  commitFileToBranch(repo, 'module/fuel-management', 'api/src/routes/fuel.routes.ts', 'export const fuelRoutes = ["/fuel"];\n', 'Fuel route');
  commitFileToBranch(repo, 'module/cost-analytics', 'api/src/routes/fuel.routes.ts', 'export const fuelRoutes = ["/fuel/costs"];\n', 'Fuel cost route');
  // Ready to merge: its page changed (a branch with documents only is never ready) and all five documents written.
  commitFileToBranch(repo, 'module/analytics-hub', 'web/src/pages/AnalyticsPage.tsx', 'export function AnalyticsPage() {\n  return "analytics";\n}\n', 'Analytics page says analytics');
  for (const doc of ['AS_IS_ANALYSIS', 'TO_BE_DESIGN', 'IMPLEMENTATION_LOG', 'TEST_PLAN', 'ENHANCEMENT_SUMMARY']) {
    commitFileToBranch(repo, 'module/analytics-hub', `enhancements/analytics-hub/${doc}.md`, `# ${doc}\n\nWritten for analytics-hub.\n`, `Analytics: ${doc}`);
  }
  // Conflicting with the base branch: the same line changed on both sides.
  commitFileToBranch(repo, 'module/maintenance-hub', CONFLICTING_PATH, 'export class WorkOrderService { priority = "module"; }\n', 'Work orders get a priority');
  writeFileSync(join(repo, CONFLICTING_PATH), 'export class WorkOrderService { priority = "base"; }\n');
  git(repo, ['commit', '-q', '-am', 'Base: work orders get a different priority']);
  // Deleted outside the app.
  git(repo, ['branch', '-D', 'module/webhooks']);
  baseTipBefore = git(repo, ['rev-parse', 'main']);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const row = (page: Page, moduleId: string) => page.locator(`[data-testid="forecast-row"][data-module-id="${moduleId}"]`);
const result = (page: Page, moduleId: string) => page.locator(`[data-testid="merge-result"][data-module-id="${moduleId}"]`);
const isAncestor = (a: string, b: string) => {
  try {
    git(repo, ['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch {
    return false;
  }
};

async function forecast(page: Page): Promise<void> {
  await page.getByTestId('run-forecast').click();
  await expect(page.getByTestId('forecast-time')).toBeVisible();
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  await expect(page.getByTestId('run-forecast')).toBeEnabled();
  await expect(page.getByTestId('forecast-row')).toHaveCount(32);
}

async function selectOnly(page: Page, modules: string[]): Promise<void> {
  const none = page.getByRole('button', { name: 'Select none' });
  if (await none.isEnabled()) await none.click();
  await expect(page.getByTestId('selected-count')).toHaveText('0 modules selected');
  for (const id of modules) await row(page, id).getByTestId('select-module').check();
  await expect(page.getByTestId('selected-count')).toHaveText(`${modules.length} module${modules.length === 1 ? '' : 's'} selected`);
}

test('the forecast shows how each module would merge, which modules share files, and the order to merge in', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  // M opens the merge screen from the board; the shortcut is on the shortcuts sheet.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-sheet')).toContainText('Open the merge screen');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-sheet')).toBeHidden();
  await page.keyboard.press('m');
  await expect(page.getByRole('heading', { level: 1, name: 'Merge modules' })).toBeVisible();
  await expect(page).toHaveURL(/#\/merge$/);
  await expect(page.getByRole('link', { name: 'Merge', exact: true })).toHaveAttribute('aria-current', 'page');

  // Integration is the default target, and the base branch is explained as usually protected.
  const integration = page.getByRole('radio', { name: /Integration branch/ });
  await expect(integration).toBeChecked();
  await expect(page.getByTestId('merge-targets')).toContainText('usually protected');

  await forecast(page);
  // The integration branch does not exist yet: the forecast says it ran against the base branch's tip.
  await expect(page.getByTestId('forecast-time')).toContainText(`which does not exist yet: its base is at ${baseTipBefore.slice(0, 7)}`);
  await expect(row(page, 'fleet-hub')).toHaveAttribute('data-outcome', 'clean');
  await expect(row(page, 'drivers-hub')).toHaveAttribute('data-outcome', 'clean');
  await expect(row(page, 'maintenance-hub')).toHaveAttribute('data-outcome', 'conflicts');
  await expect(row(page, 'webhooks')).toHaveAttribute('data-outcome', 'missing');
  await expect(row(page, 'webhooks').getByTestId('select-module')).toBeDisabled();
  // The module the board calls ready to merge starts selected; nothing else does.
  await expect(row(page, 'analytics-hub').getByTestId('select-module')).toBeChecked();
  await expect(page.getByTestId('selected-count')).toHaveText('1 module selected');
  // Six paths: the module's five documents and its page.
  await expect(row(page, 'fleet-hub').getByTestId('changed-count')).toHaveText('6');
  // Its documents are still templates, and the row says so; the ready module's are written.
  await expect(row(page, 'fleet-hub').getByTestId('unwritten-docs')).toHaveText('5 documents not written');
  await expect(row(page, 'analytics-hub').getByTestId('unwritten-docs')).toHaveCount(0);

  // The conflicting files fold open under their count.
  await row(page, 'maintenance-hub').getByTestId('toggle-conflicts').click();
  await expect(row(page, 'maintenance-hub').getByTestId('conflict-list')).toContainText(CONFLICTING_PATH);

  // The overlap matrix shows only the four modules that share a file; a cell names both and lists the path.
  const matrix = page.getByTestId('overlap-matrix');
  await expect(matrix.locator('tbody tr')).toHaveCount(4);
  await expect(matrix.getByRole('cell', { name: 'dispatch-system and fuel-management share 0 files' })).toBeVisible();
  const cell = matrix.getByRole('button', { name: 'dispatch-system and safety-hub share 1 file' });
  await cell.click();
  await expect(page.getByTestId('overlap-paths')).toContainText('web/src/pages/DispatchPage.tsx');

  // The module that conflicts now is flagged first (to resolve), then the independent ones, then the overlapping pair.
  const groups = page.getByTestId('order-group');
  await expect(groups.first()).toHaveAttribute('data-kind', 'conflicts');
  await expect(groups.first()).toContainText('maintenance-hub');
  await expect(groups.nth(1)).toHaveAttribute('data-kind', 'independent');
  await expect(groups.nth(1)).toContainText('fleet-hub');
  await expect(groups).toHaveCount(4);
  const overlapping = page.locator('[data-testid="order-group"][data-kind="overlapping"]');
  await expect(overlapping.filter({ hasText: 'safety-hub' })).toContainText('dispatch-system');
  // The pair that only conflicts once one of them is merged is named before anything is written.
  await expect(overlapping.filter({ hasText: 'cost-analytics' }).getByTestId('later-conflict')).toHaveText(
    /^(cost-analytics|fuel-management) merges cleanly alone but conflicts once (fuel-management|cost-analytics) is merged \(api\/src\/routes\/fuel\.routes\.ts\)\.$/,
  );
  await expect(overlapping.filter({ hasText: 'safety-hub' }).getByTestId('later-conflict')).toHaveCount(0);

  await expectNoSeriousA11yViolations(page, 'merge screen with a forecast');
  await screenshot(page, 'merge-forecast', 'light');
  await screenshot(page, 'merge-forecast', 'dark');
  expect(problems()).toEqual([]);
});

test('two clean modules merge into the integration branch, and the base branch does not move', async ({ page }) => {
  // Opened directly (a reload, a bookmark): the last forecast is shown, with the ready module selected.
  await page.goto(`${server.url}#/merge`);
  await expect(page.getByTestId('forecast-row')).toHaveCount(32);
  await expect(page.getByTestId('forecast-time')).toContainText('Computed earlier');
  await expect(row(page, 'analytics-hub').getByTestId('select-module')).toBeChecked();
  await forecast(page);
  await selectOnly(page, ['drivers-hub', 'fleet-hub']);

  await page.getByTestId('merge-selected').click();
  const dialog = page.getByTestId('merge-confirm');
  await expect(dialog.getByRole('heading')).toHaveText('Merge 2 modules into fleet/integration?');
  // In the suggested order: the table lists fleet-hub first, the order too.
  await expect(dialog.locator('.confirm-list li')).toHaveText(['fleet-hub', 'drivers-hub']);
  // Their documents are still the templates init wrote: said (and listed) before merging.
  const unwritten = dialog.getByTestId('merge-unwritten-warning');
  await expect(unwritten).toContainText('2 of these modules have documents that are not written');
  await expect(unwritten.locator('li')).toHaveText([
    'fleet-hub: As-is analysis, To-be design, Implementation log, Test plan, Enhancement summary',
    'drivers-hub: As-is analysis, To-be design, Implementation log, Test plan, Enhancement summary',
  ]);
  await expectNoSeriousA11yViolations(page, 'merge confirmation');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'merge-confirm-unwritten', scheme);
  await dialog.getByTestId('merge-confirm-go').click();

  await expect(page.getByTestId('merge-summary')).toHaveText('2 modules merged into fleet/integration.');
  await expect(result(page, 'fleet-hub')).toHaveAttribute('data-outcome', 'merged');
  await expect(result(page, 'drivers-hub')).toHaveAttribute('data-outcome', 'merged');

  expect(isAncestor('module/fleet-hub', 'fleet/integration')).toBe(true);
  expect(isAncestor('module/drivers-hub', 'fleet/integration')).toBe(true);
  expect(isAncestor('module/safety-hub', 'fleet/integration')).toBe(false);
  expect(git(repo, ['rev-parse', 'main'])).toBe(baseTipBefore);
  expect(git(repo, ['show', 'fleet/integration:web/src/pages/FleetPage.tsx'])).toContain('"fleet"');
  git(repo, ['fsck', '--no-progress']);

  // The integration branch moved: the screen forecasts again by itself, so the next merge starts from its new tip.
  const integrationTip = git(repo, ['rev-parse', 'fleet/integration']);
  await expect(page.getByTestId('forecast-time')).toContainText(`fleet/integration at ${integrationTip.slice(0, 7)}`);
  await expect(page.getByTestId('forecast-stale')).toHaveCount(0);
  await expect(row(page, 'fleet-hub')).toHaveAttribute('data-outcome', 'up-to-date');
  await expect(row(page, 'drivers-hub')).toHaveAttribute('data-outcome', 'up-to-date');
  await expect(page.getByTestId('merge-summary')).toHaveText('2 modules merged into fleet/integration.');
  await screenshot(page, 'merge-done', 'light');
  await screenshot(page, 'merge-done', 'dark');
});

test('a conflicting module is refused before anything is written, with a three-way view of the file', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Merge', exact: true }).click();
  await forecast(page);
  await selectOnly(page, ['maintenance-hub']);
  await expect(page.getByTestId('stops-at')).toContainText('the run stops at it before merging anything');
  const integrationBefore = git(repo, ['rev-parse', 'fleet/integration']);

  await page.getByTestId('merge-selected').click();
  await page.getByTestId('merge-confirm-go').click();
  await expect(page.getByTestId('merge-summary')).toHaveText('Stopped at a conflict before merging anything into fleet/integration: nothing was written.');
  await expect(result(page, 'maintenance-hub')).toHaveAttribute('data-outcome', 'conflicts');
  expect(git(repo, ['rev-parse', 'fleet/integration'])).toBe(integrationBefore);
  expect(isAncestor('module/maintenance-hub', 'fleet/integration')).toBe(false);

  // The three-way view opens on the conflicting file: the target's side, the module's side, git's markers.
  const view = page.getByTestId('conflict-view');
  await expect(view).toHaveAttribute('data-path', CONFLICTING_PATH);
  await expect(view.getByTestId('conflict-merged')).toContainText('<<<<<<<');
  await expect(view.getByTestId('conflict-merged')).toContainText('priority = "base"');
  await expect(view.getByTestId('conflict-merged')).toContainText('priority = "module"');
  await expect(view.getByTestId('conflict-regions')).toHaveText('1 conflicting region');
  await expect(view.getByTestId('conflict-ours').locator('.monaco-diff-editor')).toBeVisible();
  await expect(view.getByTestId('conflict-theirs').locator('.monaco-diff-editor')).toBeVisible();

  await expectNoSeriousA11yViolations(page, 'three-way view of a conflict');
  await screenshot(page, 'merge-conflict', 'light');
  await screenshot(page, 'merge-conflict', 'dark');

  // Escape closes the three-way view, then goes back to the board.
  await view.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/$/);
});

test('the base branch checked out here is said on the target choice: it can be forecast, but its merge button says why it is disabled', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Merge', exact: true }).click();
  const base = page.getByRole('radio', { name: /Base branch/ });
  await expect(page.getByTestId('target-held')).toHaveCount(1);
  await expect(page.getByTestId('target-held')).toContainText(`main is checked out in ${repo}, so merging into it here is refused`);
  await expect(base).toHaveAccessibleDescription(/main is checked out in/);
  await base.check();
  await forecast(page);
  await selectOnly(page, ['telematics']);
  await expect(page.getByTestId('merge-selected')).toBeDisabled();
  await expect(page.getByTestId('merge-held-reason')).toHaveText('Merging into main is refused while a working tree holds it (see above): pick the integration branch instead.');
  await expect(page.getByTestId('merge-selected')).toHaveAccessibleDescription(/Merging into main is refused/);
  await expectNoSeriousA11yViolations(page, 'merge target held by a working tree');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'merge-target-held', scheme);

  // The integration branch takes it, from the keyboard.
  await page.getByRole('radio', { name: /Integration branch/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Integration branch/ })).toBeChecked();
  await forecast(page);
  await selectOnly(page, ['telematics']);
  await page.getByTestId('merge-selected').click();
  await page.getByTestId('merge-confirm-go').click();
  await expect(page.getByTestId('merge-summary')).toHaveText('1 module merged into fleet/integration.');
  expect(isAncestor('module/telematics', 'fleet/integration')).toBe(true);
  expect(git(repo, ['rev-parse', 'main'])).toBe(baseTipBefore);
});

test('when the integration branch moves from a terminal, the screen forecasts again by itself and the merge goes through', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Merge', exact: true }).click();
  await forecast(page);
  await selectOnly(page, ['inventory']);

  // Someone moves the integration branch from a terminal: the screen notices and forecasts against the new tip.
  const moved = commitFileToBranch(repo, 'fleet/integration', 'NOTES.md', 'Integration notes\n', 'Notes on the integration branch');
  await expect(page.getByTestId('forecast-time')).toContainText(`fleet/integration at ${moved.slice(0, 7)}`);
  await expect(page.getByTestId('forecast-stale')).toHaveCount(0);
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  // The selection is kept, and the merge goes through on top of the moved branch.
  await expect(page.getByTestId('selected-count')).toHaveText('1 module selected');
  await page.getByTestId('merge-selected').click();
  await page.getByTestId('merge-confirm-go').click();
  await expect(page.getByTestId('merge-summary')).toHaveText('1 module merged into fleet/integration.');
  expect(isAncestor('module/inventory', 'fleet/integration')).toBe(true);
  expect(isAncestor(moved, 'fleet/integration')).toBe(true);
  // Its own merge moved the branch again: forecast again too, with no word of a stale forecast.
  const after = git(repo, ['rev-parse', 'fleet/integration']);
  await expect(page.getByTestId('forecast-time')).toContainText(`fleet/integration at ${after.slice(0, 7)}`);
  await expect(row(page, 'inventory')).toHaveAttribute('data-outcome', 'up-to-date');
  await expect(page.getByTestId('merge-target-moved')).toHaveCount(0);
});

test('the board shows merged modules as Merged once it refreshes', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(card(page, 'fleet-hub')).toHaveAttribute('data-phase', 'merged');
  // Merged is a git fact, but with its documents still templates it is never done: the badge says so.
  await expect(card(page, 'fleet-hub').getByTestId('phase-badge')).toHaveText(/Merged \(documents not written\)/);
  await expect(card(page, 'safety-hub')).not.toHaveAttribute('data-phase', 'merged');
});
