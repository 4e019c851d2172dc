// Push all in Chromium against a real git server (git http-backend on loopback, basic auth, an update hook
// that protects one module branch): remote and token set in the settings screen, then a mixed push result.

import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GitHttpServer, PROTECTED_MESSAGE, gitAsync } from '../tests/helpers/git-http-server';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, makeTempDir, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'e2e-push-token';
const PROTECTED = 'module/fleet-hub';

let repo: string;
let server: FleetServer;
let gitServer: GitHttpServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  gitServer = await GitHttpServer.start({ token: TOKEN });
  // An update hook declines only the protected ref (a pre-receive hook would decline the whole push).
  gitServer.createBareRepo('fleet', { protectBranches: [PROTECTED], hook: 'update' });
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  await gitServer?.stop();
  removeTempDirs();
});

test('a remote and its token are set in the settings screen; the credential is never shown back', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Remotes' })).toBeVisible();

  // An SSH address is explained, with its HTTPS form one click away.
  await page.getByLabel('Name').fill('origin');
  await page.getByLabel('HTTPS address').fill('git@github.com:acme/fleet.git');
  await page.getByRole('button', { name: 'Add remote' }).click();
  await expect(page.getByTestId('remote-form-error')).toContainText('SSH is not supported.');
  await page.getByRole('button', { name: /Use https:\/\/github\.com\/acme\/fleet\.git instead/ }).click();
  await expect(page.getByLabel('HTTPS address')).toHaveValue('https://github.com/acme/fleet.git');

  await page.getByLabel('HTTPS address').fill(gitServer.url('fleet'));
  await page.getByRole('button', { name: 'Add remote' }).click();
  const origin = page.locator('[data-testid="remote-item"][data-remote="origin"]');
  await expect(origin).toBeVisible();
  await expect(origin.getByTestId('credential-state')).toHaveText('No credential');

  await origin.getByRole('button', { name: 'Set credential for origin' }).click();
  await origin.getByLabel('Token or password').fill(TOKEN);
  await origin.getByRole('button', { name: 'Save credential' }).click();
  await expect(origin.getByTestId('credential-state')).toHaveText('Credential set');
  await expect(page.locator('body')).not.toContainText(TOKEN);
  expect(git(repo, ['config', '--get-regexp', '^remote\\.origin\\.'])).not.toContain(TOKEN);

  await expectNoSeriousA11yViolations(page, 'the remotes screen');
  await screenshot(page, 'remotes-settings', 'light');
  await screenshot(page, 'remotes-settings', 'dark');
});

test('push all: preflight, progress, 31 module branches pushed and the protected one rejected with the server message', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByTestId('fetch-remotes').click();
  await expect(card(page, 'fleet-hub').getByTestId('not-on-remote')).toHaveText('not on origin');

  await page.getByTestId('push-all').click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 branches will be pushed.');
  await expect(dialog.getByTestId('push-row')).toHaveCount(33);
  // A new branch is told by what it adds to the base; the history every branch shares is counted once, for the remote.
  const ahead = git(repo, ['rev-list', '--count', `main..${PROTECTED}`]);
  await expect(dialog.locator(`[data-testid="push-row"][data-branch="${PROTECTED}"]`)).toContainText(`new branch, ${ahead} commit${ahead === '1' ? '' : 's'} ahead of main`);
  const lacking = git(repo, ['rev-list', '--count', '--branches=module/*', 'fleet/workspace']);
  await expect(dialog.getByTestId('push-remote-total')).toHaveText(`origin lacks ${lacking} commits in all.`);
  await expectNoSeriousA11yViolations(page, 'the push dialog (preflight)');

  await dialog.getByTestId('push-start').click();
  await expect(dialog.getByTestId('push-summary')).toHaveText('32 pushed, 0 already there, 1 failed', { timeout: 60_000 });
  // The overall bar ends at every branch done; each row's bar is full.
  await expect(dialog.getByRole('progressbar', { name: 'Push finished' })).toHaveAttribute('value', '33');
  await expect(dialog.getByTestId('push-progress')).toHaveText(/Push finished\s*33 of 33 done/);
  await expect(dialog.getByRole('progressbar', { name: `${PROTECTED} to origin` })).toHaveAttribute('value', '1');
  const rejected = dialog.locator(`[data-testid="push-row"][data-branch="${PROTECTED}"]`);
  await expect(rejected).toHaveAttribute('data-status', 'rejected');
  await expect(rejected.getByTestId('push-message')).toContainText(PROTECTED_MESSAGE);
  const pushedModules = dialog.locator('[data-testid="push-row"][data-status="pushed"][data-branch^="module/"]');
  await expect(pushedModules).toHaveCount(31);
  await expect(dialog.getByTestId('retry-failed')).toHaveText('Retry 1 failed');

  await expectNoSeriousA11yViolations(page, 'the push dialog (result)');
  await screenshot(page, 'push-dialog', 'light');
  await screenshot(page, 'push-dialog', 'dark');

  // The server runs in this process: git must not block its event loop.
  const remoteRefs = (await gitAsync(repo, 'ls-remote', '--heads', gitServer.authUrl('fleet'))).split('\n').map((line) => line.split('\t')[1]);
  expect(remoteRefs.filter((ref) => ref!.startsWith('refs/heads/module/'))).toHaveLength(31);
  expect(remoteRefs).not.toContain(`refs/heads/${PROTECTED}`);

  // After the push the board knows which branches are on the remote.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(card(page, 'fleet-hub').getByTestId('not-on-remote')).toBeVisible();
  await expect(card(page, 'drivers-hub').getByTestId('remote-in-sync')).toHaveText('origin ✓');
});

test('a wrong token stops that remote and asks for a token once; Retry failed sends only the failed ones; offline fetch is a quiet badge', async ({ page }) => {
  gitServer.createBareRepo('mirror');
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  await page.getByLabel('Name').fill('mirror');
  await page.getByLabel('HTTPS address').fill(gitServer.url('mirror'));
  await page.getByRole('button', { name: 'Add remote' }).click();
  const mirror = page.locator('[data-testid="remote-item"][data-remote="mirror"]');
  await mirror.getByRole('button', { name: 'Set credential for mirror' }).click();
  await mirror.getByLabel('Token or password').fill('wrong-token');
  await mirror.getByRole('button', { name: 'Save credential' }).click();
  await expect(mirror.getByTestId('credential-state')).toHaveText('Credential set');

  await page.getByRole('link', { name: 'Board' }).click();
  await page.getByTestId('push-all').click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 branches will be pushed.');
  await dialog.getByTestId('push-start').click();
  await expect(dialog.getByTestId('push-summary')).toHaveText('0 pushed, 32 already there, 34 failed', { timeout: 60_000 });
  // One question for the remote, not one per branch.
  await expect(dialog.getByTestId('push-auth-failed')).toHaveCount(1);
  await expect(dialog.locator('[data-testid="push-row"][data-remote="mirror"][data-status="not-attempted"]')).toHaveCount(33);
  await dialog.getByTestId('push-auth-failed').getByLabel('Token or password').fill(TOKEN);
  await dialog.getByTestId('push-auth-failed').getByRole('button', { name: 'Save credential' }).click();
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 pushed, 32 already there, 1 failed', { timeout: 60_000 });
  await expect(dialog.getByTestId('push-auth-failed')).toHaveCount(0);

  const pushesBefore = gitServer.requests.filter((r) => r.method === 'POST' && r.path.endsWith('git-receive-pack')).map((r) => r.path);
  await dialog.getByTestId('retry-failed').click();
  const retried = () => gitServer.requests.filter((r) => r.method === 'POST' && r.path.endsWith('git-receive-pack')).map((r) => r.path).slice(pushesBefore.length);
  await expect.poll(retried).toEqual(['/fleet.git/git-receive-pack']);
  await expect(dialog.getByTestId('retry-failed')).toBeEnabled();
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 pushed, 32 already there, 1 failed');
  await expect(dialog.locator(`[data-testid="push-row"][data-branch="${PROTECTED}"][data-remote="origin"]`)).toHaveAttribute('data-status', 'rejected');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The server goes away: Fetch fails quietly with a badge, no dialog.
  await gitServer.stop();
  await page.getByTestId('fetch-remotes').click();
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await gitServer.restart();
  await page.getByTestId('fetch-remotes').click();
  await expect(page.getByTestId('offline-badge')).toHaveCount(0);
});

test('a branch someone else pushed to is rejected as not a fast-forward; fetch shows how the two diverged, nothing is forced', async ({ page }) => {
  const branch = 'module/drivers-hub';
  const before = git(repo, ['rev-parse', branch]);
  // Someone else's commit reaches the remote; the local branch gets a different commit on the same parent.
  const theirs = commitFileToBranch(repo, branch, 'docs/theirs.md', 'their change\n', 'Their change');
  await gitAsync(repo, 'push', '-q', gitServer.authUrl('fleet'), `${theirs}:refs/heads/${branch}`);
  git(repo, ['update-ref', `refs/heads/${branch}`, before]);
  const ours = commitFileToBranch(repo, branch, 'docs/ours.md', 'our change\n', 'Our change');

  await openBoard(page, server.url);
  await page.getByTestId('push-all').click();
  const dialog = page.getByTestId('push-dialog');
  await dialog.getByRole('checkbox', { name: /^mirror/ }).uncheck();
  const row = dialog.locator(`[data-testid="push-row"][data-branch="${branch}"][data-remote="origin"]`);
  await expect(row).toBeVisible();
  await dialog.getByTestId('push-start').click();
  await expect(row).toHaveAttribute('data-status', 'non-fast-forward', { timeout: 60_000 });
  await row.getByRole('button', { name: /Fetch and show how they diverged/ }).click();
  await expect(row.getByTestId('divergence')).toContainText('1 commit that origin lacks, and origin has 1 that this branch lacks');
  // Never forced: the remote still holds their commit, the local branch ours.
  expect((await gitAsync(repo, 'ls-remote', gitServer.authUrl('fleet'), `refs/heads/${branch}`)).split('\t')[0]).toBe(theirs);
  expect(git(repo, ['rev-parse', branch])).toBe(ours);
});

test('a push in progress shows each branch sending and its pack going up; cancelled, it ends as done with the reason, not "Pushing"', async ({ page }) => {
  gitServer.createBareRepo('stall');
  // The server takes the pack and never answers: the push stays in flight until it is cancelled.
  gitServer.stallWhen = (method, path) => method === 'POST' && path.startsWith('/stall.git/git-receive-pack');
  git(repo, ['remote', 'add', 'stall', gitServer.authUrl('stall')]);
  try {
    await openBoard(page, server.url);
    await page.getByTestId('push-all').click();
    const dialog = page.getByTestId('push-dialog');
    await dialog.getByRole('checkbox', { name: /^origin/ }).uncheck();
    await dialog.getByRole('checkbox', { name: /^mirror/ }).uncheck();
    await expect(dialog.getByTestId('push-row')).toHaveCount(33);
    await dialog.getByTestId('push-start').click();

    const activity = dialog.locator('[data-testid="push-activity"][data-remote="stall"]');
    await expect(activity).toHaveText(/^stall: sending (\d+) of \1 objects$/);
    const objects = activity.getByRole('progressbar');
    await expect(objects).toHaveAttribute('value', (await objects.getAttribute('max'))!);
    await expect(dialog.locator('[data-testid="push-row"][data-status="sending"]')).toHaveCount(33);
    await expect(dialog.getByTestId('push-progress')).toHaveAttribute('data-state', 'running');
    await expect(dialog.getByRole('progressbar', { name: 'Pushing' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the push dialog (in progress)');
    await screenshot(page, 'push-dialog-progress', 'light');
    await screenshot(page, 'push-dialog-progress', 'dark');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByTestId('push-progress')).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
    await expect(dialog.getByTestId('push-progress')).toHaveText(/Push finished\s*33 of 33 done/);
    await expect(dialog.getByTestId('push-summary')).toHaveText('0 pushed, 0 already there, 33 failed');
    await expect(dialog.locator('[data-testid="push-row"][data-status="queued-cancelled"]')).toHaveCount(33);
    await expect(dialog.getByTestId('push-activity')).toHaveCount(0);
    await expect(dialog.getByTestId('push-remote-error')).toContainText(/cancel/i);
  } finally {
    gitServer.stallWhen = null;
    git(repo, ['remote', 'remove', 'stall']);
  }
});

test('clone from a URL on the start screen: an SSH address gets its HTTPS form, then progress, and the clone opens with the Initialise banner', async ({ page }) => {
  // A repository that only holds its base branch: once cloned it is not initialised yet.
  gitServer.createBareRepo('plain');
  await gitAsync(repo, 'push', '-q', gitServer.authUrl('plain'), 'main');
  const target = join(makeTempDir('fleet-e2e-clone-'), 'fleet-clone');
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Clone from URL…' }).click();
  // An SSH address is explained, and its HTTPS form is one click away; nothing is created.
  await page.getByLabel('Repository address (HTTPS)').fill('git@github.com:acme/fleet.git');
  await page.getByLabel('Target folder (full path)').fill(target);
  await page.getByTestId('clone-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'SSH is not supported.' })).toContainText('speaks git over HTTPS only');
  await page.getByRole('button', { name: 'Use https://github.com/acme/fleet.git instead' }).click();
  await expect(page.getByLabel('Repository address (HTTPS)')).toHaveValue('https://github.com/acme/fleet.git');
  expect(existsSync(target)).toBe(false);
  await page.getByLabel('Repository address (HTTPS)').fill(gitServer.url('plain'));
  await page.getByLabel('The repository needs a token').check();
  await page.getByLabel('Token or password').fill(TOKEN);
  await expectNoSeriousA11yViolations(page, 'the clone form');
  await page.getByTestId('clone-submit').click();
  await expect(page.getByTestId('init-banner')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'fleet-clone' })).toBeVisible();
  expect(git(target, ['rev-parse', 'main'])).toBe(git(repo, ['rev-parse', 'main']));
});
