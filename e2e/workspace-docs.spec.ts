// Workspace documents (USER_GUIDE.md and the rest) on the workspace branch: created by typing, committed
// with Ctrl+S, and refused with a clear message while the workspace branch is checked out in a work tree.

import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { makeTempDir, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';
import { appendEditorText, commitWithKeyboard, monacoIn, replaceEditorText, watchConsole } from './support/editor';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('a workspace document is created by typing and committed on fleet/workspace; refused while that branch is checked out', async ({ page }) => {
  const problems = watchConsole(page);
  const statusBefore = git(repo, ['status', '--porcelain']);
  await openBoard(page, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspace documents' }).click();
  await expect(page).toHaveURL(/#\/workspace-docs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workspace documents');
  await expect(page.getByTestId('workspace-doc-link')).toHaveCount(6);

  await page.getByTestId('workspace-doc-link').filter({ hasText: 'USER_GUIDE.md' }).click();
  await expect(page).toHaveURL(/#\/workspace-docs\/USER_GUIDE\.md$/);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor).toContainText('This document does not exist yet');
  const guide = '# Fleet Control: User Guide\n\nOpen a workspace, pick a module, edit its documents.\n';
  await replaceEditorText(page, editor, guide);
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('commit-dialog').getByLabel('Commit message')).toHaveValue('Workspace: create USER_GUIDE.md');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);
  expect(git(repo, ['show', 'fleet/workspace:enhancements/USER_GUIDE.md'])).toBe(guide.trimEnd());
  expect(git(repo, ['log', '-1', '--format=%s', 'fleet/workspace'])).toBe('Workspace: create USER_GUIDE.md');
  expect(git(repo, ['status', '--porcelain'])).toBe(statusBefore);
  await expectNoSeriousA11yViolations(page, 'workspace documents page');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'workspace-docs', scheme);
  await page.emulateMedia({ colorScheme: 'light' });

  // The user checks the workspace branch out in a linked work tree: committing here would leave it behind.
  const tipBefore = git(repo, ['rev-parse', 'refs/heads/fleet/workspace']);
  const worktree = join(makeTempDir('fleet-e2e-worktree-'), 'wt');
  git(repo, ['worktree', 'add', '-q', worktree, 'fleet/workspace']);
  await appendEditorText(page, editor, '\nPress ? for the keyboard shortcuts.\n');
  await commitWithKeyboard(page);
  const alert = page.getByRole('alert').filter({ hasText: 'fleet/workspace is checked out in a working tree' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('BRANCH_CHECKED_OUT');
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
  await expect(editor).toContainText('Press ? for the keyboard shortcuts.');
  expect(git(repo, ['rev-parse', 'refs/heads/fleet/workspace'])).toBe(tipBefore);

  // Once the work tree is gone, the same text commits.
  git(repo, ['worktree', 'remove', '--force', worktree]);
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  await expect(alert).toHaveCount(0);
  expect(git(repo, ['show', 'fleet/workspace:enhancements/USER_GUIDE.md'])).toContain('Press ? for the keyboard shortcuts.');
  expect(git(repo, ['log', '-1', '--format=%s%n%P', 'fleet/workspace'])).toBe(`Workspace: update USER_GUIDE.md\n${tipBefore}`);
  expect(problems().filter((p) => !/BRANCH_CHECKED_OUT/.test(p))).toEqual([]);
});
