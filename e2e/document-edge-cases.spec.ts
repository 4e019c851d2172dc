// Documents that are not the everyday case: not UTF-8 (read-only, with a message), 5 MB (opens, edits and
// commits), missing on the branch (created by typing and committing), and a branch locked by another git.

import { expect, test } from '@playwright/test';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_FILE_NAMES, type DocKind } from '../src/shared/documents';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { appendEditorText, commitWithKeyboard, monacoIn, replaceEditorText } from './support/editor';

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

test('a document that is not UTF-8 opens read-only with a message', async ({ page }) => {
  const bytes = Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x0a]);
  commitFileToBranch(repo, 'module/compliance-hub', docPath('compliance-hub', 'as-is'), bytes, 'Compliance Hub: binary as-is');
  await page.goto(`${server.url}#/module/compliance-hub/as-is`);
  await expect(page.getByTestId('doc-read-only')).toContainText('is not UTF-8 text, so it is shown read-only');
  await expect(page.getByTestId('markdown-editor')).toHaveCount(0);
  await expect(page.getByTestId('commit-button')).toBeDisabled();
  await expect(page.getByTestId('approve-button')).toHaveCount(0);
});

test('a 5 MB document opens, takes an edit at its end, and commits', async ({ page }) => {
  test.setTimeout(120_000);
  const line = '- vehicle record with plate, VIN, status, odometer and the depot it belongs to\n';
  const big = `# Communication Hub: As-Is Analysis\n\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;
  commitFileToBranch(repo, 'module/communication-hub', docPath('communication-hub', 'as-is'), big, 'Communication Hub: 5 MB as-is');
  await page.goto(`${server.url}#/module/communication-hub/as-is`);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor).toContainText('Communication Hub: As-Is Analysis');
  // The preview waits to be asked for at this size.
  await expect(page.getByTestId('document-view')).toContainText('The preview is off for documents this large');
  await appendEditorText(page, editor, 'END OF THE BIG DOCUMENT\n');
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/, { timeout: 60_000 });
  const committed = git(repo, ['show', `module/communication-hub:${docPath('communication-hub', 'as-is')}`]);
  expect(committed.length).toBe(big.length + 'END OF THE BIG DOCUMENT'.length);
  expect(committed.endsWith('END OF THE BIG DOCUMENT')).toBe(true);
});

test('a document missing on its branch is created by typing and committing', async ({ page }) => {
  commitFileToBranch(repo, 'module/fuel-management', docPath('fuel-management', 'summary'), null, 'Fuel Management: drop the summary');
  await page.goto(`${server.url}#/module/fuel-management/summary`);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor).toContainText('This document does not exist yet');
  await expect(page.getByTestId('approve-button')).toHaveCount(0);
  await replaceEditorText(page, editor, '# Fuel Management: Enhancement Summary\n\nFlags transactions above tank capacity.\n');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('commit-dialog').getByLabel('Commit message')).toHaveValue('Fuel Management: create ENHANCEMENT_SUMMARY.md');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  expect(git(repo, ['show', `module/fuel-management:${docPath('fuel-management', 'summary')}`])).toContain('Flags transactions above tank capacity.');
  await expect(page.getByTestId('document-link').filter({ hasText: 'Enhancement summary' })).toContainText('written');
});

test('a branch locked by another git process: the message shows, the text stays, and the commit goes through once the lock is gone', async ({ page }) => {
  await page.goto(`${server.url}#/module/inventory/test-plan`);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await appendEditorText(page, editor, '\nCount stock after every delivery.\n');
  const lock = join(repo, '.git', 'refs', 'heads', 'module', 'inventory.lock');
  writeFileSync(lock, '');
  try {
    await commitWithKeyboard(page);
    await expect(page.getByRole('alert').filter({ hasText: 'LOCKED' })).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
    await expect(editor).toContainText('Count stock after every delivery.');
  } finally {
    rmSync(lock, { force: true });
  }
  await commitWithKeyboard(page);
  await expect(page.getByTestId('save-status')).toHaveText(/Committed/);
  expect(git(repo, ['show', `module/inventory:${docPath('inventory', 'test-plan')}`])).toContain('Count stock after every delivery.');
});
