// Editing module documents in Monaco over a real initialised repository: save = commit (checked with git),
// the as-is ↔ to-be diff committing both sides in one commit, compare, approval, keyboard, accessibility
// and screenshots. Each test works on its own module, so they do not depend on one another's commits.

import { expect, test, type Page } from '@playwright/test';
import { DOC_FILE_NAMES, type DocKind } from '../src/shared/documents';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, screenshot } from './support/page';
import { appendEditorText, commitWithKeyboard, monacoIn, replaceEditorText, watchConsole } from './support/editor';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const docPath = (moduleId: string, kind: DocKind) => `enhancements/${moduleId}/${DOC_FILE_NAMES[kind]}`;
const show = (moduleId: string, kind: DocKind) => git(repo, ['show', `module/${moduleId}:${docPath(moduleId, kind)}`]);

async function openDoc(page: Page, moduleId: string, kind: DocKind): Promise<void> {
  await page.goto(`${server.url}#/module/${moduleId}/${kind}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toBeVisible();
}

test('typing into Monaco and pressing Ctrl+S commits the document to the module branch', async ({ page }) => {
  const problems = watchConsole(page);
  const statusBefore = git(repo, ['status', '--porcelain']);
  const headBefore = git(repo, ['rev-parse', 'HEAD']);
  const tipBefore = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);

  await openDoc(page, 'fleet-hub', 'as-is');
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  const text = '# Fleet Hub: As-Is Analysis\n\nThe vehicle table lives in web/src/components/fleet/VehicleTable.tsx.\n';
  await replaceEditorText(page, editor, text);
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
  // The preview follows the text.
  await expect(page.getByTestId('document-view')).toContainText('VehicleTable.tsx');

  await page.keyboard.press('Control+S');
  const dialog = page.getByTestId('commit-dialog');
  await expect(dialog.getByLabel('Commit message')).toHaveValue('Fleet Hub: update AS_IS_ANALYSIS.md');
  await expect(dialog.getByLabel('Commit message')).toBeFocused();
  // Escape cancels and keeps the text.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('module-page')).toBeVisible();
  expect(git(repo, ['rev-parse', 'refs/heads/module/fleet-hub'])).toBe(tipBefore);

  await commitWithKeyboard(page, 'Fleet Hub: describe the vehicle table');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);

  expect(show('fleet-hub', 'as-is')).toBe(text.trimEnd());
  expect(git(repo, ['log', '-1', '--format=%s%n%P', 'module/fleet-hub'])).toBe(`Fleet Hub: describe the vehicle table\n${tipBefore}`);
  expect(git(repo, ['diff', '--name-only', `${tipBefore}`, 'module/fleet-hub'])).toBe(docPath('fleet-hub', 'as-is'));

  // "From now on, commit with the default message": Ctrl+S then commits at once; the Commit button still asks.
  await appendEditorText(page, editor, 'Second paragraph.\n');
  await page.keyboard.press('Control+S');
  await dialog.getByRole('checkbox', { name: /commit with the default message without asking/ }).check();
  await dialog.getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await appendEditorText(page, editor, 'Third paragraph.\n');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await expect(dialog).toBeHidden();
  expect(show('fleet-hub', 'as-is')).toContain('Third paragraph.');
  expect(git(repo, ['log', '-1', '--format=%s', 'module/fleet-hub'])).toBe('Fleet Hub: update AS_IS_ANALYSIS.md');
  await appendEditorText(page, editor, 'Fourth paragraph.\n');
  await page.getByTestId('commit-button').click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: /commit with the default message without asking/ }).uncheck();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Discard changes…' }).click();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-dirty', 'false');
  await expect(editor).not.toContainText('Fourth paragraph.');

  // The card follows: the document is written now, no draft is left.
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'fleet-hub').locator('[data-doc-kind="as-is"]')).toHaveAttribute('data-doc-state', 'written');
  await expect(card(page, 'fleet-hub').locator('[data-doc-kind="as-is"]')).not.toHaveAttribute('data-draft');
  // The user's repository is untouched: same HEAD, same working tree.
  expect(git(repo, ['status', '--porcelain'])).toBe(statusBefore);
  expect(git(repo, ['rev-parse', 'HEAD'])).toBe(headBefore);
  expect(problems()).toEqual([]);
});

test('as-is ↔ to-be: both sides edited in the diff editor go into one commit', async ({ page }) => {
  const problems = watchConsole(page);
  const tipBefore = git(repo, ['rev-parse', 'refs/heads/module/drivers-hub']);
  await openDoc(page, 'drivers-hub', 'as-is');
  await page.keyboard.press('Control+Shift+D');
  // The pair opens aligned by section; editing both sides happens in the line diff.
  await page.getByRole('radio', { name: 'Line diff' }).check();
  const diff = page.getByTestId('pair-diff');
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  // Both sides are editable: the left (as-is) and the right (to-be).
  await appendEditorText(page, monacoIn(diff, 0), '\nDrivers are listed in web/src/pages/DriversPage.tsx.\n');
  await appendEditorText(page, monacoIn(diff, 1), '\nAdd licence expiry warnings 30 days ahead.\n');
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);

  // Next/previous change: buttons and F7 move the cursor between differences.
  await page.getByRole('button', { name: 'Next change' }).click();
  await page.keyboard.press('F7');
  await page.keyboard.press('Shift+F7');

  await page.keyboard.press('Control+S');
  const dialog = page.getByTestId('commit-dialog');
  await expect(dialog.getByLabel('Commit message')).toHaveValue('Drivers Hub: update AS_IS_ANALYSIS.md and TO_BE_DESIGN.md');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);

  expect(git(repo, ['rev-list', '--count', `${tipBefore}..module/drivers-hub`])).toBe('1');
  expect(git(repo, ['diff', '--name-only', 'module/drivers-hub~1', 'module/drivers-hub']).split('\n').sort()).toEqual(
    [docPath('drivers-hub', 'as-is'), docPath('drivers-hub', 'to-be')].sort(),
  );
  expect(show('drivers-hub', 'as-is')).toContain('Drivers are listed in web/src/pages/DriversPage.tsx.');
  expect(show('drivers-hub', 'to-be')).toContain('Add licence expiry warnings 30 days ahead.');

  // Inline layout, then back to the single document.
  await page.getByRole('radio', { name: 'Inline' }).check();
  await expect(diff).toHaveAttribute('data-inline', 'true');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'editor-as-is-to-be', scheme);
  await page.getByRole('radio', { name: 'Side by side' }).check();
  await page.keyboard.press('Control+Shift+D');
  await expect(page.getByTestId('markdown-editor')).toBeVisible();
  expect(problems()).toEqual([]);
});

test('compare with the base branch, an earlier commit of the history, or another module (read-only side)', async ({ page }) => {
  const first = commitFileToBranch(repo, 'module/telematics', docPath('telematics', 'as-is'), '# Telematics\n\nFirst analysis.\n', 'Telematics: first analysis');
  commitFileToBranch(repo, 'module/telematics', docPath('telematics', 'as-is'), '# Telematics\n\nSecond analysis.\n', 'Telematics: second analysis');
  commitFileToBranch(repo, 'module/dispatch-system', docPath('dispatch-system', 'as-is'), '# Dispatch System\n\nUnassigned jobs are listed first.\n', 'Dispatch System: as-is');
  await openDoc(page, 'telematics', 'as-is');
  await page.getByRole('radio', { name: 'Compare with…' }).check();
  const view = page.getByTestId('compare-view');
  await expect(view.getByText('The document does not exist in main')).toBeVisible();

  await view.getByLabel('Compare with').selectOption({ label: 'An earlier commit of this document' });
  const history = page.getByTestId('history-list');
  await expect(history.getByRole('radio')).toHaveCount(3);
  await expect(history).toContainText('Telematics: second analysis');
  await expect(history).toContainText('E2E Author');
  await history.getByRole('radio', { name: /Telematics: first analysis/ }).check();
  const diff = page.getByTestId('compare-diff');
  await expect(monacoIn(diff, 0)).toContainText('First analysis.');
  await expect(monacoIn(diff, 1)).toContainText('Second analysis.');
  await expect(view).toContainText(`${first.slice(0, 7)} (read-only)`);

  // The compared side refuses edits; the document's side takes them.
  await monacoIn(diff, 0).locator('.view-lines').click();
  await page.keyboard.insertText('nope');
  await expect(monacoIn(diff, 0)).not.toContainText('nope');

  await view.getByLabel('Compare with').selectOption({ label: 'The same document of another module' });
  await view.getByLabel('Module', { exact: true }).selectOption({ label: 'Dispatch System' });
  await expect(monacoIn(diff, 0)).toContainText('Unassigned jobs are listed first.');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'editor-compare', scheme);
  await page.getByRole('radio', { name: 'Document', exact: true }).check();
});

test('approving asks first (Enter confirms, Escape cancels), is refused for a template, and the card follows', async ({ page }) => {
  await openDoc(page, 'maintenance-hub', 'to-be');
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  // A template is never approved: the button says why it is disabled.
  await expect(page.getByTestId('approve-button')).toBeDisabled();
  await expect(page.getByTestId('approve-blocked')).toHaveText(/Still a template/);
  await expect(page.getByTestId('approve-button')).toHaveAccessibleDescription(/Still a template/);

  // Two added lines do not make it written.
  await appendEditorText(page, editor, '\nSchedule preventive work orders by mileage.\n');
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await expect(page.getByTestId('approve-button')).toBeDisabled();
  await expect(page.getByTestId('document-link').filter({ hasText: 'To-be design' })).toContainText('template');

  const written = [
    '---', 'module: maintenance-hub', 'document: to-be', 'approved: false', '---', '', '# Maintenance Hub: To-Be Design', '',
    '## Goals', '', 'Fewer breakdowns.', '', '## Design', '', 'Work orders by mileage.', '', '## User experience', '', 'One list per depot.', '', '## Plan', '', 'Schedule, then remind.', '',
  ].join('\n');
  await replaceEditorText(page, editor, written);
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await expect(page.getByTestId('document-link').filter({ hasText: 'To-be design' })).toContainText('written');
  const tip = git(repo, ['rev-parse', 'module/maintenance-hub']);

  // The confirm step: Escape cancels (and stays on the page), Enter confirms.
  await page.getByTestId('approve-button').click();
  const confirm = page.getByTestId('approve-confirm');
  await expect(confirm).toContainText('Approve To-be design? This commits the approval');
  await expect(confirm).toContainText('module/maintenance-hub');
  await expect(page.getByTestId('approve-confirm-yes')).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'approve-confirm');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'editor-approve-confirm', scheme);
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('module-page')).toBeVisible();
  expect(git(repo, ['rev-parse', 'module/maintenance-hub'])).toBe(tip);

  await page.getByTestId('approve-button').click();
  await expect(page.getByTestId('approve-confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('approve-button')).toHaveText('Withdraw approval');
  expect(show('maintenance-hub', 'to-be')).toMatch(/^approved: \d{4}-\d{2}-\d{2} by /m);
  expect(git(repo, ['log', '-1', '--format=%s', 'module/maintenance-hub'])).toBe('Maintenance Hub: approve to-be');
  await expect(page.getByTestId('document-link').filter({ hasText: 'To-be design' })).toContainText('approved');
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'maintenance-hub').locator('[data-doc-kind="to-be"]')).toHaveAttribute('data-doc-state', 'approved');

  await card(page, 'maintenance-hub').click();
  await page.getByTestId('document-link').filter({ hasText: 'To-be design' }).click();
  // Unsaved changes refuse it, after the confirm step.
  await appendEditorText(page, editor, '\nMore.\n');
  await page.getByTestId('approve-button').click();
  await page.getByTestId('approve-confirm-yes').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Commit or discard your unsaved changes first' })).toBeVisible();
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await page.getByTestId('approve-button').click();
  await expect(page.getByTestId('approve-confirm')).toContainText('Withdraw the approval of To-be design?');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('approve-button')).toHaveText('Approve');
  expect(show('maintenance-hub', 'to-be')).toMatch(/^approved: false$/m);
});

test('keyboard: Ctrl+1..5 pick documents, Alt+Down in the editor goes to the next module, ? shows the shortcuts', async ({ page }) => {
  await openDoc(page, 'safety-hub', 'as-is');
  await page.keyboard.press('Control+3');
  await expect(page).toHaveURL(/#\/module\/safety-hub\/implementation-log$/);
  await page.keyboard.press('Alt+5');
  await expect(page).toHaveURL(/#\/module\/safety-hub\/summary$/);
  await expect(page.getByRole('heading', { name: 'Enhancement summary', level: 3 })).toBeVisible();

  await monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analytics Hub');
  await monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines').click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety Hub');

  // Ctrl+Shift+P cycles editor / editor and preview / preview.
  await expect(page.getByRole('radio', { name: 'Editor and preview' })).toBeChecked();
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('radio', { name: 'Editor', exact: true })).toBeChecked();
  await expect(page.getByTestId('document-view')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('radio', { name: 'Preview', exact: true })).toBeChecked();
  await expect(page.getByTestId('markdown-editor')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('radio', { name: 'Editor and preview' })).toBeChecked();

  // In the editor, "[", "]" and "?" are just characters.
  await appendEditorText(page, monacoIn(page.getByTestId('markdown-editor')), '');
  await page.keyboard.type('See [1] ?');
  await expect(monacoIn(page.getByTestId('markdown-editor'))).toContainText('See [1] ?');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety Hub');
  await expect(page.getByTestId('shortcuts-sheet')).toBeHidden();

  // "?" outside text fields opens the sheet.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Ctrl+S');
  await expectNoSeriousA11yViolations(page, 'shortcuts sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId('module-page')).toBeVisible();
  await page.getByTestId('shortcuts-button').click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
});

test('the editor page has no serious accessibility violation; screenshots in light and dark', async ({ page }) => {
  const doc = '---\nmodule: ai-insights\ndocument: as-is\napproved: false\n---\n\n# AI Insights: As-Is Analysis\n\n## Scope\n\n- Anomaly scores come from `api/src/services/insights.service.ts`.\n- [x] reviewed\n\n| metric | today |\n| --- | --- |\n| latency | 1.2 s |\n';
  commitFileToBranch(repo, 'module/ai-insights', docPath('ai-insights', 'as-is'), doc, 'AI Insights: as-is analysis');
  await openDoc(page, 'ai-insights', 'as-is');
  await expect(page.getByTestId('document-view')).toContainText('insights.service.ts');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Monaco's theme follows the app's.
    await expect(page.locator('.monaco-editor').first()).toHaveClass(scheme === 'dark' ? /vs-dark/ : /\bvs\b/);
    await expectNoSeriousA11yViolations(page, `editor page (${scheme})`);
    await screenshot(page, 'editor', scheme);
  }
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  await page.getByRole('radio', { name: 'System' }).check();
});
