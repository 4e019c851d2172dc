// Page helpers shared by the end-to-end specs: locators by the renderer's stable hooks, axe, screenshots.

import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ARTIFACTS = resolve(__dirname, '../../e2e-artifacts');

export const cards = (page: Page) => page.getByTestId('module-card');
export const card = (page: Page, moduleId: string) => page.locator(`[data-testid="module-card"][data-module-id="${moduleId}"]`);
export const groups = (page: Page) => page.getByTestId('module-group');

/** Opens a printed link (the page trades it for the tab's session) and waits for the full board. */
export async function openBoard(page: Page, url: string, modules = 32): Promise<void> {
  await page.goto(url);
  await expect(cards(page)).toHaveCount(modules);
}

/** Shows one tab of the module page's side panel (files, implementation, checks, pull-request, agent, ...). */
/** Moves within the app as a link would (the page stays loaded). */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

export async function showModuleTab(page: Page, id: string): Promise<void> {
  const tab = page.getByTestId(`module-tab-${id}`);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`);
  expect(report, `axe on ${label}`).toEqual([]);
}

/** Full-page screenshot (or of one part of the page) into e2e-artifacts/<name>.png, in the given colour scheme. */
export async function screenshot(page: Page, name: string, colorScheme: 'light' | 'dark', part?: Locator): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.emulateMedia({ colorScheme });
  // Let the theme switch settle (no transitions should be caught mid-way).
  await page.waitForTimeout(150);
  if (part) {
    // The sticky app header would be drawn over the part's top once it is scrolled into view.
    await part.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), timeout: 45_000, style: '.app-header { position: static !important; }' });
    return;
  }
  // A full-page capture of a scrolled page draws the sticky header over the content: start from the top.
  await page.evaluate('window.scrollTo(0, 0)');
  // Pages with several editors take a while to paint in software rendering on a busy machine.
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), fullPage: true, timeout: 45_000 });
}

/** The little of the page's DOM that `inputTextFits` uses (this Node tsconfig has no DOM types). */
interface FieldView {
  value: string;
  placeholder: string;
  clientWidth: number;
}
interface PageView {
  getComputedStyle(el: FieldView): { fontWeight: string; fontSize: string; fontFamily: string; paddingLeft: string; paddingRight: string };
  document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } };
}

/** True when an input shows its whole value and placeholder: their text is no wider than its content box. */
export async function inputTextFits(input: Locator): Promise<boolean> {
  return input.evaluate((el) => {
    const field = el as unknown as FieldView;
    const view = globalThis as unknown as PageView;
    const style = view.getComputedStyle(field);
    const context = view.document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [field.value, field.placeholder].every((text) => context.measureText(text).width <= room);
  });
}
