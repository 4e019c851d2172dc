// File names that are not UTF-8 (Latin-1 bytes from an old repository) are shown with \xHH escapes in the module's
// file list: two such names stay two, and nothing shows as U+FFFD.

import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { git } from './support/git';
import { startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, openBoard } from './support/page';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  for (const name of ['fleet-caf\xe9.tsx', 'fleet-caf\xe8.tsx']) {
    writeFileSync(Buffer.concat([Buffer.from(`${repo}/web/src/pages/`), Buffer.from(name, 'latin1')]), 'export {}\n');
  }
  git(repo, ['-c', 'core.quotepath=off', 'add', '-A']);
  git(repo, ['commit', '-q', '-m', 'Latin-1 names']);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('the module file list shows Latin-1 names as \\xHH escapes, each on its own', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'fleet-hub').click();
  const files = page.getByTestId('file-list');
  await expect(files).toContainText('web/src/pages/fleet-caf\\xE9.tsx');
  await expect(files).toContainText('web/src/pages/fleet-caf\\xE8.tsx');
  await expect(files).not.toContainText('\ufffd');
  await page.getByLabel('Filter files').fill('caf\\xE9');
  await expect(files.getByRole('listitem')).toHaveText(['web/src/pages/fleet-caf\\xE9.tsx']);
});
