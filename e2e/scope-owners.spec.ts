// Finding a module by file path, assets counted apart from code, and the live count of a pattern being typed,
// in Chromium over a real repository whose fleet code sits next to images and a 3D model.

import { expect, test } from '@playwright/test';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs, writeFiles } from './support/repo';
import { card, cards, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  writeFiles(repo, {
    'web/public/images/fleet-map.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    'web/src/components/fleet/truck.glb': Buffer.from('glTF\x02\x00\x00\x00\x0c\x00\x00\x00', 'latin1'),
    'web/src/main.tsx': 'export {};\n',
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'Images, a model and the entry point']);
  await initWithCli(repo);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('the board filter finds the modules owning files under a path, and says which modules one file belongs to', async ({ page }) => {
  await openBoard(page, server.url);
  await expect(page.getByLabel('Filter modules')).toHaveAttribute('placeholder', /file path/);
  await page.keyboard.press('/');
  const filter = page.getByLabel('Filter modules');
  await filter.fill('web/src/components/');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAttribute('data-module-id', 'fleet-hub');
  await expect(page.getByTestId('file-owners')).toHaveText('Files matching “web/src/components/” belong to 1 module: Fleet Hub');

  await filter.fill('api/src/services/driver.service.ts');
  await expect(page.getByTestId('file-owners')).toHaveText('api/src/services/driver.service.ts belongs to: Drivers Hub');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAttribute('data-module-id', 'drivers-hub');
  await expectNoSeriousA11yViolations(page, 'board filtered by a file path');
  await screenshot(page, 'board-file-owner', 'light');
  await screenshot(page, 'board-file-owner', 'dark');

  await filter.fill('web/src/main.tsx');
  await expect(page.getByTestId('file-owners')).toHaveText('web/src/main.tsx belongs to no module: no module’s patterns match it.');
  await expect(cards(page)).toHaveCount(0);
  await filter.press('Escape');
  await expect(cards(page)).toHaveCount(32);
  await expect(page.getByTestId('file-owners')).toHaveCount(0);
});

test('images and models count apart from code on the card and the module page', async ({ page }) => {
  await openBoard(page, server.url);
  const fleet = card(page, 'fleet-hub');
  await expect(fleet.getByTestId('card-file-count')).toHaveText('4 code files, 2 assets');
  await fleet.click();
  const scope = page.getByTestId('module-scope');
  await expect(scope.getByTestId('file-list')).not.toContainText('fleet-map.png');
  const assets = scope.getByTestId('asset-list');
  await expect(assets).toContainText('2 assets, counted apart: never suggested or sent to an agent');
  await assets.getByText(/2 assets/).click();
  await expect(assets.getByRole('listitem')).toHaveText(['web/public/images/fleet-map.png', 'web/src/components/fleet/truck.glb']);
  await expectNoSeriousA11yViolations(page, 'module page with assets');
});

test('a pattern being typed shows its live match count and a few of its files before it is added', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'fleet-hub').click();
  await page.getByTestId('module-scope').getByRole('button', { name: 'Edit patterns' }).click();
  const editor = page.getByTestId('pattern-editor');
  const input = editor.getByLabel('Add a pattern');
  await input.pressSequentially('api/src/routes/**', { delay: 20 });
  const live = editor.getByTestId('new-pattern-preview');
  await expect(live.getByTestId('new-pattern-count')).toHaveText('“api/src/routes/**” matches 4 files on module/fleet-hub');
  await expect(live.getByRole('listitem')).toHaveText(['api/src/routes/drivers.routes.ts', 'api/src/routes/fuel.routes.ts', 'api/src/routes/vehicles.routes.ts', 'api/src/routes/webhooks.routes.ts']);
  await expect(input).toHaveAttribute('aria-describedby', 'pattern-new-preview');
  await expectNoSeriousA11yViolations(page, 'pattern editor with a live count');
  await screenshot(page, 'pattern-live-count', 'light');
  await screenshot(page, 'pattern-live-count', 'dark');

  await input.fill('web/**/*.{png,glb}');
  await expect(live.getByTestId('new-pattern-count')).toHaveText('“web/**/*.{png,glb}” matches 0 files on module/fleet-hub and 2 assets');
  await input.fill('nothing/**');
  await expect(live.getByTestId('new-pattern-count')).toHaveText('“nothing/**” matches no file on module/fleet-hub');
  // Enter adds it; the live count goes with the typed text.
  await input.press('Enter');
  await expect(live).toHaveCount(0);
  await expect(editor.getByRole('textbox', { name: /^Pattern \d+$/ }).last()).toHaveValue('nothing/**');
});
