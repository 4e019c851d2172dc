// Drafts and a moving branch: unsaved edits survive a reload, and a commit made from a terminal in the
// middle of an edit leads to a merge that keeps both versions, committed on top of the new tip.

import { expect, test, type Page } from '@playwright/test';
import { DOC_FILE_NAMES, type DocKind } from '../src/shared/documents';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, screenshot } from './support/page';
import { appendEditorText, commitWithKeyboard, expectEditorToContain, monacoIn, replaceEditorText, watchConsole } from './support/editor';

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
}

/** Waits until the status line says the draft is on disk. */
async function draftSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(/draft kept at/);
}

test('a reload in the middle of an edit brings the draft back; discarding it restores the committed text', async ({ page }) => {
  const problems = watchConsole(page);
  await openDoc(page, 'operations-hub', 'as-is');
  await appendEditorText(page, monacoIn(page.getByTestId('markdown-editor')), '\nUnsaved thought about operations.\n');
  await draftSaved(page);

  await page.reload();
  await expect(page.getByTestId('draft-restored')).toContainText('Your unsaved changes to As-is analysis from');
  await expectEditorToContain(page, monacoIn(page.getByTestId('markdown-editor')), 'Unsaved thought about operations.');
  await expect(page.getByTestId('document-view')).toContainText('Unsaved thought about operations.');
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
  await expect(page.getByTestId('document-link').filter({ hasText: 'As-is analysis' })).toContainText('unsaved draft');
  // The branch has not moved: nothing was committed by the draft.
  expect(show('operations-hub', 'as-is')).not.toContain('Unsaved thought');

  await page.getByTestId('draft-restored').getByRole('button', { name: 'Discard them' }).click();
  await expect(page.getByTestId('save-status')).toHaveText('As committed');
  await expect(page.getByTestId('document-view')).not.toContainText('Unsaved thought');
  await expectEditorToContain(page, monacoIn(page.getByTestId('markdown-editor')), '_Missing features, defects, TODO/FIXME markers, untested code._');
  await expect(monacoIn(page.getByTestId('markdown-editor'))).not.toContainText('Unsaved thought');
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'operations-hub').locator('[data-doc-kind="as-is"]')).not.toHaveAttribute('data-draft');
  expect(problems()).toEqual([]);
});

test('a commit from the terminal mid-edit: branch moved, both versions kept, the merged result committed on the new tip', async ({ page }) => {
  const problems = watchConsole(page);
  await openDoc(page, 'analytics-hub', 'as-is');
  const mine = '# Analytics Hub: As-Is Analysis\n\nMINE: dashboards load in 4 s.\n';
  await replaceEditorText(page, monacoIn(page.getByTestId('markdown-editor')), mine);
  await draftSaved(page);

  // Someone else commits the same document with git plumbing (commit-tree + update-ref).
  const theirs = '# Analytics Hub: As-Is Analysis\n\nTHEIRS: reports are exported as CSV.\n';
  const theirCommit = commitFileToBranch(repo, 'module/analytics-hub', docPath('analytics-hub', 'as-is'), theirs, 'Analytics Hub: as-is from the terminal');
  await expect(page.getByText('module/analytics-hub has new commits since you began editing')).toBeVisible();

  await commitWithKeyboard(page);
  const moved = page.getByTestId('branch-moved');
  await expect(moved).toContainText('module/analytics-hub moved while you were editing');
  const merge = page.getByTestId('merge-diff');
  await expect(monacoIn(merge, 0)).toContainText('THEIRS: reports are exported as CSV.');
  await expect(monacoIn(merge, 1)).toContainText('MINE: dashboards load in 4 s.');
  // Nothing was committed over theirs; mine is still in its draft.
  expect(git(repo, ['rev-parse', 'refs/heads/module/analytics-hub'])).toBe(theirCommit);
  expect(show('analytics-hub', 'as-is')).toBe(theirs.trimEnd());

  // The base (what both started from) is a toggle away.
  await moved.getByRole('button', { name: 'Show what they changed' }).click();
  await expect(monacoIn(page.getByTestId('base-diff'), 0)).toContainText('Analytics Hub: As-Is Analysis');
  await expectNoSeriousA11yViolations(page, 'branch-moved view');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'editor-branch-moved', scheme);
  await page.emulateMedia({ colorScheme: 'light' });

  // A reload keeps the merge: the draft still starts from the old version.
  await page.reload();
  await expect(page.getByTestId('branch-moved')).toBeVisible();
  await expect(monacoIn(page.getByTestId('merge-diff'), 1)).toContainText('MINE: dashboards load in 4 s.');

  // Merge: take their line into mine, then commit the merged result.
  await appendEditorText(page, monacoIn(page.getByTestId('merge-diff'), 1), 'THEIRS: reports are exported as CSV.\n');
  await page.getByTestId('commit-merged').click();
  const dialog = page.getByTestId('commit-dialog');
  await expect(dialog.getByLabel('Commit message')).toHaveValue(`Analytics Hub: update AS_IS_ANALYSIS.md (merged with ${theirCommit.slice(0, 7)})`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('branch-moved')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);

  const merged = show('analytics-hub', 'as-is');
  expect(merged).toContain('MINE: dashboards load in 4 s.');
  expect(merged).toContain('THEIRS: reports are exported as CSV.');
  expect(git(repo, ['log', '-1', '--format=%P', 'module/analytics-hub'])).toBe(theirCommit);
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'analytics-hub').locator('[data-doc-kind="as-is"]')).not.toHaveAttribute('data-draft');
  expect(problems()).toEqual([]);
});

test('a commit to another document of the branch does not stop a commit: it lands on top', async ({ page }) => {
  await openDoc(page, 'procurement-hub', 'as-is');
  await appendEditorText(page, monacoIn(page.getByTestId('markdown-editor')), '\nVendors are in a single table.\n');
  const other = commitFileToBranch(repo, 'module/procurement-hub', docPath('procurement-hub', 'test-plan'), '# Procurement Hub: Test Plan\n\nFrom the terminal.\n', 'Procurement Hub: test plan');
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await expect(page.getByTestId('branch-moved')).toHaveCount(0);
  expect(git(repo, ['log', '-1', '--format=%P', 'module/procurement-hub'])).toBe(other);
  expect(show('procurement-hub', 'as-is')).toContain('Vendors are in a single table.');
  expect(show('procurement-hub', 'test-plan')).toContain('From the terminal.');
});

test('reopening a draft whose document changed on the branch goes straight to the merge', async ({ page }) => {
  await openDoc(page, 'assets-hub', 'to-be');
  await appendEditorText(page, monacoIn(page.getByTestId('markdown-editor')), '\nMINE: track depreciation.\n');
  await draftSaved(page);
  await page.getByRole('button', { name: 'Back to board' }).click();

  commitFileToBranch(repo, 'module/assets-hub', docPath('assets-hub', 'to-be'), '# Assets Hub: To-Be Design\n\nTHEIRS: barcode labels.\n', 'Assets Hub: to-be from the terminal');
  await card(page, 'assets-hub').click();
  await page.getByTestId('document-link').filter({ hasText: 'To-be design' }).click();
  await expect(page.getByTestId('branch-moved')).toBeVisible();
  await expect(monacoIn(page.getByTestId('merge-diff'), 0)).toContainText('THEIRS: barcode labels.');
  await expectEditorToContain(page, monacoIn(page.getByTestId('merge-diff'), 1), 'MINE: track depreciation.');
  // Their version with the base: the version the draft started from is the template.
  await page.getByRole('button', { name: 'Show what they changed' }).click();
  await expect(monacoIn(page.getByTestId('base-diff'), 0)).toContainText('What this module should become');
});

test('a diff closed while Monaco is still starting its worker leaves no page error once the worker answers', async ({ page }) => {
  const problems = watchConsole(page);
  // Monaco computes diffs in its worker; held here, both diffs of the merge are still waiting for it when the base
  // diff is closed, and the merge diff keeps the worker in use.
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/editor\.worker-[\w-]+\.js$/, async (route) => {
    await held;
    await route.fulfill({ response: await route.fetch() });
  });
  await openDoc(page, 'maintenance-hub', 'to-be');
  await appendEditorText(page, monacoIn(page.getByTestId('markdown-editor')), '\nMINE: service intervals per vehicle.\n');
  await draftSaved(page);
  await page.getByRole('button', { name: 'Back to board' }).click();
  commitFileToBranch(repo, 'module/maintenance-hub', docPath('maintenance-hub', 'to-be'), '# Maintenance Hub: To-Be Design\n\nTHEIRS: parts inventory.\n', 'Maintenance Hub: to-be from the terminal');
  await card(page, 'maintenance-hub').click();
  await page.getByTestId('document-link').filter({ hasText: 'To-be design' }).click();
  const moved = page.getByTestId('branch-moved');
  await expect(monacoIn(page.getByTestId('merge-diff'), 0)).toContainText('THEIRS: parts inventory.');
  await moved.getByRole('button', { name: 'Show what they changed' }).click();
  await expect(monacoIn(page.getByTestId('base-diff'), 0)).toBeVisible();
  await moved.getByRole('button', { name: 'Hide what they changed' }).click();
  await expect(page.getByTestId('base-diff')).toHaveCount(0);

  release();
  // The diffs are answered in the order asked: the merge's, the closed one's, then the base diff shown again.
  await expect(page.getByTestId('merge-diff').locator('.line-insert, .char-insert').first()).toBeAttached();
  await moved.getByRole('button', { name: 'Show what they changed' }).click();
  await expect(page.getByTestId('base-diff').locator('.line-insert, .char-insert').first()).toBeAttached();
  expect(problems()).toEqual([]);
});
