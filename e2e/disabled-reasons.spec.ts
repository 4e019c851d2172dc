// Disabled controls say why next to them: a workspace whose only remote is a local path cannot push or open a pull
// request, and "Push all…", the remote's checkbox and "Open pull request on origin" each name the reason.

import { expect, test } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot, showModuleTab } from './support/page';

let repo: string;
let server: FleetServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  commitFileToBranch(repo, 'module/fleet-hub', 'enhancements/fleet-hub/ENHANCEMENT_SUMMARY.md', '# Fleet Hub\n\nPaged vehicle list.\n', 'docs(fleet-hub): summary');
  git(repo, ['remote', 'add', 'origin', makeTempDir('fleet-local-remote-')]);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('a local-path remote: Push all and Open pull request are disabled with the reason said next to them', async ({ page }) => {
  await openBoard(page, server.url);
  const pushAll = page.getByTestId('push-all');
  await expect(pushAll).toBeDisabled();
  const why = page.getByTestId('push-all-why');
  await expect(why).toContainText('Nothing can be fetched or pushed: origin:');
  // Fetching on a timer would only repeat the failure: off, and disabled with the same reason.
  await expect(page.getByTestId('auto-fetch')).not.toBeChecked();
  await expect(page.getByTestId('auto-fetch')).toBeDisabled();
  await expect(pushAll).toHaveAttribute('aria-describedby', 'push-all-why');
  await screenshot(page, 'disabled-push-all', 'light');
  await screenshot(page, 'disabled-push-all', 'dark');

  await card(page, 'fleet-hub').click();
  await showModuleTab(page, 'pull-request');
  const panel = page.getByTestId('pull-panel');
  const open = panel.getByRole('button', { name: 'Open pull request on origin' });
  await expect(open).toBeDisabled();
  await expect(panel.getByTestId('pull-disabled-reason')).toContainText('origin cannot take a pull request:');
  await expectNoSeriousA11yViolations(page, 'pull panel with a disabled pull request button');
});

test("beside an HTTPS remote, the local-path remote's checkbox in the push dialog is disabled with its reason", async ({ page }) => {
  git(repo, ['remote', 'add', 'mirror', 'https://127.0.0.1:9/fleet.git']);
  await openBoard(page, server.url);
  await expect(page.getByTestId('push-all-why')).toHaveCount(0);
  await page.getByTestId('push-all').click();
  const dialog = page.getByRole('dialog');
  const origin = dialog.getByRole('checkbox', { name: /^origin/ });
  await expect(origin).toBeDisabled();
  await expect(dialog.getByTestId('push-remote-why')).toHaveCount(1);
  await expect(origin).toHaveAttribute('aria-describedby', 'push-remote-why-origin');
  await expect(dialog.getByRole('checkbox', { name: /^mirror/ })).toBeEnabled();
  await screenshot(page, 'disabled-remote-checkbox', 'light');
  await screenshot(page, 'disabled-remote-checkbox', 'dark');
});
