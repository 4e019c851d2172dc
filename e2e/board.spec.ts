// The board in Chromium over a real initialised repository served by `fleet-control serve`.

import { expect, test } from '@playwright/test';
import { DOC_FILE_NAMES } from '../src/shared/documents';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, cards, expectNoSeriousA11yViolations, groups, openBoard, screenshot } from './support/page';

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

test('shows the 32 modules in 6 category groups, with documents, branch position and warnings', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(groups(page)).toHaveCount(6);
  await expect(groups(page).getByRole('heading', { level: 2 })).toHaveText([
    /^Core business/,
    /^Operational/,
    /^Administrative/,
    /^AI & automation/,
    /^Security/,
    /^Mobile & integration/,
  ]);
  await expect(page.getByRole('region', { name: /Core business/ }).getByTestId('module-card')).toHaveCount(10);
  await expect(page.getByTestId('module-count')).toHaveText('32 of 32 modules');

  const fleet = card(page, 'fleet-hub');
  await expect(fleet.getByRole('heading', { name: 'Fleet Hub' })).toBeVisible();
  await expect(fleet.locator('[data-doc-state="template"]')).toHaveCount(5);
  // Init made one commit on the module branch; the base branch has not moved since.
  await expect(fleet.getByRole('img', { name: '1 commit ahead, 0 behind main' })).toHaveText('↑1 ↓0');
  await expect(fleet.getByTestId('phase-badge')).toHaveText(/Analysis/);
  // No file in the repository mentions break-glass: the card says so instead of pretending.
  await expect(card(page, 'break-glass').getByTestId('no-files-warning')).toHaveText(/patterns match no file/);
  await expect(fleet.getByTestId('no-files-warning')).toHaveCount(0);
});

test('filtering by text, phase and document state narrows the board; Escape clears it', async ({ page }) => {
  await openBoard(page, server.url);
  await page.keyboard.press('/');
  const filter = page.getByLabel('Filter modules');
  await expect(filter).toBeFocused();

  await filter.fill('hub');
  await expect(cards(page)).toHaveCount(10);
  await expect(page.getByTestId('module-count')).toHaveText('10 of 32 modules');
  await expect(groups(page)).toHaveCount(1);

  await filter.fill('vendor'); // matches a path pattern of procurement-hub only
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAttribute('data-module-id', 'procurement-hub');

  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(cards(page)).toHaveCount(32);

  await page.getByRole('combobox', { name: 'Documents' }).selectOption({ label: 'Some written' });
  await expect(cards(page)).toHaveCount(0);
  await expect(page.getByText('No module matches the filter.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).first().click();
  await expect(cards(page)).toHaveCount(32);

  await page.getByRole('combobox', { name: 'Phase' }).selectOption({ label: 'Analysis' });
  await expect(cards(page)).toHaveCount(32);
  await page.getByRole('combobox', { name: 'Phase' }).selectOption({ label: 'Ready to merge' });
  await expect(cards(page)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(cards(page)).toHaveCount(32);
});

test('grouping by phase shows the six phases', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('radio', { name: 'Phase' }).check();
  await expect(groups(page)).toHaveCount(6);
  await expect(groups(page).getByRole('heading', { level: 2 })).toHaveText([/^Analysis/, /^Design/, /^Implementation/, /^Testing/, /^Ready to merge/, /^Merged/]);
  await expect(page.getByRole('region', { name: /Analysis/ }).getByTestId('module-card')).toHaveCount(32);
  await page.getByRole('radio', { name: 'Category' }).check();
  await expect(groups(page).getByRole('heading', { level: 2 }).first()).toHaveText(/^Core business/);
});

test('arrow keys move between cards, Enter opens the module, [ ] step through modules, Escape returns', async ({ page }) => {
  await openBoard(page, server.url);
  // Reach the board by keyboard: from the filter, Tab until a card has focus (one tab stop for all cards).
  await page.keyboard.press('/');
  for (let i = 0; i < 15 && (await page.locator(':focus').getAttribute('data-testid')) !== 'module-card'; i++) {
    await page.keyboard.press('Tab');
  }
  await expect(card(page, 'fleet-hub')).toBeFocused();
  await expect(cards(page).and(page.locator('[tabindex="0"]'))).toHaveCount(1);

  await page.keyboard.press('ArrowRight');
  await expect(card(page, 'drivers-hub')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(card(page, 'fleet-hub')).toBeFocused();

  // Down goes to the card straight below, whatever the number of columns.
  const start = (await card(page, 'fleet-hub').boundingBox())!;
  await page.keyboard.press('ArrowDown');
  const below = page.locator('[data-testid="module-card"]:focus');
  const box = (await below.boundingBox())!;
  expect(Math.abs(box.x - start.x)).toBeLessThan(2);
  expect(box.y).toBeGreaterThan(start.y);
  await page.keyboard.press('ArrowUp');
  await expect(card(page, 'fleet-hub')).toBeFocused();

  await page.keyboard.press('End');
  await expect(card(page, 'integrations')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(card(page, 'fleet-hub')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/module\/fleet-hub$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet Hub');

  await page.keyboard.press(']');
  await expect(page).toHaveURL(/#\/module\/drivers-hub$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drivers Hub');
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet Hub');

  await page.keyboard.press('Escape');
  await expect(cards(page)).toHaveCount(32);
  await expect(card(page, 'fleet-hub')).toBeFocused();

  // Space opens a card too.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drivers Hub');
});

test('the module page shows facts, documents rendered from markdown, and the files its patterns match', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'fleet-hub').click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Fleet Hub');
  const tip = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);
  await expect(main.getByText('module/fleet-hub', { exact: true })).toBeVisible();
  await expect(main.getByText(tip.slice(0, 8), { exact: true })).toBeVisible();
  await expect(main.getByText('Core business', { exact: true })).toBeVisible();

  const docLinks = page.getByTestId('document-link');
  await expect(docLinks).toHaveCount(5);
  await expect(docLinks.first()).toContainText(DOC_FILE_NAMES['as-is']);
  await expect(docLinks.first()).toHaveAttribute('aria-current', 'true');

  // The template, rendered: a heading from markdown, front matter as a table and not as text.
  const view = page.getByTestId('document-view');
  await expect(view.getByRole('heading', { name: 'Fleet Hub: As-Is Analysis' })).toBeVisible();
  await expect(view.getByRole('rowheader', { name: 'module' })).toBeVisible();
  await expect(view).not.toContainText('---');

  await docLinks.filter({ hasText: 'To-be design' }).click();
  await expect(page).toHaveURL(/#\/module\/fleet-hub\/to-be$/);
  await expect(view.getByRole('heading', { name: 'Fleet Hub: To-Be Design' })).toBeVisible();

  const files = page.getByTestId('file-list');
  await expect(files).toContainText('web/src/pages/FleetPage.tsx');
  await expect(files).toContainText('api/src/routes/vehicles.routes.ts');
  await expect(page.getByTestId('pattern-table').getByRole('row')).not.toHaveCount(0);
  await page.getByLabel('Filter files').fill('routes');
  await expect(files.getByRole('listitem')).toHaveText(['api/src/routes/vehicles.routes.ts']);

  // A reload keeps the module and the document.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet Hub');
  await expect(view.getByRole('heading', { name: 'Fleet Hub: To-Be Design' })).toBeVisible();

  await page.getByRole('button', { name: 'Next module' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Drivers Hub');
  await page.goto(new URL('/#/module/break-glass', server.url).toString());
  await expect(page.getByTestId('no-files-block')).toContainText('Its patterns match no file');
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(cards(page)).toHaveCount(32);
});

test('a commit made with git in a terminal appears on the board and the module page without a reload', async ({ page }) => {
  await openBoard(page, server.url);
  const fleet = card(page, 'fleet-hub');
  await expect(fleet.getByRole('img', { name: '1 commit ahead, 0 behind main' })).toBeVisible();

  const asIs = `---\nmodule: fleet-hub\ndocument: as-is\napproved: false\n---\n\n# Fleet Hub: As-Is Analysis\n\nThe vehicle table lives in web/src/components/fleet/VehicleTable.tsx.\n`;
  commitFileToBranch(repo, 'module/fleet-hub', `enhancements/fleet-hub/${DOC_FILE_NAMES['as-is']}`, asIs, 'Fleet Hub: as-is analysis');

  await expect(fleet.getByRole('img', { name: '2 commits ahead, 0 behind main' })).toBeVisible();
  await expect(fleet.locator('[data-doc-kind="as-is"]')).toHaveAttribute('data-doc-state', 'written');
  await expect(fleet).toHaveAttribute('data-phase', 'design');

  await fleet.click();
  await expect(page.getByTestId('document-view')).toContainText('VehicleTable.tsx');
  const toBe = `---\nmodule: fleet-hub\ndocument: to-be\napproved: 2026-03-01\n---\n\n# Fleet Hub: To-Be Design\n\nPaginate the vehicle table.\n`;
  commitFileToBranch(repo, 'module/fleet-hub', `enhancements/fleet-hub/${DOC_FILE_NAMES['to-be']}`, toBe, 'Fleet Hub: to-be design');
  await expect(page.getByTestId('document-link').filter({ hasText: 'To-be design' })).toContainText('approved');
  await expect(page.getByRole('img', { name: '3 commits ahead, 0 behind main' })).toBeVisible();
});

test('documents render as sanitized markdown: no raw HTML, safe links, readable tables and code', async ({ page }) => {
  const doc = [
    '---',
    'module: webhooks',
    'document: test-plan',
    'approved: false',
    '---',
    '',
    '# Webhooks: Test Plan',
    '',
    '<script>window.__pwned = true</script>',
    '<img src="x" onerror="window.__pwned = true">',
    '<b>raw bold</b>',
    '',
    '[docs](https://example.com/docs) and [bad](javascript:window.__pwned=true) and [sibling](../README.md)',
    '',
    '| case | result |',
    '| --- | --- |',
    '| retries a failed delivery | passes |',
    '',
    '- [x] signature check',
    '- [ ] replay protection',
    '',
    '```ts',
    `export const LONG = '${'x'.repeat(300)}';`,
    '```',
    '',
  ].join('\n');
  commitFileToBranch(repo, 'module/webhooks', `enhancements/webhooks/${DOC_FILE_NAMES['test-plan']}`, doc, 'Webhooks: test plan');

  // The token URL signs this fresh page in; the fragment survives the redirect that drops the token.
  await page.goto(`${server.url}#/module/webhooks/test-plan`);
  const view = page.getByTestId('document-view');
  await expect(view.getByRole('heading', { name: 'Webhooks: Test Plan' })).toBeVisible();
  await expect(view.locator('script, img, b, [onerror]')).toHaveCount(0);
  await expect(view).not.toContainText('raw bold');
  const docs = view.getByRole('link', { name: 'docs' });
  await expect(docs).toHaveAttribute('href', 'https://example.com/docs');
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', /noopener/);
  await expect(view.getByRole('link', { name: 'bad' })).toHaveCount(0);
  await expect(view.getByRole('link', { name: 'sibling' })).toHaveCount(0);
  await expect(view.getByRole('cell', { name: 'retries a failed delivery' })).toBeVisible();
  await expect(view.getByRole('img', { name: 'done', exact: true })).toHaveCount(1);
  await expect(view.getByRole('img', { name: 'not done' })).toHaveCount(1);
  expect(await page.evaluate('window.__pwned === true')).toBe(false);
  await expectNoSeriousA11yViolations(page, 'module page with a rich document');
  await screenshot(page, 'module-rich-document', 'light');
  await screenshot(page, 'module-rich-document', 'dark');
});

test('a draft saved by another client is marked on the card, and unmarked when discarded', async ({ page }) => {
  await openBoard(page, server.url);
  const toBe = card(page, 'drivers-hub').locator('[data-doc-kind="to-be"]');
  await expect(toBe).not.toHaveAttribute('data-draft');

  // A second client on the same session: a raw WebSocket speaking the wire protocol, presenting the tab's session.
  const call = (method: string, input: unknown) =>
    page.evaluate(`new Promise((resolve, reject) => {
      const session = 'fleet-session.' + sessionStorage.getItem('fleet-control.session');
      const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws', ['fleet-control.v1', session]);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'call', id: 1, method: ${JSON.stringify(method)}, input: ${JSON.stringify(input)} }));
      ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'result') { ws.close(); resolve(m.result); } };
      ws.onerror = () => reject(new Error('socket failed'));
    })`);

  expect(await call('saveDraft', { moduleId: 'drivers-hub', kind: 'to-be', content: '# Drivers Hub: To-Be Design\n\nDraft.\n', baseBlobId: null, baseTip: null })).toMatchObject({ ok: true });
  await expect(toBe).toHaveAttribute('data-draft', 'true');
  await expect(toBe).toHaveAttribute('title', /unsaved draft/);

  expect(await call('discardDraft', { moduleId: 'drivers-hub', kind: 'to-be' })).toMatchObject({ ok: true });
  await expect(toBe).not.toHaveAttribute('data-draft');
});

test('the theme toggle pins light or dark and is remembered', async ({ page }) => {
  await openBoard(page, server.url);
  await page.emulateMedia({ colorScheme: 'light' });
  const body = page.locator('body');
  const light = await body.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(body).not.toHaveCSS('background-color', light);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'System' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  await expect(body).toHaveCSS('background-color', light);
});

test('board and module page: no serious accessibility violation, screenshots in light and dark', async ({ page }) => {
  await openBoard(page, server.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page, `board (${scheme})`);
    await screenshot(page, 'board', scheme);
  }

  await card(page, 'fleet-hub').click();
  await expect(page.getByTestId('document-view').getByRole('heading', { level: 4 }).first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page, `module page (${scheme})`);
    await screenshot(page, 'module-page', scheme);
  }

  await page.goto(new URL('/#/module/break-glass', server.url).toString());
  await expect(page.getByTestId('no-files-block')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'module page without files');
});
