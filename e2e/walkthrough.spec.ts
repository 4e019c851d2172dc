// The whole journey a newcomer walks, in one spec, in Chromium: open a repository from the demo's start screen,
// initialise it, read the board, open a module, edit its analysis in Monaco and commit it, have an agent draft
// another module's analysis through a loopback provider and commit it after review, fix a module's path patterns,
// set and run a check, merge two modules into the integration branch, push everything to a git server on loopback
// and open the integration branch's pull request on a loopback GitHub, then export the report. Every step checks
// what the user sees, and what git says where git holds the result; a screenshot of each step goes to e2e-artifacts/.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { gitAsync } from '../tests/helpers/git-http-server';
import { join } from 'node:path';
import { DOC_FILE_NAMES } from '../src/shared/documents';
import { commitWithKeyboard, monacoIn, replaceEditorText, watchConsole } from './support/editor';
import { git } from './support/git';
import { JOURNEY_REPO, JOURNEY_TOKEN, providerAsIs, startJourney, type Journey } from './support/journey';
import { ARTIFACTS, card, cards, groups, inputTextFits, screenshot, showModuleTab } from './support/page';
import { removeTempDirs } from './support/repo';

let journey: Journey;

test.beforeAll(async () => {
  journey = await startJourney();
});

test.afterAll(async () => {
  await journey?.close();
  removeTempDirs();
});

const AS_IS = providerAsIs('Fleet Hub').replace('The page renders an empty placeholder today.', 'The vehicle table lives in web/src/components/fleet/VehicleTable.tsx.');

/** Light for every step, dark too for the key screens; the whole page, or only the part the step is about. */
async function shot(page: Page, name: string, options: { dark?: boolean; part?: Locator } = {}): Promise<void> {
  await screenshot(page, `walkthrough-${name}`, 'light', options.part);
  if (options.dark) {
    await screenshot(page, `walkthrough-${name}`, 'dark', options.part);
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

/** A link of the app's main navigation. */
const nav = (page: Page, name: string): Locator => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

const isAncestor = (repo: string, a: string, b: string): boolean => {
  try {
    git(repo, ['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch {
    return false;
  }
};

test('the whole journey: open, init, board, module, edit, commit, agents, patterns, checks, merge, push, report', async ({ page, context }) => {
  // Well inside this on an idle machine; the margin is for a busy one.
  test.setTimeout(240_000);
  const { repo, provider, github, bare } = journey;
  const problems = watchConsole(page);
  const mainTip = git(repo, ['rev-parse', 'main']);
  const head = git(repo, ['symbolic-ref', 'HEAD']);
  const folder = repo.split('/').pop()!;

  await test.step('open: the start screen over the demo, then the repository by its path', async () => {
    // Served without a repository, the app opens the demo; the start screen says so and opens another.
    await page.goto(`${journey.server.url}#/workspaces`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open a workspace');
    await expect(page.getByText('The workspace fleetops is open.')).toBeVisible();
    await expect(nav(page, 'Workspaces')).toHaveAttribute('aria-current', 'page');
    await page.getByLabel('Repository path').fill(repo);
    await shot(page, '01-open');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: folder })).toBeVisible();
    await expect(page).toHaveURL(/#\/$/);
  });

  await test.step('init: the banner says what it will do, then creates one branch per module without touching main', async () => {
    const banner = page.getByTestId('init-banner');
    await expect(banner.getByRole('heading', { name: 'This workspace is not initialised yet' })).toBeVisible();
    await expect(banner.getByLabel('Base branch')).toHaveValue('main');
    await expect(page.getByTestId('no-branch')).toHaveCount(32);
    await banner.getByRole('button', { name: 'Initialise' }).click();
    const outcome = page.getByTestId('init-outcome');
    await expect(outcome).toContainText('Created 32 branches.');
    await expect(page.getByTestId('no-branch')).toHaveCount(0);
    await shot(page, '02-init', { part: outcome });
    expect(git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/module/']).split('\n')).toHaveLength(32);
    expect(git(repo, ['rev-parse', '--verify', '-q', 'refs/heads/fleet/workspace'])).toMatch(/^[0-9a-f]{40}$/);
    expect(git(repo, ['rev-parse', 'main'])).toBe(mainTip);
    expect(git(repo, ['symbolic-ref', 'HEAD'])).toBe(head);
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    await outcome.getByRole('button', { name: 'Dismiss' }).click();
    await expect(outcome).toHaveCount(0);
  });

  await test.step('board: 32 modules in 6 categories, each a branch one commit ahead; a file path finds its module', async () => {
    await expect(groups(page)).toHaveCount(6);
    await expect(page.getByTestId('module-count')).toHaveText('32 of 32 modules');
    const fleet = card(page, 'fleet-hub');
    await expect(fleet.locator('[data-doc-state="template"]')).toHaveCount(5);
    await expect(fleet.getByRole('img', { name: '1 commit ahead, 0 behind main' })).toBeVisible();
    await expect(card(page, 'security-alerts').getByTestId('no-files-warning')).toHaveText(/patterns match no file/);
    await shot(page, '03-board', { dark: true });
    const filter = page.getByLabel('Filter modules');
    await filter.fill('web/src/components/');
    await expect(cards(page)).toHaveCount(1);
    await expect(page.getByTestId('file-owners')).toHaveText('Files matching “web/src/components/” belong to 1 module: Fleet Hub');
    await shot(page, '03-board-filter');
    await filter.press('Escape');
    await expect(cards(page)).toHaveCount(32);
  });

  const fleetTip = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);
  await test.step('module: its branch and tip, its five documents and the files its patterns match', async () => {
    await card(page, 'fleet-hub').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet Hub');
    await expect(page.getByText('module/fleet-hub', { exact: true }).first()).toBeVisible();
    await expect(page.getByText(fleetTip.slice(0, 8), { exact: true })).toBeVisible();
    await expect(page.getByTestId('document-link')).toHaveCount(5);
    await expect(page.getByTestId('document-view').getByRole('heading', { name: 'Fleet Hub: As-Is Analysis' })).toBeVisible();
    await showModuleTab(page, 'files');
    await expect(page.getByTestId('file-list')).toContainText('web/src/components/fleet/VehicleTable.tsx');
    await shot(page, '04-module', { dark: true });
  });

  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await test.step('edit: the analysis typed into Monaco, the preview following, the change not saved yet', async () => {
    await replaceEditorText(page, editor, AS_IS);
    await expect(page.getByTestId('save-status')).toHaveText(/Unsaved changes/);
    await expect(page.getByTestId('document-view')).toContainText('VehicleTable.tsx');
    expect(git(repo, ['rev-parse', 'refs/heads/module/fleet-hub'])).toBe(fleetTip);
    await shot(page, '05-edit');
  });

  await test.step('commit: Ctrl+S and a message make one commit on the module branch, and the card counts it written', async () => {
    await commitWithKeyboard(page, 'Fleet Hub: analyse the vehicle table');
    await expect(page.getByTestId('save-status')).toHaveText(/Committed [0-9a-f]{7}/);
    const committed = git(repo, ['rev-parse', 'refs/heads/module/fleet-hub']);
    await expect(page.getByTestId('save-status')).toContainText(committed.slice(0, 7));
    expect(git(repo, ['log', '-1', '--format=%s%n%P', 'module/fleet-hub'])).toBe(`Fleet Hub: analyse the vehicle table\n${fleetTip}`);
    expect(git(repo, ['show', `module/fleet-hub:enhancements/fleet-hub/${DOC_FILE_NAMES['as-is']}`])).toBe(AS_IS.trimEnd());
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    await page.getByRole('button', { name: 'Back to board' }).click();
    const fleet = card(page, 'fleet-hub');
    await expect(fleet.locator('[data-doc-kind="as-is"]')).toHaveAttribute('data-doc-state', 'written');
    await expect(fleet.getByRole('img', { name: '2 commits ahead, 0 behind main' })).toBeVisible();
    await shot(page, '06-commit', { part: fleet });
  });

  await test.step('agents: a local provider set up, one run estimated, approved, reviewed and committed with provenance', async () => {
    await nav(page, 'Agent settings').click();
    const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
    await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
    await lmstudio.getByRole('button', { name: 'Save provider' }).click();
    await lmstudio.getByRole('button', { name: 'Test connection' }).click();
    await expect(lmstudio.getByTestId('connection-test')).toContainText('Connection works');
    await shot(page, '07-agents-settings', { part: lmstudio });

    await nav(page, 'Board').click();
    await page.getByTestId('open-batch-dialog').click();
    const dialog = page.getByTestId('batch-dialog');
    await dialog.getByLabel(/Selected modules/).check();
    await dialog.getByRole('checkbox', { name: /^Drivers Hub/ }).check();
    await dialog.getByLabel('Provider').selectOption('lmstudio');
    await dialog.getByRole('button', { name: 'Estimate' }).click();
    await expect(dialog.getByTestId('estimate-row')).toHaveCount(1);
    await expect(dialog.getByTestId('approve-question')).toHaveText(/^1 run, about .+ tokens, about \$0\.00: approve\?$/);
    await shot(page, '07-agents-estimate', { dark: true, part: dialog });
    const driversTip = git(repo, ['rev-parse', 'refs/heads/module/drivers-hub']);
    await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();

    await nav(page, 'Agent runs').click();
    const panel = page.getByTestId('batch-panel');
    await expect(page.getByTestId('batch-state')).toHaveText('finished', { timeout: 30_000 });
    await expect(panel.getByTestId('review-count')).toHaveText('1 draft waits for review, 0 marked reviewed.');
    // A draft only until it is reviewed and committed.
    expect(git(repo, ['rev-parse', 'refs/heads/module/drivers-hub'])).toBe(driversTip);
    // Review opens the draft in the module's editor, next to the document as committed on the branch.
    await panel.getByRole('link', { name: 'Review the draft of drivers-hub As-is analysis' }).click();
    await expect(page).toHaveURL(/#\/module\/drivers-hub\/as-is$/);
    const diff = page.getByTestId('compare-diff');
    await expect(monacoIn(diff, 0).locator('.view-lines')).toContainText('The files this module covers');
    await expect(monacoIn(diff, 1).locator('.view-lines')).toContainText('React function components');
    await shot(page, '07-agents-review', { part: diff });
    await nav(page, 'Agent runs').click();
    // The mark is saved in main before the box shows it ticked.
    const reviewed = panel.getByRole('checkbox', { name: 'Reviewed: drivers-hub As-is analysis' });
    await reviewed.click();
    await expect(reviewed).toBeChecked();
    await panel.getByTestId('commit-reviewed-button').click();
    await expect(panel.getByTestId('commit-reviewed-result')).toHaveText('1 draft committed, 0 not committed.');
    await shot(page, '07-agents-runs', { part: panel });
    const message = git(repo, ['log', '-1', '--format=%B', 'module/drivers-hub']);
    expect(message).toContain('Fleet-Run:');
    expect(message).toContain('Fleet-Provider: lmstudio');
    expect(git(repo, ['rev-parse', 'module/drivers-hub^'])).toBe(driversTip);
    const drafted = git(repo, ['show', `module/drivers-hub:enhancements/drivers-hub/${DOC_FILE_NAMES['as-is']}`]);
    expect(drafted).toMatch(/^# Drivers Hub.*: As-Is Analysis$/m);
    expect(drafted).toContain('React function components');
    // One request drafted the module (the other was the connection test).
    expect(provider.requests.filter((r) => JSON.stringify(r.body).includes('# Module: Drivers Hub'))).toHaveLength(1);
  });

  await test.step('patterns: a module matching no file takes a suggestion, saved to the manifest on fleet/workspace', async () => {
    await nav(page, 'Board').click();
    await card(page, 'security-alerts').click();
    await showModuleTab(page, 'files');
    const scope = page.getByTestId('module-scope');
    await expect(scope.getByTestId('no-files-block')).toContainText('Its patterns match no file');
    await scope.getByRole('button', { name: 'Fix the patterns' }).click();
    const patterns = page.getByTestId('pattern-editor');
    await expect(patterns.getByTestId('preview-total')).toContainText('Matches no file');
    await patterns.getByRole('button', { name: 'Accept web/src/pages/alerts/**' }).click();
    await expect(patterns.getByTestId('preview-total')).toContainText('Matches 2 of');
    // In the side panel the fields still show whole patterns (suggestions go below them there).
    for (const field of await patterns.getByRole('textbox', { name: /^Pattern \d+$/ }).all()) expect(await inputTextFits(field), await field.inputValue()).toBe(true);
    await shot(page, '08-patterns', { part: patterns });
    const workspaceTip = git(repo, ['rev-parse', 'fleet/workspace']);
    await patterns.getByRole('button', { name: 'Save patterns' }).click();
    await expect(page.getByTestId('patterns-saved')).toContainText('Patterns saved in commit');
    await expect(scope.getByTestId('file-list')).toContainText('web/src/pages/alerts/AlertList.tsx');
    expect(git(repo, ['rev-parse', 'fleet/workspace^'])).toBe(workspaceTip);
    expect(git(repo, ['log', '-1', '--format=%s', 'fleet/workspace'])).toBe('Security Alerts: path patterns + web/src/pages/alerts/**');
    const manifest = JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json']));
    expect(manifest.modules.find((m: { id: string }) => m.id === 'security-alerts').patterns).toContain('web/src/pages/alerts/**');
  });

  await test.step('checks: the command set on the board and committed, one module checked with its log, a badge on its card', async () => {
    await page.getByRole('button', { name: 'Back to board' }).click();
    await expect(card(page, 'security-alerts').getByTestId('no-files-warning')).toHaveCount(0);
    const bar = page.getByTestId('checks-bar');
    await bar.getByRole('button', { name: 'Set a check command' }).click();
    await page.getByLabel('Command').fill('node scripts/check.js');
    await page.getByLabel('Time limit (seconds)').fill('60');
    await page.getByRole('button', { name: 'Save and commit' }).click();
    await expect(page.getByTestId('checks-command-summary')).toHaveText('node scripts/check.js · time limit 60 s');
    expect(JSON.parse(git(repo, ['show', 'fleet/workspace:.fleet/manifest.json'])).checks).toMatchObject({ command: 'node scripts/check.js', timeoutSeconds: 60 });

    await card(page, 'fleet-hub').click();
    await showModuleTab(page, 'checks');
    const panel = page.getByTestId('checks-panel');
    await panel.getByRole('button', { name: 'Run check' }).click();
    const result = panel.getByTestId('check-result');
    await expect(result).toHaveAttribute('data-state', 'passed', { timeout: 30_000 });
    await expect(result).toContainText(`on commit ${git(repo, ['rev-parse', 'module/fleet-hub']).slice(0, 8)}`);
    await expect(panel.getByTestId('check-log')).toContainText('step 3 of 3');
    await expect(panel.getByTestId('check-log')).toContainText('fleetops package found');
    await shot(page, '09-checks', { part: panel });
    await page.getByRole('button', { name: 'Back to board' }).click();
    await expect(card(page, 'fleet-hub').getByTestId('check-badge')).toHaveAttribute('data-state', 'passed');
  });

  await test.step('merge: forecast, two modules merged into fleet/integration after the unwritten documents are named', async () => {
    await nav(page, 'Merge').click();
    await expect(page.getByRole('radio', { name: /Integration branch/ })).toBeChecked();
    await page.getByTestId('run-forecast').click();
    await expect(page.getByTestId('forecast-row')).toHaveCount(32);
    const row = (id: string) => page.locator(`[data-testid="forecast-row"][data-module-id="${id}"]`);
    await expect(row('fleet-hub')).toHaveAttribute('data-outcome', 'clean');
    await expect(row('drivers-hub')).toHaveAttribute('data-outcome', 'clean');
    const none = page.getByRole('button', { name: 'Select none' });
    if (await none.isEnabled()) await none.click();
    for (const id of ['fleet-hub', 'drivers-hub']) await row(id).getByTestId('select-module').check();
    await expect(page.getByTestId('selected-count')).toHaveText('2 modules selected');
    await page.getByTestId('merge-selected').click();
    const confirm = page.getByTestId('merge-confirm');
    await expect(confirm.getByRole('heading')).toHaveText('Merge 2 modules into fleet/integration?');
    // The analyses are written; the other four documents of each are still templates, and the dialog says so.
    await expect(confirm.getByTestId('merge-unwritten-warning')).toContainText('2 of these modules have documents that are not written');
    await expect(confirm.getByTestId('merge-unwritten-warning').locator('li').first()).not.toContainText('As-is analysis');
    await shot(page, '10-merge-confirm', { part: confirm });
    await confirm.getByTestId('merge-confirm-go').click();
    await expect(page.getByTestId('merge-summary')).toHaveText('2 modules merged into fleet/integration.');
    await expect(row('fleet-hub')).toHaveAttribute('data-outcome', 'up-to-date');
    await shot(page, '10-merge', { dark: true });

    expect(isAncestor(repo, 'module/fleet-hub', 'fleet/integration')).toBe(true);
    expect(isAncestor(repo, 'module/drivers-hub', 'fleet/integration')).toBe(true);
    expect(git(repo, ['rev-list', '--count', '--merges', 'main..fleet/integration'])).toBe('2');
    expect(git(repo, ['show', `fleet/integration:enhancements/fleet-hub/${DOC_FILE_NAMES['as-is']}`])).toBe(AS_IS.trimEnd());
    expect(git(repo, ['rev-parse', 'main'])).toBe(mainTip);
  });

  await test.step('push: the token set once in Remotes, every branch pushed with fleet/integration, its pull request one click', async () => {
    await nav(page, 'Remotes').click();
    const origin = page.locator('[data-testid="remote-item"][data-remote="origin"]');
    await origin.getByRole('button', { name: 'Set credential for origin' }).click();
    await origin.getByLabel('Token or password').fill(JOURNEY_TOKEN);
    await origin.getByRole('button', { name: 'Save credential' }).click();
    await expect(origin.getByTestId('credential-state')).toHaveText('Credential set');

    await nav(page, 'Board').click();
    await page.getByTestId('fetch-remotes').click();
    await expect(card(page, 'fleet-hub').getByTestId('not-on-remote')).toHaveText('not on origin');
    await page.getByTestId('push-all').click();
    const dialog = page.getByTestId('push-dialog');
    // 32 module branches, the workspace branch and the integration branch: the title says branches, not module branches.
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Push branches');
    await expect(dialog.getByTestId('push-summary')).toHaveText('34 branches will be pushed.');
    await expect(dialog.locator('[data-testid="push-row"][data-branch="fleet/integration"]')).toBeVisible();
    await dialog.getByTestId('push-start').click();
    await expect(dialog.getByTestId('push-summary')).toHaveText('34 pushed, 0 already there, 0 failed', { timeout: 60_000 });
    await expect(dialog.locator('[data-testid="push-row"][data-branch="fleet/integration"]')).toHaveAttribute('data-status', 'pushed');
    const remoteRefs = new Map(
      (await gitAsync(repo, 'ls-remote', '--heads', journey.gitServer.authUrl(JOURNEY_REPO))).split('\n').map((line) => [line.split('\t')[1]!, line.split('\t')[0]!] as const),
    );
    expect([...remoteRefs.keys()].filter((ref) => ref.startsWith('refs/heads/module/'))).toHaveLength(32);
    for (const branch of ['fleet/integration', 'fleet/workspace', 'module/fleet-hub', 'main']) {
      expect(remoteRefs.get(`refs/heads/${branch}`), branch).toBe(git(repo, ['rev-parse', `refs/heads/${branch}`]));
    }

    const open = dialog.getByTestId('integration-pull-open');
    await expect(open).toHaveText('Open pull request: fleet/integration into main on origin');
    await shot(page, '11-push', { dark: true, part: dialog });
    await open.click();
    await expect(dialog.getByTestId('integration-pull')).toContainText('Pull request #1 opened.');
    await expect(dialog.getByTestId('integration-pull-link')).toHaveAttribute('href', `${github.url}/${JOURNEY_REPO}/pull/1`);
    const pulls = github.pulls(JOURNEY_REPO);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ number: 1, head: 'fleet/integration', base: 'main', title: 'Merge fleet/integration into main', state: 'open' });
    const ahead = git(repo, ['rev-list', '--count', 'main..fleet/integration']);
    expect(pulls[0]!.body).toContain(`(${ahead} commits ahead of \`main\`)`);
    expect(git(bare, ['rev-parse', 'refs/heads/fleet/integration'])).toBe(git(repo, ['rev-parse', 'fleet/integration']));
    await shot(page, '11-push-pull-request', { part: dialog.getByTestId('integration-pull') });
    await expect(page.locator('body')).not.toContainText(JOURNEY_TOKEN);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('report: the board exported as one HTML file counting the two merges honestly', async () => {
    await expect(card(page, 'fleet-hub')).toHaveAttribute('data-phase', 'merged');
    await expect(card(page, 'fleet-hub').getByTestId('phase-badge')).toHaveText(/Merged \(documents not written\)/);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export HTML report' }).click();
    const download = await downloading;
    const file = join(ARTIFACTS, 'walkthrough-report.html');
    await download.saveAs(file);
    await expect(page.getByTestId('export-outcome')).toHaveText(`Saved as ${download.suggestedFilename()}.`);
    const report = await context.newPage();
    await report.goto(`file://${file}`);
    await expect(report.getByRole('heading', { level: 1 })).toHaveText(`${folder}: enhancement report`);
    await expect(report.locator('.totals li').filter({ hasText: 'merged, documents not written' }).locator('strong')).toHaveText('2');
    await expect(report.getByRole('row').filter({ hasText: 'Fleet Hub' }).first()).toContainText('Merged (documents not written)');
    await shot(report, '12-report', { dark: true });
    await report.close();
  });

  expect(problems()).toEqual([]);
});
