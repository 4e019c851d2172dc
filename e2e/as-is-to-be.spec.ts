// The as-is ↔ to-be pair aligned by section (the default view): the same headings side by side, sections on
// one side only against an empty cell, F7 between differing rows, axe and screenshots in light and dark;
// then the line diff (Monaco) chosen instead, remembered across a reload, and the sections back.

import { expect, test, type Page } from '@playwright/test';
import { DOC_FILE_NAMES, type DocKind } from '../src/shared/documents';
import { commitFileToBranch } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, screenshot } from './support/page';
import { monacoIn, watchConsole } from './support/editor';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

const MODULE = 'communication-hub';
const docPath = (kind: DocKind) => `enhancements/${MODULE}/${DOC_FILE_NAMES[kind]}`;
const doc = (kind: DocKind, title: string, sections: Array<[string, string]>) =>
  [`---\nmodule: ${MODULE}\ndocument: ${kind}\napproved: false\n---\n\n# Communication Hub: ${title}\n`, ...sections.map(([h, body]) => `## ${h}\n\n${body}\n`)].join('\n');

/** Each row's first line on the left and on the right ('' for an empty cell). */
async function rows(page: Page): Promise<string[][]> {
  return page.getByTestId('section-pairs').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ['left', 'right'].map((side) => tr.querySelector(`td[data-side="${side}"] .section-text`)?.textContent?.split('\n')[0] ?? '')),
  );
}

test('as-is ↔ to-be opens aligned by section; the line diff is a remembered toggle away', async ({ page }) => {
  const problems = watchConsole(page);
  commitFileToBranch(repo, `module/${MODULE}`, docPath('as-is'), doc('as-is', 'As-Is Analysis', [
    ['Scope', 'Messages and notifications under `web/src/components/communication/`.'],
    ['Features', '- Inbox with unread counts (`Inbox.tsx`).'],
    ['Technology', 'React 18 and a polling hook.'],
    ['Gaps and risks', 'No retry when a push notification fails.'],
  ]), 'Communication Hub: as-is analysis');
  commitFileToBranch(repo, `module/${MODULE}`, docPath('to-be'), doc('to-be', 'To-Be Design', [
    ['Goals', 'Drivers and dispatchers reach each other within seconds.'],
    ['Scope', 'Messages and notifications under `web/src/components/communication/`.'],
    ['Technology', 'React 18 and server-sent events instead of polling.'],
    ['Plan', '1. Replace polling with server-sent events.'],
  ]), 'Communication Hub: to-be design');

  await page.goto(`${server.url}#/module/${MODULE}/as-is`);
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toBeVisible();
  await page.keyboard.press('Control+Shift+D');

  const pairs = page.getByTestId('section-pairs');
  await expect(pairs).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Sections' })).toBeChecked();
  await expect(pairs.getByRole('columnheader')).toHaveText(['As-is analysis', 'To-be design']);
  expect(await rows(page)).toEqual([
    ['# Communication Hub: As-Is Analysis', '# Communication Hub: To-Be Design'],
    ['', '## Goals'],
    ['## Scope', '## Scope'],
    ['## Features', ''],
    ['## Technology', '## Technology'],
    ['## Gaps and risks', ''],
    ['', '## Plan'],
  ]);
  const body = pairs.locator('tbody tr');
  await expect(body.nth(1).locator('td[data-side="left"]')).toContainText('As-is analysis: no section with this heading');
  await expect(body.nth(2)).toHaveAttribute('data-state', 'same');
  await expect(body.nth(2)).toContainText('Same on both sides');
  await expect(body.nth(4)).toHaveAttribute('data-state', 'changed');

  // Keyboard: the region takes focus; F7 / Shift+F7 step between the rows that differ (Scope is skipped).
  await pairs.focus();
  await expect(pairs).toBeFocused();
  await page.keyboard.press('F7');
  await expect(body.nth(0)).toBeFocused();
  await page.keyboard.press('F7');
  await expect(body.nth(1)).toBeFocused();
  await page.keyboard.press('F7');
  await expect(body.nth(3)).toBeFocused();
  await page.keyboard.press('Shift+F7');
  await expect(body.nth(1)).toBeFocused();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page, `as-is ↔ to-be by section (${scheme})`);
    await screenshot(page, 'as-is-to-be-sections', scheme);
  }

  // The line diff, by keyboard: both sides in Monaco, remembered across a reload.
  await page.getByRole('radio', { name: 'Line diff' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Line diff' })).toBeChecked();
  await expect(page.getByTestId('pair-diff').locator('.monaco-diff-editor')).toBeVisible();
  await expect(pairs).toBeHidden();
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'as-is-to-be-lines', scheme);
  await page.reload();
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toBeVisible();
  await page.keyboard.press('Control+Shift+D');
  await expect(page.getByTestId('pair-diff').locator('.monaco-diff-editor')).toBeVisible();

  await page.getByRole('radio', { name: 'Sections' }).check();
  await expect(pairs).toBeVisible();
  expect(problems()).toEqual([]);
});
