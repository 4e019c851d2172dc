// Editing module documents in Monaco over a real initialised repository: save = commit (checked with git),
// the as-is ↔ to-be diff committing both sides at once, approval, accessibility and screenshots.

import { expect, test } from '@playwright/test';
import { DOC_FILE_NAMES } from '../src/shared/documents';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { openBoard } from './support/page';
import { monacoIn, replaceEditorText, watchConsole } from './support/editor';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const docPath = (moduleId: string, kind: keyof typeof DOC_FILE_NAMES) => `enhancements/${moduleId}/${DOC_FILE_NAMES[kind]}`;

test('typing into Monaco and pressing Ctrl+S commits the document to the module branch', async ({ page }) => {
  const problems = watchConsole(page);
  const statusBefore = git(repo, ['status', '--porcelain']);
  const headBefore = git(repo, ['rev-parse', 'HEAD']);
  const tipBefore = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);

  await openBoard(page, server.url);
  await page.goto(`${server.url}#/module/fleet-hub/as-is`);
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  const text = '# Fleet Hub: As-Is Analysis\n\nThe vehicle table lives in web/src/components/fleet/VehicleTable.tsx.\n';
  await replaceEditorText(page, editor, text);
  await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
  await page.keyboard.press('Control+S');
  const dialog = page.getByTestId('commit-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Commit message')).toHaveValue('Fleet Hub: update AS_IS_ANALYSIS.md');
  await dialog.getByLabel('Commit message').fill('Fleet Hub: describe the vehicle table');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);

  expect(git(repo, ['show', `module/fleet-hub:${docPath('fleet-hub', 'as-is')}`])).toBe(text.trimEnd());
  expect(git(repo, ['log', '-1', '--format=%s%n%P', 'module/fleet-hub'])).toBe(`Fleet Hub: describe the vehicle table\n${tipBefore}`);
  expect(git(repo, ['status', '--porcelain'])).toBe(statusBefore);
  expect(git(repo, ['rev-parse', 'HEAD'])).toBe(headBefore);
  expect(problems()).toEqual([]);
});
