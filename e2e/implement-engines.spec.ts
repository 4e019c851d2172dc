// Agent CLIs as engines end to end: the browser host is started with a stand-in `claude` on its PATH (a node script
// replaying Claude Code's stream-json and really editing the file). The settings' Engines section lists it found with
// its version and the other CLIs missing with their install hints, a stored key mapped to it and removed, and the
// custom engine's template checked as typed; the Implement dialog picks Claude Code (missing engines disabled with
// their reason), the custom engine asks for a time cap; the run is watched, reviewed and accepted, and the commit is
// checked with git. Screenshots of the engines settings and the dialog in both themes, axe on each screen.

import { expect, test, type Page } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { initWithCli, startServer, type FleetServer } from './support/fleet-server';
import { makeFleetRepo, removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, go, openBoard, screenshot } from './support/page';
import { watchConsole } from './support/editor';
import { STAND_IN_VERSION, standInClaude } from './support/stand-in-claude';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;
let startTip: string;
let claude: ReturnType<typeof standInClaude>;

const TO_BE = `---
module: fleet-hub
document: to-be
approved: 2026-12-03 by e2e
---

# Fleet Hub: To-Be Design

## Changes

The fleet page renders a FleetSummary component.
`;

const PAGE_PATH = 'web/src/pages/FleetPage.tsx';
const OLD_BODY = '  return null;\n';
const NEW_BODY = '  return FleetSummary();\n';

test.beforeAll(async () => {
  claude = standInClaude({ path: PAGE_PATH, oldText: OLD_BODY, newText: NEW_BODY });
  repo = makeFleetRepo();
  await initWithCli(repo);
  startTip = commitFileToBranch(repo, 'module/fleet-hub', 'enhancements/fleet-hub/TO_BE_DESIGN.md', TO_BE, 'test: an approved TO-BE design');
  // The stand-in first on the PATH the browser host (and so the launcher) starts with; no real CLI is on this machine.
  server = await startServer(repo, { PATH: `${claude.bin}:${process.env.PATH}` });
});

test.afterAll(async () => {
  await server?.close();
  claude?.remove();
  removeTempDirs();
});

const engineCard = (page: Page, id: string) => page.locator(`[data-testid="engine-card"][data-engine-id="${id}"]`);

test('the Engines settings list Claude Code found with its version, the missing CLIs with their install hints, a key mapping and the custom template', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await go(page, '#/settings/agents');
  const engines = page.getByTestId('engine-settings');
  await expect(engines.getByRole('heading', { name: 'Engines' })).toBeVisible();

  const cc = engineCard(page, 'claude-code');
  await expect(cc.getByTestId('engine-state')).toHaveText('found');
  await expect(cc.getByTestId('engine-found')).toContainText(`${claude.bin}/claude`);
  await expect(cc.getByTestId('engine-version')).toHaveText(STAND_IN_VERSION);
  await expect(cc.getByTestId('engine-cost')).toContainText('Reports cost');
  await expect(cc.getByTestId('engine-enforces')).not.toBeEmpty();
  await expect(cc.getByTestId('engine-cannot')).not.toBeEmpty();

  const codex = engineCard(page, 'codex');
  await expect(codex.getByTestId('engine-state')).toHaveText('not available');
  await expect(codex.getByTestId('engine-problem')).toContainText('codex');
  await expect(codex.getByTestId('engine-install')).toContainText('npm install -g @openai/codex');
  await expect(codex.getByRole('button', { name: 'Copy the install command of Codex' })).toBeVisible();
  await expect(engineCard(page, 'builtin').getByTestId('engine-state')).toHaveText('ready');

  // A stored key given to Claude Code explicitly, then taken back; both survive a reload as saved.
  const anthropic = page.locator('[data-testid="provider-card"][data-provider-id="anthropic"]');
  await anthropic.getByLabel('API key').fill('sk-ant-e2e-not-a-real-key');
  await anthropic.getByRole('button', { name: 'Set key' }).click();
  await expect(anthropic.getByTestId('key-source')).toHaveText('Key set');
  await expect(cc.getByText('Claude Code gets no Fleet Control key')).toBeVisible();
  await cc.getByLabel('Stored key to give').selectOption('anthropic');
  await expect(cc.getByLabel('As the variable')).toHaveValue('ANTHROPIC_API_KEY');
  await expect(cc.getByText('Given to Claude Code as ANTHROPIC_API_KEY, and to no other engine.')).toBeVisible();
  await cc.getByRole('button', { name: 'Give this key to Claude Code' }).click();
  await expect(cc.getByTestId('engine-key-given')).toContainText('is given to Claude Code as ANTHROPIC_API_KEY');
  await page.reload();
  await expect(engineCard(page, 'claude-code').getByTestId('engine-key-given')).toContainText('ANTHROPIC_API_KEY');
  await engineCard(page, 'claude-code').getByRole('button', { name: 'Stop giving a key to Claude Code' }).click();
  await expect(engineCard(page, 'claude-code').getByTestId('engine-key-given')).toHaveCount(0);
  await page.reload();
  await expect(engineCard(page, 'claude-code').getByText('Claude Code gets no Fleet Control key')).toBeVisible();

  // The custom engine's template: checked as typed, saved, and the engine becomes ready.
  const custom = engineCard(page, 'custom');
  const template = custom.getByLabel('Command template');
  await template.fill('my-agent --cwd {workdir} --out {output}');
  await expect(custom.getByTestId('template-problem')).toHaveText('{output} is not a placeholder: use {prompt_file}, {workdir} or {model}.');
  await expect(custom.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await template.fill('my-agent --cwd {workdir} --model {model}');
  await expect(custom.getByTestId('template-problem')).toHaveText('The template must contain {prompt_file}, or the agent gets no task.');
  await template.fill('cat {prompt_file}');
  await expect(custom.getByTestId('template-problem')).toHaveText('');
  await custom.getByRole('button', { name: 'Save template' }).click();
  await expect(custom.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(custom.getByTestId('engine-state')).toHaveText('ready');
  await expect(custom.getByTestId('engine-cost')).toContainText('Cost unknown');

  // Re-detect asks main to look on PATH again; the answer is the same machine.
  await engines.getByRole('button', { name: 'Re-detect' }).click();
  await expect(engines.getByRole('button', { name: 'Re-detect' })).toBeEnabled();
  await expect(engineCard(page, 'claude-code').getByTestId('engine-version')).toHaveText(STAND_IN_VERSION);

  await expectNoSeriousA11yViolations(page, 'engines settings');
  await engines.scrollIntoViewIfNeeded();
  await screenshotOf(page, 'engine-settings');
  expect(problems()).toEqual([]);
});

/** The engines section alone, light and dark (the page above it is covered by implement.spec's screenshots). */
async function screenshotOf(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, name, scheme, page.getByTestId('engine-settings'));
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Claude Code is chosen in the Implement dialog, runs, is reviewed and accepted; the commit is checked with git', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);

  // The board's batch dialog offers the same engines.
  await page.getByTestId('open-implement-dialog').click();
  const dialog = page.getByTestId('implement-dialog');
  await expect(dialog.getByRole('radio', { name: 'Claude Code' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  await go(page, '#/module/fleet-hub');
  // The Implement shortcut works whichever side-panel tab is shown: its panel only needs to be on the page.
  await expect(page.getByTestId('module-implement')).toBeAttached();
  await page.keyboard.press('i');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Built-in loop' })).toBeChecked();
  // A missing CLI is offered disabled, its reason beside it.
  const codex = dialog.locator('[data-testid="engine-option"][data-engine-id="codex"]');
  await expect(codex.getByRole('radio')).toBeDisabled();
  await expect(codex).toContainText('codex is not on PATH');

  // The custom engine reports no cost: the time cap is required (main refuses an estimate without one and the field
  // takes the focus), the estimate says cost unknown, and Approve waits while the cap is empty.
  await dialog.getByRole('radio', { name: 'Custom command' }).check();
  const cap = dialog.getByLabel('Time cap (minutes, required)');
  await expect(cap).toBeVisible();
  await expect(dialog.getByTestId('engine-budget-note')).toContainText('Custom command reports no cost');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByRole('alert')).toContainText('TIME_CAP_REQUIRED');
  await expect(cap).toBeFocused();
  await page.keyboard.type('5');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('implement-estimate')).toHaveAttribute('data-cost-known', 'false');
  await expect(dialog.getByTestId('implement-estimate-total')).toHaveText('cost unknown');
  await expect(dialog.getByTestId('implement-approve-question')).toHaveText('1 run with Custom command, cost unknown, at most 5 minutes: approve?');
  await expect(dialog.getByTestId('implement-approve')).toBeEnabled();
  await dialog.getByLabel('Time cap (minutes, required)').fill('');
  await expect(dialog.getByTestId('implement-approve-question')).toHaveText('1 run, cost unknown: give a time cap to approve.');
  await expect(dialog.getByTestId('implement-approve')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Change' }).click();

  // Claude Code, by keyboard: it reports cost, so the dialog says it may overshoot by one call.
  await dialog.getByRole('radio', { name: 'Claude Code' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('radio', { name: 'Claude Code' })).toBeChecked();
  await expect(dialog.getByTestId('engine-budget-note')).toContainText('may overshoot the budget by at most one call');
  await expect(dialog.getByLabel('Time cap (minutes, optional)')).toBeVisible();
  await dialog.getByLabel('Model (optional)').fill('claude-stand-in');
  await dialog.getByLabel('Time cap (minutes, optional)').fill('');
  await expectNoSeriousA11yViolations(page, 'implement dialog with the engine choice');
  for (const scheme of ['light', 'dark'] as const) await screenshot(page, 'implement-engine-dialog', scheme, dialog);
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('implement-estimate-row')).toHaveCount(1);
  await expect(dialog.getByTestId('implement-estimate')).toHaveAttribute('data-cost-known', 'true');
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();

  // The run: the engine and its version, the Edit in the transcript, the unreadable line as a warning, the cost reported.
  const run = page.getByTestId('run-view');
  await expect(page.getByTestId('changes-page')).toBeVisible();
  await expect(run.getByTestId('run-engine')).toHaveText(`Claude Code ${STAND_IN_VERSION}`);
  await expect(run).toHaveAttribute('data-state', 'review', { timeout: 30_000 });
  await expect(run.locator('[data-testid="entry"][data-tool="Edit"]')).toHaveAttribute('data-ok', 'true');
  await expect(run.locator('[data-testid="entry"][data-type="notice"][data-level="warning"]').filter({ hasText: 'this line is not stream-json' })).toContainText('Warning');
  await expect(run.getByTestId('run-cost')).toHaveText('$0.04');
  await expect(run.getByTestId('run-budget-note')).toContainText('may overshoot its budget by at most one model call');
  const files = run.getByTestId('changed-file');
  await expect(files).toHaveCount(1);
  await expect(files).toContainText(PAGE_PATH);
  await expectNoSeriousA11yViolations(page, 'a Claude Code run in review');

  await run.getByLabel('Commit message').fill('fleet-hub: the fleet page renders the summary (Claude Code)');
  await run.getByRole('button', { name: 'Accept and commit 1 file' }).click();
  await expect(run.getByTestId('run-committed')).toBeVisible({ timeout: 15_000 });

  // The commit, checked with git: on the start tip, the one edit, the engine in its trailers; the user's tree untouched.
  const commit = git(repo, ['rev-parse', 'module/fleet-hub']);
  expect(git(repo, ['rev-parse', `${commit}^`])).toBe(startTip);
  expect(git(repo, ['show', '--format=', '--name-status', commit])).toBe(`M\t${PAGE_PATH}`);
  expect(git(repo, ['show', `${commit}:${PAGE_PATH}`])).toContain(NEW_BODY);
  const message = git(repo, ['log', '-1', '--format=%B', commit]);
  expect(message).toMatch(/^fleet-hub: the fleet page renders the summary \(Claude Code\)/);
  expect(message).toContain('Fleet-Engine: claude-code');
  expect(git(repo, ['status', '--porcelain'])).toBe('');

  await go(page, '#/');
  await expect(card(page, 'fleet-hub').getByTestId('implementation-status')).toHaveAttribute('data-status', 'committed');
  expect(problems()).toEqual([]);
});
