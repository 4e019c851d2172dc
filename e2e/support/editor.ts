// Driving Monaco from Playwright: focus an editor, replace or add text through the keyboard, watch the
// console for CSP violations and other errors.

import { expect, type Locator, type Page } from '@playwright/test';

/** The Monaco editor inside `scope`; in a diff, 0 is the left (original) side and 1 the right (modified). */
export function monacoIn(scope: Locator, index = 0): Locator {
  return scope.locator('.monaco-editor:has(.view-lines)').nth(index);
}

/** Clicks into the editor and waits until its hidden input has focus. */
export async function focusEditor(page: Page, editor: Locator): Promise<void> {
  await expect(editor.locator('.view-lines')).toBeVisible();
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
}

/** Selects everything in the editor and types `text` in its place. */
export async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await focusEditor(page, editor);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Moves to the end of the document and types `text` there. */
export async function appendEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await focusEditor(page, editor);
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/**
 * Waits until the page has drawn what the last key did: Monaco moves the cursor and scroll position at once but
 * draws the lines in view at the next animation frame, so a read straight after a key could see the lines from before
 * it (and take them for the end of the document).
 */
async function rendered(page: Page): Promise<void> {
  // A string: this file is compiled without the DOM's types.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/**
 * The text of the lines the editor shows, in their order on screen, one space between them: a line Monaco wraps is
 * several of its view lines, and their text run together would join the last word of one with the first of the next
 * (a narrow side of a diff wraps "vehicles on a map" or not, depending on the pane's width to a pixel).
 */
async function shownText(editor: Locator): Promise<string> {
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((elements) =>
    elements.map((element) => ({ top: element.getBoundingClientRect().top, text: element.textContent ?? '' })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text)
    .join(' ');
}

/**
 * Waits until `text` is in the editor's document. Monaco renders only the lines in view, so this reads the
 * editor a page at a time from the top (as a reader would scroll) instead of trusting what is on screen.
 */
export async function expectEditorToContain(page: Page, editor: Locator, text: string, timeout = 15_000): Promise<void> {
  const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ');
  const wanted = flat(text);
  await expect(async () => {
    await focusEditor(page, editor);
    await page.keyboard.press('Control+Home');
    await rendered(page);
    let seen = '';
    for (let page_ = 0; page_ < 50; page_++) {
      const shown = flat(await shownText(editor));
      if (shown.includes(wanted)) return;
      if (shown === seen) break;
      seen = shown;
      await page.keyboard.press('PageDown');
      await rendered(page);
    }
    throw new Error(`the editor's document does not contain "${text}"`);
  }).toPass({ timeout });
}

/** Collects console errors and CSP violations for the whole test. */
export function watchConsole(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return () => problems;
}

/** Ctrl+S, then Enter in the commit dialog once it has focus (optionally after writing another message). */
export async function commitWithKeyboard(page: Page, message?: string): Promise<void> {
  await page.keyboard.press('Control+S');
  const dialog = page.getByTestId('commit-dialog');
  const field = dialog.getByLabel('Commit message');
  await expect(field).toBeFocused();
  if (message !== undefined) await field.fill(message);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}
