// Consent to a check command that arrives in a commit (not typed in this app): the first Run shows the command and
// where it comes from, Cancel and Escape run nothing, Run runs it, and a new commit changing it asks again with
// the old text. The command prints which version of it ran, so the log shows what ran (and nothing does on Cancel).

import { expect, test } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot, showModuleTab } from './support/page';

let repo: string;
let server: FleetServer;

const printCommand = (word: string) => `node -e "console.log('ran the ' + process.argv[1] + ' command')" ${word}`;

/** A teammate's commit on fleet/workspace that sets the manifest's check command, made with the git CLI. */
function commitCheckCommand(command: string): void {
  const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
  manifest.checks = { command, timeoutSeconds: 60 };
  commitFileToBranch(repo, 'fleet/workspace', '.fleet/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, 'manifest: a check command');
}

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
  commitCheckCommand(printCommand('first'));
});

test.afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

test('asks before running a check command from the manifest: Cancel and Escape run nothing, Run runs it, a changed command asks again', async ({ page }) => {
  await openBoard(page, server.url);
  await card(page, 'fleet-hub').click();
  await showModuleTab(page, 'checks');
  const panel = page.getByTestId('checks-panel');
  await expect(panel.getByTestId('check-command')).toHaveText(printCommand('first'));
  const runCheck = panel.getByRole('button', { name: 'Run check' });
  const dialog = page.getByRole('dialog', { name: 'Run a command from the repository?' });

  await runCheck.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('consent-command')).toContainText('Check command for every module');
  await expect(dialog.getByTestId('consent-command').locator('code')).toHaveText(printCommand('first'));
  const tip = git(repo, ['rev-parse', 'fleet/workspace']);
  await expect(dialog.getByTestId('consent-source')).toHaveText(`From .fleet/manifest.json on fleet/workspace at commit ${tip.slice(0, 8)} (last commit by E2E Author <author@example.com>).`);
  await expect(dialog.getByTestId('consent-previous')).toHaveCount(0);
  // Cancel has the focus first; the keyboard stays inside the modal dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Run it' })).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'the command consent dialog');
  await screenshot(page, 'checks-consent-dialog', 'light');
  await screenshot(page, 'checks-consent-dialog', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(runCheck).toBeFocused();
  await runCheck.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(runCheck).toBeFocused();
  // Nothing ran and nothing was recorded.
  await expect(panel.getByTestId('check-result')).toHaveCount(0);
  await expect(panel.getByTestId('check-log')).toHaveCount(0);

  await runCheck.click();
  await dialog.getByRole('button', { name: 'Run it' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('check-result')).toHaveAttribute('data-state', 'passed');
  await expect(panel.getByTestId('check-log')).toHaveText('ran the first command\n');

  // Confirmed once for the workspace's command: another module runs it without asking.
  await page.getByRole('button', { name: 'Back to board' }).click();
  await expect(card(page, 'fleet-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'passed');
  await card(page, 'drivers-hub').click();
  await panel.getByRole('button', { name: 'Run check' }).click();
  await expect(panel.getByTestId('check-result')).toHaveAttribute('data-state', 'passed');
  await expect(panel.getByTestId('check-log')).toHaveText('ran the first command\n');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Back to board' }).click();
  await card(page, 'fleet-hub').click();

  // A teammate changes the command: the next run asks again and shows what it replaces.
  commitCheckCommand(printCommand('second'));
  await expect(panel.getByTestId('check-command')).toHaveText(printCommand('second'));
  await runCheck.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('consent-command').locator('code')).toHaveText(printCommand('second'));
  await expect(dialog.getByTestId('consent-previous')).toContainText('Changed since you confirmed it. Before:');
  await expect(dialog.getByTestId('consent-previous')).toContainText(printCommand('first'));
  await expectNoSeriousA11yViolations(page, 'the consent dialog for a changed command');
  await screenshot(page, 'checks-consent-changed', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Run it' }).click();
  await expect(panel.getByTestId('check-log')).toHaveText('ran the second command\n');
  await expect(panel.getByTestId('check-result')).toHaveAttribute('data-state', 'passed');
});
