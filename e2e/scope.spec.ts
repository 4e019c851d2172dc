// Module scope in Chromium over a real repository: a module whose patterns match nothing is flagged, a suggestion
// from the file names is accepted, the preview counts it, Save commits the manifest (checked with the git CLI)
// and the board card counts the new scope. Unusable patterns are named inline and nothing is committed.

import { expect, test } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  // Security Alerts' code is named "alerts", which its default patterns (**/*security-alert*) miss.
  commitFileToBranch(repo, 'module/security-alerts', 'web/src/pages/alerts/AlertList.tsx', 'export function AlertList() {\n  return null;\n}\n', 'Alerts page');
  commitFileToBranch(repo, 'module/security-alerts', 'web/src/pages/alerts/AlertDetail.tsx', 'export function AlertDetail() {\n  return null;\n}\n', 'Alert detail');
  commitFileToBranch(repo, 'module/security-alerts', 'api/src/routes/alerts.routes.ts', 'export const alertRoutes = [];\n', 'Alert routes');
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const manifestPatterns = (moduleId: string): string[] =>
  JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json'])).modules.find((m: { id: string }) => m.id === moduleId).patterns;

test('a module matching nothing is flagged; an accepted suggestion is previewed, saved to the manifest and counted on its card', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(card(page, 'security-alerts').getByTestId('no-files-warning')).toBeVisible();
  await card(page, 'security-alerts').click();

  const scope = page.getByTestId('module-scope');
  await expect(scope.getByTestId('no-files-block')).toContainText('Its patterns match no file');
  await scope.getByRole('button', { name: 'Fix the patterns' }).click();

  const editor = page.getByTestId('pattern-editor');
  await expect(editor.getByRole('heading', { name: 'Edit path patterns' })).toBeFocused();
  await expect(editor.getByTestId('pattern-row')).toHaveCount(4);
  await expect(editor.getByTestId('preview-total')).toContainText('Matches no file');
  const suggestions = editor.getByTestId('pattern-suggestion');
  await expect(suggestions).toHaveCount(2);
  await expect(suggestions.first()).toHaveAttribute('data-pattern', 'web/src/pages/alerts/**');
  await expect(suggestions.first()).toContainText('+2 files');
  await expect(suggestions.nth(1)).toHaveAttribute('data-pattern', 'api/src/routes/alert*.ts');

  await editor.getByRole('button', { name: 'Reject api/src/routes/alert*.ts' }).click();
  await expect(suggestions).toHaveCount(1);
  await expect(editor.getByText('1 rejected suggestion is hidden.')).toBeVisible();

  await editor.getByRole('button', { name: 'Accept web/src/pages/alerts/**' }).click();
  await expect(editor.getByRole('textbox', { name: 'Pattern 5' })).toHaveValue('web/src/pages/alerts/**');
  await expect(editor.getByTestId('preview-total')).toContainText('Matches 2 of');
  await expect(editor.getByTestId('pattern-row').nth(4).getByTestId('pattern-count')).toHaveText('2 files');
  // Once accepted it adds nothing more, so it is no longer suggested.
  await expect(suggestions).toHaveCount(0);

  await expectNoSeriousA11yViolations(page, 'the pattern editor');
  await screenshot(page, 'scope-editor', 'light');
  await screenshot(page, 'scope-editor', 'dark');

  const before = git(repo, ['rev-parse', 'fleet/workspace']);
  const head = git(repo, ['rev-parse', 'HEAD']);
  await editor.getByRole('textbox', { name: 'Pattern 5' }).press('Control+Enter');
  await expect(page.getByTestId('patterns-saved')).toContainText('Patterns saved in commit');
  await expect(page.getByTestId('pattern-editor')).toHaveCount(0);
  await expect(scope.getByTestId('no-files-block')).toHaveCount(0);
  await expect(scope.getByTestId('file-list')).toContainText('web/src/pages/alerts/AlertList.tsx');

  // The manifest commit landed on the workspace branch, on top of where the edit began; HEAD did not move.
  expect(git(repo, ['rev-parse', 'fleet/workspace^'])).toBe(before);
  expect(manifestPatterns('security-alerts')).toContain('web/src/pages/alerts/**');
  expect(git(repo, ['log', '-1', '--format=%s', 'fleet/workspace'])).toBe('Security Alerts: path patterns + web/src/pages/alerts/**');
  expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);

  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'security-alerts').getByTestId('no-files-warning')).toHaveCount(0);
  await expect(card(page, 'security-alerts')).toContainText('2 files');
});

test('unusable patterns are named inline, Save waits for a fix, and Escape leaves without committing', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'fuel-management').click();
  const before = git(repo, ['rev-parse', 'fleet/workspace']);
  await page.getByTestId('module-scope').getByRole('button', { name: 'Edit patterns' }).click();
  const editor = page.getByTestId('pattern-editor');
  await expect(editor.getByTestId('pattern-row')).toHaveCount(2);

  const add = editor.getByRole('textbox', { name: 'Add a pattern' });
  await add.fill('api/src/[routes');
  await add.press('Enter');
  await add.fill('/etc/**');
  await add.press('Enter');
  await expect(editor.getByText(/is not a valid glob pattern: Missing closing: "\]"/)).toBeVisible();
  await expect(editor.getByText(/is an absolute path/)).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Pattern 3' })).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByRole('button', { name: 'Save patterns' })).toBeDisabled();

  // Removing a pattern can be undone.
  await editor.getByRole('button', { name: 'Remove /etc/**' }).click();
  await expect(editor.getByTestId('pattern-row')).toHaveCount(3);
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(editor.getByRole('textbox', { name: 'Pattern 4' })).toHaveValue('/etc/**');

  await expectNoSeriousA11yViolations(page, 'the pattern editor with problems');
  await editor.getByRole('textbox', { name: 'Pattern 1' }).press('Escape');
  await expect(page.getByTestId('pattern-editor')).toHaveCount(0);
  await expect(page.getByTestId('module-page')).toBeVisible();
  expect(git(repo, ['rev-parse', 'fleet/workspace'])).toBe(before);
  expect(manifestPatterns('fuel-management')).toEqual(['**/*fuel*/**', '**/*fuel*']);
});

test('before any run, the batch estimate flags a module that matches nothing: its row says it sends no code', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel('Provider').selectOption('offline');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('estimate-row')).toHaveCount(32);
  const row = (moduleId: string) => dialog.locator(`[data-testid="estimate-row"][data-module-id="${moduleId}"]`);
  // The offline analyzer would still write a "no files match" report for break-glass: flagged, not blocked.
  await expect(row('break-glass').getByTestId('estimate-no-code')).toHaveText('no file matches: sends no code');
  await expect(row('break-glass')).toHaveClass(/row-blocked/);
  await expect(row('fleet-hub').getByTestId('estimate-no-code')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'the batch estimate');
});

test('a save after the workspace branch moved is refused; Reload keeps the edits when this module was not changed', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'webhooks').click();
  await page.getByTestId('module-scope').getByRole('button', { name: 'Edit patterns' }).click();
  const editor = page.getByTestId('pattern-editor');
  const add = editor.getByRole('textbox', { name: 'Add a pattern' });
  await add.fill('api/src/routes/**');
  await add.press('Enter');
  await expect(editor.getByTestId('pattern-row').nth(2).getByTestId('pattern-count')).toHaveText('4 files');

  // Meanwhile a teammate commits a workspace document to fleet/workspace from a terminal.
  commitFileToBranch(repo, 'fleet/workspace', 'MERGE_STRATEGY.md', '# Merge strategy\n', 'Merge strategy from a terminal');
  const moved = git(repo, ['rev-parse', 'fleet/workspace']);
  await editor.getByRole('button', { name: 'Save patterns' }).click();
  const notice = editor.getByTestId('patterns-branch-moved');
  await expect(notice).toContainText('The workspace branch moved');
  await expect(notice).toContainText('fleet/workspace moved since this edit began');
  expect(git(repo, ['rev-parse', 'fleet/workspace'])).toBe(moved);

  await notice.getByRole('button', { name: 'Reload the manifest' }).click();
  await expect(editor.getByText(/your edits are kept/)).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Pattern 3' })).toHaveValue('api/src/routes/**');
  await editor.getByRole('button', { name: 'Save patterns' }).click();
  await expect(page.getByTestId('patterns-saved')).toBeVisible();
  expect(git(repo, ['rev-parse', 'fleet/workspace^'])).toBe(moved);
  expect(manifestPatterns('webhooks')).toEqual(['**/*webhook*/**', '**/*webhook*', 'api/src/routes/**']);
  expect(git(repo, ['show', 'fleet/workspace:MERGE_STRATEGY.md'])).toBe('# Merge strategy');
});
