// Reports in Chromium: the implementation log generated from the module branch's history, reviewed in the editor
// as a draft and committed (checked with git show); the fleet summary generated on the workspace documents page;
// the board exported as one HTML file, opened in the browser (no scripts, accessible, light and dark).

import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { ARTIFACTS, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';
import { expectEditorToContain, monacoIn, watchConsole } from './support/editor';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
  // Work on the module branch made outside the app, as a developer's terminal would.
  commitFileToBranch(repo, 'module/fleet-hub', 'web/src/pages/FleetMap.tsx', 'export function FleetMap() {\n  return null;\n}\n', 'Fleet map: vehicles on a map');
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

/** The commit dialog's default message, accepted with Enter. */
async function commitFromToolbar(page: import('@playwright/test').Page): Promise<void> {
  await page.getByTestId('commit-button').click();
  const dialog = page.getByTestId('commit-dialog');
  await expect(dialog.getByLabel('Commit message')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);
}

test('the implementation log is generated from the branch history into a draft, reviewed in the editor and committed', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await page.goto(`${new URL(server.url).origin}/#/module/fleet-hub/implementation-log`);
  const tipBefore = git(repo, ['rev-parse', 'module/fleet-hub']);
  const expected = git(repo, ['log', '--format=%h', '--abbrev=7', 'main..module/fleet-hub']).split('\n');

  await page.getByRole('button', { name: 'Generate from history' }).click();
  await expect(page.getByTestId('generation-outcome')).toHaveText(`The log now lists ${expected.length} commits. Review the draft below, then commit it.`);
  // The draft is in place (and the page done moving) before the editor is clicked into and read.
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expectEditorToContain(page, editor, 'Fleet map: vehicles on a map');
  // The generated draft is explained above the editor, not as unsaved changes restored from an earlier visit.
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  // A draft only: nothing committed yet.
  expect(git(repo, ['rev-parse', 'module/fleet-hub'])).toBe(tipBefore);
  await expectNoSeriousA11yViolations(page, 'module page with a generated log');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'reports-implementation-log', scheme);
  await page.emulateMedia({ colorScheme: 'light' });

  // The draft next to the log as committed (the untouched template).
  await page.getByRole('button', { name: 'Compare with the committed log' }).click();
  const diff = page.getByTestId('compare-diff');
  await expect(monacoIn(diff, 0)).toContainText('What was actually done, commit by commit.');
  await expectEditorToContain(page, monacoIn(diff, 1), 'Fleet map: vehicles on a map');
  await screenshot(page, 'reports-implementation-log-compare', 'light');
  await page.getByRole('radio', { name: 'Document', exact: true }).check();

  await commitFromToolbar(page);
  const committed = git(repo, ['show', 'module/fleet-hub:enhancements/fleet-hub/IMPLEMENTATION_LOG.md']);
  for (const commit of expected) expect(committed).toContain(`### \`${commit}\``);
  expect(committed).toContain('Fleet map: vehicles on a map');
  expect(committed).toContain('- Code (1): `web/src/pages/FleetMap.tsx` (added)');
  expect(git(repo, ['rev-parse', 'module/fleet-hub^'])).toBe(tipBefore);
  expect(problems()).toEqual([]);
});

test('the fleet summary is generated on the workspace documents page and committed on fleet/workspace', async ({ page }) => {
  await openBoard(page, server.url);
  await page.goto(`${new URL(server.url).origin}/#/workspace-docs/FLEET_ENHANCEMENT_SUMMARY.md`);
  await page.getByRole('button', { name: 'Generate FLEET_ENHANCEMENT_SUMMARY.md' }).click();
  await expect(page.getByTestId('generation-outcome')).toHaveText('The report is generated from the workspace as it is now. Review the draft below, then commit it.');
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor).toContainText('Generated from the workspace');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await commitFromToolbar(page);
  const summary = git(repo, ['show', 'fleet/workspace:enhancements/FLEET_ENHANCEMENT_SUMMARY.md']);
  expect(summary).toMatch(/^# Fleet Enhancement Summary/);
  expect(summary).toContain('| **Total** | **32** |');

  // The merge strategy runs the conflict forecast as a job, then lands in its draft the same way.
  await page.getByTestId('workspace-doc-link').filter({ hasText: 'MERGE_STRATEGY.md' }).click();
  await page.getByRole('button', { name: 'Generate MERGE_STRATEGY.md' }).click();
  await expect(page.getByTestId('generation-outcome')).toHaveText('The report is generated from the workspace as it is now. Review the draft below, then commit it.');
  await expect(editor).toContainText('Suggested order');
  await commitFromToolbar(page);
  expect(git(repo, ['show', 'fleet/workspace:enhancements/MERGE_STRATEGY.md'])).toMatch(/^# Merge Strategy\n\n<!-- fleet-control:generated:start[^\n]*\nGenerated from the conflict forecast of 32 module branches/);
  await expectNoSeriousA11yViolations(page, 'workspace documents page with a generated summary');
});

test('the board exports one self-contained HTML report that opens in the browser', async ({ page, context }) => {
  await openBoard(page, server.url);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-report-\d{4}-\d{2}-\d{2}\.html$/);
  const file = join(ARTIFACTS, 'reports-board.html');
  await download.saveAs(file);
  await expect(page.getByTestId('export-outcome')).toHaveText(`Saved as ${download.suggestedFilename()}.`);

  const report = await context.newPage();
  const requests: string[] = [];
  report.on('request', (request) => requests.push(request.url()));
  await report.goto(`file://${file}`);
  await expect(report.getByRole('heading', { level: 1 })).toContainText('enhancement report');
  await expect(report.locator('script')).toHaveCount(0);
  await expect(report.getByRole('img', { name: 'Modules per phase in each category' })).toBeVisible();
  await expect(report.getByRole('table').first()).toContainText('Total');
  // No empty band between the numbers and the first chart's heading.
  const totals = (await report.locator('.totals').boundingBox())!;
  const heading = (await report.getByRole('heading', { name: 'Progress per category' }).boundingBox())!;
  expect(heading.y - (totals.y + totals.height)).toBeLessThanOrEqual(40); // it was about 80 px
  expect(requests).toEqual([`file://${file}`]);
  await expectNoSeriousA11yViolations(report, 'exported HTML report');
  for (const scheme of ['light', 'dark'] as const) await screenshot(report, 'reports-html-export', scheme);
});
