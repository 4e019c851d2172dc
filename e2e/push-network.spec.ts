// Push all in Chromium when one of two remotes dies mid-push (git http-backend on loopback, its connection cut
// as the pack goes up): that remote's branches show a network result and stay queued, nothing local changes, and
// once the server is back they are pushed on their own; the other remote is never asked again.

import { expect, test, type Page } from '@playwright/test';
import { GitHttpServer, gitAsync } from '../tests/helpers/git-http-server';
import { git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { expectNoSeriousA11yViolations, openBoard, screenshot } from './support/page';

test.describe.configure({ mode: 'serial' });

const TOKEN = 'e2e-network-token';

let repo: string;
let server: FleetServer;
let stable: GitHttpServer;
let flaky: GitHttpServer;

test.beforeAll(async () => {
  repo = makeFleetRepo();
  await initWithCli(repo);
  stable = await GitHttpServer.start({ token: TOKEN });
  flaky = await GitHttpServer.start({ token: TOKEN });
  stable.createBareRepo('fleet');
  flaky.createBareRepo('mirror');
  git(repo, ['remote', 'add', 'origin', stable.url('fleet')]);
  git(repo, ['remote', 'add', 'mirror', flaky.url('mirror')]);
  server = await startServer(repo);
});

test.afterAll(async () => {
  await server?.close();
  await stable?.stop();
  await flaky?.stop();
  removeTempDirs();
});

async function setToken(page: Page, remote: string): Promise<void> {
  const item = page.locator(`[data-testid="remote-item"][data-remote="${remote}"]`);
  await item.getByRole('button', { name: `Set credential for ${remote}` }).click();
  await item.getByLabel('Token or password').fill(TOKEN);
  await item.getByRole('button', { name: 'Save credential' }).click();
  await expect(item.getByTestId('credential-state')).toHaveText('Credential set');
}

const receivePacks = (gitServer: GitHttpServer) => gitServer.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git-receive-pack')).length;

/** Branch -> tip on a served repository, read with the git CLI (async: the server runs in this process). */
async function remoteHeads(gitServer: GitHttpServer, name: string): Promise<Map<string, string>> {
  const lines = (await gitAsync(repo, 'ls-remote', '--heads', gitServer.authUrl(name))).split('\n').filter(Boolean);
  return new Map(lines.map((line) => [line.split('\t')[1]!.slice('refs/heads/'.length), line.split('\t')[0]!]));
}

test('a remote that dies mid-push keeps its branches queued with a network result, and they go on their own once it is back', async ({ page }) => {
  // Two remotes of 33 branches, a wait for the automatic retry, axe and screenshots: slow on a busy machine.
  test.setTimeout(180_000);
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Remotes' }).click();
  await setToken(page, 'origin');
  await setToken(page, 'mirror');
  await page.getByRole('link', { name: 'Board' }).click();

  await page.getByTestId('push-all').click();
  const dialog = page.getByTestId('push-dialog');
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 branches will be pushed.');
  await expect(dialog.getByTestId('push-row')).toHaveCount(66);
  const localRefs = git(repo, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/']);

  // The mirror's server cuts the connection as the pack arrives, and stays down.
  flaky.killOnNextPush = true;
  await dialog.getByTestId('push-start').click();
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 pushed, 0 already there, 33 failed', { timeout: 60_000 });
  expect(flaky.running).toBe(false);
  const mirrorQueued = dialog.locator('[data-testid="push-row"][data-remote="mirror"][data-status="queued-network"]');
  await expect(mirrorQueued).toHaveCount(33);
  await expect(mirrorQueued.first()).toContainText('queued: network down');
  await expect(dialog.locator('[data-testid="push-row"][data-remote="origin"][data-status="pushed"]')).toHaveCount(33);
  const notice = dialog.getByTestId('push-remote-error');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('mirror could not be reached. Its branches stay queued');
  await expect(notice.getByTestId('push-retry-note')).toContainText('Next try at');
  // A failed push changes no local branch, and the mirror holds nothing.
  expect(git(repo, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/'])).toBe(localRefs);
  expect(git(repo, ['for-each-ref', 'refs/remotes/mirror/'])).toBe('');
  expect(git(repo, ['for-each-ref', 'refs/remotes/origin/']).split('\n')).toHaveLength(33);

  // Retry failed by hand while it is still down: the same network result, nothing lost.
  await expect(dialog.getByTestId('retry-failed')).toHaveText('Retry 33 failed');
  await expect(dialog.getByTestId('push-progress')).toContainText('66 of 66');
  await dialog.getByTestId('retry-failed').click();
  // This job covers only the mirror's 33 branches.
  await expect(dialog.getByTestId('push-progress')).toContainText('33 of 33');
  await expect(notice.getByTestId('push-retry-note')).toContainText('Next try at');
  await expect(dialog.getByTestId('push-summary')).toHaveText('33 pushed, 0 already there, 33 failed');
  await expect(mirrorQueued).toHaveCount(33);
  await expectNoSeriousA11yViolations(page, 'the push dialog (a remote down)');
  await screenshot(page, 'push-network-down', 'light');
  await screenshot(page, 'push-network-down', 'dark');
  // Closed, the dialog leaves a way back to the queued branches on the board.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Show 33 branches queued by the network' }).click();
  await expect(dialog).toBeVisible();
  await expect(mirrorQueued).toHaveCount(33);

  // The server comes back: the automatic retry (5 s after the last try) sends only the mirror's branches.
  const originPushes = receivePacks(stable);
  const mirrorPushes = receivePacks(flaky);
  await flaky.restart();
  await expect(dialog.getByTestId('push-summary')).toHaveText('66 pushed, 0 already there, 0 failed', { timeout: 30_000 });
  await expect(notice).toHaveCount(0);
  await expect(dialog.getByTestId('retry-failed')).toHaveCount(0);
  await expect(page.getByTestId('push-queued')).toHaveCount(0);
  expect(receivePacks(stable)).toBe(originPushes);
  expect(receivePacks(flaky)).toBe(mirrorPushes + 1);

  // Every branch is on both remotes, at the local tips.
  const local = new Map(git(repo, ['for-each-ref', '--format=%(refname:lstrip=2) %(objectname)', 'refs/heads/module/', 'refs/heads/fleet/']).split('\n').map((line) => line.split(' ') as [string, string]));
  expect(local.size).toBe(33);
  for (const heads of [await remoteHeads(stable, 'fleet'), await remoteHeads(flaky, 'mirror')]) {
    for (const [branch, tip] of local) expect(heads.get(branch)).toBe(tip);
  }
  expect(git(repo, ['for-each-ref', 'refs/remotes/mirror/']).split('\n')).toHaveLength(33);
});

test('fetch runs every 5 minutes until it is turned off (the choice is kept); a remote that is down only shows a quiet badge', async ({ page }) => {
  const fetches = () => stable.requests.filter((r) => r.method === 'GET' && r.query === 'service=git-upload-pack').length;
  await page.clock.install();
  await openBoard(page, server.url);
  const autoFetch = page.getByRole('checkbox', { name: 'Fetch every 5 minutes' });
  await expect(autoFetch).toBeChecked();

  // Five minutes later the timer fetches from both remotes; the mirror is down: a badge, no dialog, no alert.
  await flaky.stop();
  const before = fetches();
  await page.clock.fastForward('05:01');
  await expect.poll(fetches).toBe(before + 1);
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await expect(page.getByTestId('offline-badge')).toContainText('could not reach mirror');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await flaky.restart();

  // Turned off, and still off after a reload: ten minutes pass without a fetch; Fetch by hand still works.
  await autoFetch.uncheck();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Fetch every 5 minutes' })).not.toBeChecked();
  const after = fetches();
  await page.clock.fastForward('10:00');
  await page.getByTestId('fetch-remotes').click();
  await expect.poll(fetches).toBe(after + 1);
  await expect(page.getByTestId('fetch-remotes')).toHaveText('Fetch');
  await expect(page.getByTestId('offline-badge')).toHaveCount(0);
  expect(fetches()).toBe(after + 1);
});
