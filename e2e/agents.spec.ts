// Agents end to end: a provider pointed at a loopback OpenAI-compatible server through the settings screen,
// a batch of 3 modules estimated, approved and streamed into the editors, one draft committed with its
// provenance trailers (checked with git), the others reviewed and committed from the runs page, the offline
// analyzer drafting one document; axe and screenshots.

import { expect, test, type Page } from '@playwright/test';
import { git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, go, inputTextFits, openBoard, screenshot, showModuleTab } from './support/page';
import { monacoIn, watchConsole } from './support/editor';
import { openAiError, sseFrame } from '../tests/helpers/provider-servers';
import { moduleOf, startSlowOpenAiServer, type ProviderServer } from './support/provider-server';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;
let provider: ProviderServer;

const BATCH = ['fleet-hub', 'drivers-hub', 'maintenance-hub'];

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
  provider = await startSlowOpenAiServer(
    (request) =>
      `# ${moduleOf(request)}: as-is analysis\n\n` +
      'The vehicle table lives in web/src/components/fleet/VehicleTable.tsx.\n' +
      'Routing is done by web/src/router/NotThere.tsx with Django.\n\n' +
      Array.from({ length: 12 }, (_, i) => `- finding number ${i + 1} from the loopback provider\n`).join(''),
  );
});

test.afterAll(async () => {
  await provider?.close();
  await server?.close();
  removeTempDirs();
});

const lmstudio = (page: Page) => page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');

test('the settings screen points a local provider at a base URL, tests it, and checks prices per entry', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await page.getByRole('link', { name: 'Agent settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agent settings' })).toBeVisible();

  // The offline analyzer needs nothing; a remote provider without a key says so, and never shows a key.
  await expect(page.locator('[data-provider-id="offline"] [data-testid="key-source"]')).toHaveText('No key needed');
  const xai = page.locator('[data-testid="provider-card"][data-provider-id="xai"]');
  await expect(xai.getByTestId('key-source')).toHaveText('No key');
  await xai.getByLabel('API key').fill('xai-test-key-123456');
  await xai.getByRole('button', { name: 'Set key' }).click();
  await expect(xai.getByTestId('key-source')).toHaveText('Key set');
  await expect(xai.getByLabel('API key')).toHaveValue('');
  await xai.getByRole('button', { name: 'Clear key' }).click();
  await expect(xai.getByTestId('key-source')).toHaveText('No key');

  // The workspace's budget cap and defaults: without a cap the hint says so in words.
  const defaults = page.getByTestId('agent-defaults');
  await expect(defaults.getByTestId('ws-budget-hint')).toHaveText("No workspace cap: runs are limited only by each batch's own budget.");
  // The checkbox is a box with its label on one line beside it, and Save sits in the form's footer below the fields.
  const resume = defaults.getByTestId('auto-resume');
  const resumeBox = (await resume.boundingBox())!;
  expect(resumeBox.width).toBeGreaterThanOrEqual(14);
  const resumeLabel = (await defaults.getByText('Resume batches a quit interrupted', { exact: false }).boundingBox())!;
  expect(resumeLabel.width).toBeGreaterThan(300);
  expect(resumeLabel.x).toBeGreaterThan(resumeBox.x);
  const save = (await defaults.getByRole('button', { name: 'Save' }).boundingBox())!;
  expect(save.y).toBeGreaterThan(resumeLabel.y + resumeLabel.height);
  expect(save.x).toBeLessThan(resumeBox.x);
  // Provider fields are wide enough for their address and the key's placeholder.
  const openai = page.locator('[data-testid="provider-card"][data-provider-id="openai"]');
  expect(await inputTextFits(openai.getByLabel('Base URL'))).toBe(true);
  expect(await inputTextFits(openai.getByLabel('API key'))).toBe(true);
  await defaults.getByLabel('Budget for all runs ($, empty for no cap)').fill('25');
  await defaults.getByRole('button', { name: 'Save' }).click();
  await expect(defaults.getByRole('status')).toHaveText('Saved.');
  await expect(defaults.getByText('Runs stop before the workspace\'s spending would cross $25.00.')).toBeVisible();

  await lmstudio(page).getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio(page).getByRole('button', { name: 'Save provider' }).click();
  await lmstudio(page).getByRole('button', { name: 'Test connection' }).click();
  const result = lmstudio(page).getByTestId('connection-test');
  await expect(result).toContainText('Connection works');
  await expect(result.getByTestId('test-quota')).toHaveText('available');
  await expect(result.getByTestId('test-latency')).toHaveText(/\d+ ms/);

  // A price that is not a number is refused on its own row, before anything is saved.
  const row = page.getByTestId('price-row').filter({ has: page.locator('input[value="xai/grok-4"]') });
  await row.getByLabel('Output price of xai/grok-4').fill('abc');
  await expect(row.getByTestId('price-error')).toContainText('output must be a number');
  await row.getByLabel('Output price of xai/grok-4').fill('15');
  await expect(row.getByTestId('price-error')).toBeHidden();

  await expectNoSeriousA11yViolations(page, 'agent settings');
  await screenshot(page, 'agent-settings', 'light');
  await screenshot(page, 'agent-settings', 'dark');
  expect(problems()).toEqual([]);
});

test('a batch of 3 modules is estimated, approved, streams into the editors, and a draft commits with provenance', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  for (const id of BATCH) await dialog.getByRole('checkbox', { name: new RegExp(`^${id.replace('-', ' ')}`, 'i') }).check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByLabel('Budget cap for this batch ($, optional)').fill('5');
  await dialog.getByRole('button', { name: 'Estimate' }).click();

  await expect(dialog.getByTestId('estimate-row')).toHaveCount(3);
  await expect(dialog.getByTestId('batch-estimate')).toContainText('batch cap $5.00');
  await expect(dialog.getByTestId('approve-question')).toHaveText(/^3 runs, about .+ tokens, about \$0\.00: approve\?$/);
  await screenshot(page, 'agent-batch-estimate', 'light');
  await screenshot(page, 'agent-batch-estimate', 'dark');
  await dialog.getByRole('button', { name: 'Approve and start 3 runs' }).click();

  const panel = page.getByTestId('batch-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('run-row')).toHaveCount(3);
  await expect(panel.getByTestId('run-row').filter({ has: page.locator('.state-running') }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'run panel');

  // The stream arrives in the document's editor while the run is still going.
  await go(page, '#/module/fleet-hub/as-is');
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor.locator('.view-lines')).toContainText('VehicleTable.tsx');
  await expect(editor.locator('.view-lines')).toContainText('finding number 12', { timeout: 30_000 });
  // The Agent tab says while the run writes, and then what its draft names that the repository lacks.
  await showModuleTab(page, 'agent');
  await expect(page.getByTestId('agent-writing')).toBeHidden({ timeout: 30_000 });

  // The draft names a path outside the module and a library the repository does not use.
  const flags = page.getByTestId('grounding-flag');
  await expect(flags.filter({ hasText: 'web/src/router/NotThere.tsx' })).toBeVisible();
  await expect(flags.filter({ hasText: 'Django' })).toBeVisible();
  // ...and Monaco marks the line.
  await expect(editor.locator('.squiggly-warning').first()).toBeAttached();

  await go(page, '#/runs');
  await expect(page.getByTestId('batch-state')).toHaveText('finished', { timeout: 30_000 });
  await expect(page.getByTestId('run-row').filter({ has: page.locator('.state-succeeded') })).toHaveCount(3);
  await expect(page.getByTestId('run-totals')).toContainText('3 done, 0 failed');
  await screenshot(page, 'agent-run-panel', 'light');
  await screenshot(page, 'agent-run-panel', 'dark');

  // The other two modules' drafts hold their own streams.
  await go(page, '#/module/drivers-hub/as-is');
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toContainText('Drivers Hub');

  // Commit one: the commit carries the run's provenance.
  await go(page, '#/module/fleet-hub/as-is');
  await expect(editor.locator('.view-lines')).toContainText('finding number 12');
  await expect(page.getByTestId('draft-restored')).toBeHidden();
  await screenshot(page, 'agent-draft-grounding', 'light');
  await screenshot(page, 'agent-draft-grounding', 'dark');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+S');
  await page.getByTestId('commit-dialog').getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/Committed|Saved|No changes/, { timeout: 15_000 }).catch(() => undefined);
  await expect.poll(() => git(repo, ['log', '-1', '--format=%B', 'module/fleet-hub']), { timeout: 15_000 }).toContain('Fleet-Run:');
  const message = git(repo, ['log', '-1', '--format=%B', 'module/fleet-hub']);
  expect(message).toContain('Fleet-Provider: lmstudio');
  expect(message).toContain('Fleet-Model: local-model');
  expect(message).toMatch(/Fleet-Tokens: in=\d+ out=\d+/);
  expect(message).toContain('Fleet-Edited: no');
  expect(git(repo, ['show', 'module/fleet-hub:enhancements/fleet-hub/AS_IS_ANALYSIS.md'])).toContain('finding number 12');
  // Once committed, the draft is no longer an unreviewed agent draft.
  await expect(page.getByTestId('grounding-flags')).toBeHidden();
  expect(provider.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBeGreaterThanOrEqual(3);
  expect(problems()).toEqual([]);
});

test('the runs page reviews each agent draft and commits all reviewed; the cards count what waits for review', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  // Two drafts of the batch wait for review (fleet-hub's was committed): their cards say so.
  await expect(card(page, 'drivers-hub').getByTestId('review-badge')).toHaveText('1 draft to review');
  await expect(card(page, 'maintenance-hub').getByTestId('review-badge')).toHaveText('1 draft to review');
  await expect(card(page, 'fleet-hub').getByTestId('review-badge')).toHaveCount(0);

  await go(page, '#/runs');
  const panel = page.getByTestId('batch-panel');
  await expect(panel.getByTestId('review-count')).toHaveText('2 drafts wait for review, 0 marked reviewed.');
  await expect(panel.locator('[data-testid="run-row"][data-module-id="fleet-hub"]').getByTestId('run-committed')).toHaveText(/^committed [0-9a-f]{7}$/);
  const commitAll = panel.getByTestId('commit-reviewed-button');
  await expect(commitAll).toBeDisabled();
  await expect(commitAll).toHaveAccessibleDescription(/mark it reviewed first/);

  // Review opens the draft in the module's editor, compared with the document as committed on its branch.
  await panel.getByRole('link', { name: 'Review the draft of drivers-hub As-is analysis' }).click();
  await expect(page).toHaveURL(/#\/module\/drivers-hub\/as-is$/);
  const diff = page.getByTestId('compare-diff');
  await expect(monacoIn(diff, 0).locator('.view-lines')).toContainText('The files this module covers');
  await expect(monacoIn(diff, 1).locator('.view-lines')).toContainText('Drivers Hub');
  await page.getByRole('radio', { name: 'Document', exact: true }).check();
  await go(page, '#/runs');

  // Marked reviewed from the keyboard; only that draft is committed, through the runs' commit path.
  const reviewed = panel.getByRole('checkbox', { name: 'Reviewed: drivers-hub As-is analysis' });
  await reviewed.focus();
  await page.keyboard.press('Space');
  await expect(reviewed).toBeChecked();
  await expect(commitAll).toHaveText('Commit 1 reviewed draft');
  await expect(panel.getByTestId('review-count')).toHaveText('2 drafts wait for review, 1 marked reviewed.');
  await expectNoSeriousA11yViolations(page, 'runs page with drafts to review');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'agent-runs-review', scheme);
  const maintenanceTip = git(repo, ['rev-parse', 'module/maintenance-hub']);
  await commitAll.click();
  await expect(panel.getByTestId('commit-reviewed-result')).toHaveText('1 draft committed, 0 not committed.');
  expect(git(repo, ['log', '-1', '--format=%B', 'module/drivers-hub'])).toContain('Fleet-Run:');
  expect(git(repo, ['show', 'module/drivers-hub:enhancements/drivers-hub/AS_IS_ANALYSIS.md'])).toContain('finding number 12');
  expect(git(repo, ['rev-parse', 'module/maintenance-hub'])).toBe(maintenanceTip);
  await expect(panel.getByTestId('review-count')).toHaveText('1 draft waits for review, 0 marked reviewed.');

  await openBoard(page, server.url);
  await expect(card(page, 'drivers-hub').getByTestId('review-badge')).toHaveCount(0);
  await expect(card(page, 'maintenance-hub').getByTestId('review-badge')).toHaveText('1 draft to review');
  expect(problems()).toEqual([]);
});

test('the offline analyzer drafts a module document from its real files', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await go(page, '#/module/user-management/as-is');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await showModuleTab(page, 'agent');
  await page.getByTestId('draft-with-agent').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel('Provider').selectOption('offline');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('approve-question')).toHaveText(/^1 run, about .+ tokens, about \$0\.00: approve\?$/);
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();
  await expect(dialog).toBeHidden();
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor.locator('.view-lines')).toContainText('user.service.ts', { timeout: 30_000 });
  await expect(page.getByTestId('agent-doc-panel').getByTestId('run-row').first()).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  expect(problems()).toEqual([]);
});

test('"credits exhausted" stops the provider\'s queue with a clear message; a passing connection test clears it', async ({ page }) => {
  provider.script(openAiError(429, 'You have run out of credits for this month', 'insufficient_quota'), openAiError(429, 'You have run out of credits for this month', 'insufficient_quota'));
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  await dialog.getByRole('checkbox', { name: /^Fuel Management/ }).check();
  await dialog.getByRole('checkbox', { name: /^Webhooks/ }).check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('checkbox', { name: 'Test plan' }).check();
  await dialog.getByRole('checkbox', { name: 'As-is analysis' }).uncheck();
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await dialog.getByRole('button', { name: /Approve and start 2 runs/ }).click();

  const panel = page.getByTestId('batch-panel');
  await expect(panel.getByTestId('batch-stop-reason')).toContainText('QUOTA_EXHAUSTED', { timeout: 30_000 });
  await expect(panel.getByTestId('batch-stop-reason')).toContainText('credits');
  await expect(panel.getByTestId('run-message').first()).toContainText('QUOTA_EXHAUSTED');

  await page.getByRole('link', { name: 'Agent settings' }).click();
  await expect(lmstudio(page)).toContainText('Queue stopped: QUOTA_EXHAUSTED');
  await lmstudio(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(lmstudio(page).getByTestId('connection-test')).toContainText('Connection works', { timeout: 30_000 });
  await expect(lmstudio(page)).not.toContainText('Queue stopped');
});

test('an estimate over all 32 modules flags the modules whose patterns match no file', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await expect(dialog.getByLabel('All 32 modules')).toBeChecked();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('estimate-row')).toHaveCount(32);
  const blocked = await dialog.getByTestId('estimate-blocked').count();
  expect(blocked).toBeGreaterThan(0);
  await expect(dialog.getByTestId('approve-question')).toHaveText(new RegExp(`^${32 - blocked} runs, about`));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('the estimate counts every flagged row in its total, and each row\'s notes stand apart from the module id', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  // The offline analyzer runs modules that match no file too (they send no code): flagged, not blocked.
  await dialog.getByLabel('Provider').selectOption('offline');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('estimate-row')).toHaveCount(32);
  const flagged = await dialog.locator('[data-testid="estimate-row"][data-flag]').count();
  const noCode = await dialog.locator('[data-testid="estimate-row"][data-flag="no-code"]').count();
  expect(noCode).toBeGreaterThan(0);
  await expect(dialog.getByTestId('estimate-flagged')).toHaveText(`${flagged} flagged (${noCode} send no code)`);
  // The module id, its tag and its warning are separate lines, not "fleet-hubNo files match…".
  const row = dialog.locator('[data-testid="estimate-row"][data-flag="no-code"]').first();
  const id = (await row.getAttribute('data-module-id'))!;
  const lines = (await row.locator('th').innerText()).split('\n');
  expect(lines[0]).toBe(id);
  expect(lines[1]).toBe('no file matches: sends no code');
  expect(lines.length).toBeGreaterThan(2);
  await expectNoSeriousA11yViolations(page, 'the estimate with flagged rows');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('a provider without a key: the estimate says so, names where to set it, and Approve stays disabled', async ({ page }) => {
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  await dialog.getByRole('checkbox', { name: /^Fleet Hub/ }).check();
  await dialog.getByLabel('Provider').selectOption('openai');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  const refusal = dialog.getByTestId('estimate-cannot-start');
  await expect(refusal).toContainText('OpenAI needs an API key: add it in the provider settings or set OPENAI_API_KEY.');
  await expect(dialog.getByRole('button', { name: 'Approve and start 1 run' })).toBeDisabled();
  await expectNoSeriousA11yViolations(page, 'the estimate without a key');
  await screenshot(page, 'agent-batch-estimate-no-key', 'light');
  await screenshot(page, 'agent-batch-estimate-no-key', 'dark');
  // The way to the key is one click.
  await refusal.getByRole('link', { name: 'Open agent settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agent settings' })).toBeVisible();
});

test('a run whose stream stalls can be cancelled from the run panel; what it wrote stays in the draft', async ({ page }) => {
  const chunk = (content: string) => sseFrame({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'local-model', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  provider.script({ type: 'stream', frames: [chunk('# Webhooks\n\nPartial analysis before the stall.\n'), 'hang'] });
  await openBoard(page, server.url);
  await page.getByTestId('open-batch-dialog').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByLabel(/Selected modules/).check();
  await dialog.getByRole('checkbox', { name: /^Webhooks/ }).check();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();

  const row = page.getByTestId('batch-panel').getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row).toContainText(/\d+ characters/);
  await row.getByRole('button', { name: 'Cancel the run of webhooks As-is analysis' }).click();
  await expect(row).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 });
  await expect(page.getByTestId('batch-state')).not.toHaveText('running');

  await go(page, '#/module/webhooks/as-is');
  await expect(monacoIn(page.getByTestId('markdown-editor')).locator('.view-lines')).toContainText('Partial analysis before the stall.');
});
