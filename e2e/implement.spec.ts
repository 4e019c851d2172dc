// Implementation runs end to end: a module implemented by the built-in agent loop against a loopback
// OpenAI-compatible server scripted with tool calls (read, edit + two writes in one turn, run_check, finish), its
// transcript watched live, the diff reviewed and edited, one file dropped, the change accepted, and the commit
// checked with git (tree, parent, trailers, the user's working tree untouched); the board, the branch view, the
// file viewer and the summary report then show the module as implemented. The settings form and axe too.

import { expect, test } from '@playwright/test';
import { commitFileToBranch, git } from './support/git';
import { serveInitialisedRepo, type FleetServer } from './support/fleet-server';
import { removeTempDirs } from './support/repo';
import { card, expectNoSeriousA11yViolations, go, openBoard, screenshot, showModuleTab } from './support/page';
import { appendEditorText, monacoIn, watchConsole } from './support/editor';
import { pausedBeforeEnd } from './support/tool-turns';
import { call, openAiToolTurn, startProviderServer, type ProviderServer } from '../tests/helpers/provider-servers';

test.describe.configure({ mode: 'serial' });

let repo: string;
let server: FleetServer;
let provider: ProviderServer;
let startTip: string;

const TO_BE = `---
module: fleet-hub
document: to-be
approved: 2026-12-03 by e2e
---

# Fleet Hub: To-Be Design

## Changes

The fleet page renders a FleetSummary component (web/src/pages/FleetSummary.tsx).
`;

/** The module's check, a command alone (a script on the branch would already be code): passes once the page renders the summary. */
const CHECK = 'grep -q FleetSummary web/src/pages/FleetPage.tsx && echo "FleetPage renders FleetSummary"';

const NEW_PAGE = "import { FleetSummary } from './FleetSummary';\n\nexport function FleetPage() {\n  return FleetSummary();\n}\n";

test.beforeAll(async () => {
  ({ repo, server } = await serveInitialisedRepo());
  startTip = commitFileToBranch(repo, 'module/fleet-hub', 'enhancements/fleet-hub/TO_BE_DESIGN.md', TO_BE, 'test: an approved TO-BE design');
  provider = await startProviderServer();
});

test.afterAll(async () => {
  await provider?.close();
  await server?.close();
  removeTempDirs();
});

test('the agent settings page points LM Studio at the loopback server and keeps the implementation limits and allow-list', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  await go(page, '#/settings/agents');
  const lmstudio = page.locator('[data-testid="provider-card"][data-provider-id="lmstudio"]');
  await lmstudio.getByLabel('Base URL').fill(provider.baseUrl);
  await lmstudio.getByRole('button', { name: 'Save provider' }).click();

  const form = page.getByTestId('implement-settings');
  await expect(form.getByLabel('Repair rounds')).toHaveValue(/\d+/);
  await expect(form.getByTestId('working-copy-usage')).toContainText('0 working copies');
  await form.getByLabel('Turns per run').fill('0');
  await expect(form.getByText('A whole number from 1 to 500.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByLabel('Turns per run').fill('12');
  await expect(form.getByText('These commands run on this machine')).toBeVisible();
  await form.getByRole('button', { name: 'Add a command' }).click();
  await form.getByRole('textbox', { name: 'Allowed command 1' }).fill('npm test');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('implement-settings').getByLabel('Turns per run')).toHaveValue('12');
  await expect(page.getByTestId('implement-settings').getByRole('textbox', { name: 'Allowed command 1' })).toHaveValue('npm test');
  await expectNoSeriousA11yViolations(page, 'agent settings with implementation settings');
  expect(problems()).toEqual([]);
});

test('a module is implemented, watched live, reviewed, trimmed, accepted and committed; the board and reports follow', async ({ page }) => {
  const problems = watchConsole(page);
  await openBoard(page, server.url);
  const bar = page.getByTestId('checks-bar');
  await bar.getByRole('button', { name: 'Set a check command' }).click();
  await page.getByLabel('Command').fill(CHECK);
  await page.getByLabel('Time limit (seconds)').fill('60');
  await page.getByRole('button', { name: 'Save and commit' }).click();
  await expect(page.getByTestId('checks-command-summary')).toHaveText(`${CHECK} · time limit 60 s`);
  await expect(card(page, 'fleet-hub').getByTestId('implementation-status')).toHaveAttribute('data-status', 'not-started');

  provider.reset();
  provider.script(
    openAiToolTurn({ model: 'local-model', reasoning: 'The TO-BE asks for a summary on the fleet page.', text: 'Reading the page first.', toolCalls: [call('read_file', { path: 'web/src/pages/FleetPage.tsx' })] }),
    openAiToolTurn({
      model: 'local-model',
      toolCalls: [
        call('edit_file', { path: 'web/src/pages/FleetPage.tsx', old_text: 'export function FleetPage() {\n  return null;\n}\n', new_text: NEW_PAGE }),
        call('write_file', { path: 'web/src/pages/FleetSummary.tsx', content: 'export function FleetSummary() {\n  return null;\n}\n' }),
        call('write_file', { path: 'web/src/pages/notes.txt', content: 'scratch notes\n' }),
      ],
    }),
    pausedBeforeEnd(openAiToolTurn({ model: 'local-model', toolCalls: [call('run_check', {})] }), 1500),
    openAiToolTurn({ model: 'local-model', toolCalls: [call('finish', { summary: 'The fleet page renders the fleet summary.' })] }),
  );

  // The module page's Implement (I): estimate as a range, approval, then its Changes view on the new run.
  await go(page, '#/module/fleet-hub');
  await showModuleTab(page, 'implementation');
  await expect(page.getByTestId('module-implement')).toBeVisible();
  await page.keyboard.press('i');
  const dialog = page.getByTestId('implement-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Provider').selectOption('lmstudio');
  await dialog.getByLabel('Instruction for the agent (optional)').fill('Keep the component small.');
  await dialog.getByRole('button', { name: 'Estimate' }).click();
  await expect(dialog.getByTestId('implement-estimate-row')).toHaveCount(1);
  await expect(dialog.getByTestId('implement-blocked')).toHaveCount(0);
  await expect(dialog.getByTestId('implement-approve-question')).toHaveText(/^1 run, up to \d+ turns, about \$\S+: approve\?$/);
  await expectNoSeriousA11yViolations(page, 'implement dialog with its estimate');
  await dialog.getByRole('button', { name: 'Approve and start 1 run' }).click();

  const run = page.getByTestId('run-view');
  await expect(page.getByTestId('changes-page')).toBeVisible();
  // Live: the edit is in the transcript while the run still works (the last turns wait on purpose).
  await expect(run.locator('[data-testid="entry"][data-tool="edit_file"]')).toBeVisible({ timeout: 20_000 });
  await expect(run.getByTestId('run-cancel')).toBeVisible();
  await expect(run.getByTestId('live-files')).toContainText('web/src/pages/FleetSummary.tsx');
  await expect(run).toHaveAttribute('data-state', 'review', { timeout: 20_000 });
  await expect(run.locator('[data-testid="entry"][data-type="check"]').first()).toHaveAttribute('data-state', 'passed');
  await expect(run.getByTestId('run-check')).toHaveAttribute('data-state', 'passed');
  await expect(run.getByTestId('run-summary')).toContainText('renders the fleet summary');
  // The first turn's reasoning is folded under its text.
  await expect(run.locator('[data-testid="entry"][data-type="model"]').first().locator('details summary')).toHaveText('Reasoning');

  // Review: three files; the page's diff against the start tip, its right side edited and saved.
  const files = run.getByTestId('changed-file');
  await expect(files).toHaveCount(3);
  await files.filter({ hasText: 'FleetPage.tsx' }).locator('.changed-file-open').click();
  const diff = run.getByTestId('run-file-diff');
  await expect(diff).toHaveAttribute('data-path', 'web/src/pages/FleetPage.tsx');
  await expect(monacoIn(diff, 1).locator('.view-lines')).toContainText('FleetSummary()');
  await appendEditorText(page, monacoIn(diff, 1), '// reviewed by a person\n');
  await expect(diff.getByTestId('code-diff-status')).toHaveText('Unsaved edits');
  await page.keyboard.press('Control+S');
  await expect(files.filter({ hasText: 'FleetPage.tsx' })).toContainText('edited by you');
  await expectNoSeriousA11yViolations(page, 'run review');
  await screenshot(page, 'implement-review', 'light');
  await screenshot(page, 'implement-review', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Drop the scratch file (after confirming).
  await files.filter({ hasText: 'notes.txt' }).getByTestId('drop-file').click();
  await files.filter({ hasText: 'notes.txt' }).getByTestId('drop-confirm').click();
  await expect(files).toHaveCount(2);
  await expect(run.getByTestId('file-dropped')).toContainText('notes.txt');

  await run.getByLabel('Commit message').fill('fleet-hub: render the fleet summary');
  await run.getByRole('button', { name: 'Accept and commit 2 files' }).click();
  await expect(run.getByTestId('run-committed')).toBeVisible({ timeout: 15_000 });
  const commit = git(repo, ['rev-parse', 'module/fleet-hub']);
  await expect(run.getByTestId('run-committed')).toContainText(commit.slice(0, 7));

  // The commit, checked with git: the start tip as parent, the edits (the user's included), no dropped file, trailers.
  expect(git(repo, ['rev-parse', `${commit}^`])).toBe(startTip);
  expect(git(repo, ['show', '--format=', '--name-status', commit]).split('\n').sort()).toEqual(['A\tweb/src/pages/FleetSummary.tsx', 'M\tweb/src/pages/FleetPage.tsx']);
  expect(git(repo, ['show', `${commit}:web/src/pages/FleetPage.tsx`])).toContain('// reviewed by a person');
  const message = git(repo, ['log', '-1', '--format=%B', commit]);
  expect(message).toMatch(/^fleet-hub: render the fleet summary/);
  expect(message).toMatch(/Fleet-Run: \S+/);
  expect(message).toContain('Fleet-Engine: builtin');
  expect(message).toContain('Fleet-Provider: lmstudio');
  expect(message).toContain('Fleet-Model: local-model');
  expect(message).toContain('Fleet-Turns: 4');
  expect(message).toContain('Fleet-Check: passed');
  expect(message).toContain('Fleet-Edited: yes');
  expect(git(repo, ['status', '--porcelain'])).toBe('');
  await expect(run.getByTestId('run-state')).toHaveText('committed');

  // The branch against the base: code changed, the commit with its trailers.
  await page.getByTestId('changes-tab-branch').click();
  const branch = page.getByTestId('branch-changes');
  await expect(branch).toHaveAttribute('data-code-changed', 'true');
  await expect(branch.getByTestId('documents-only')).toHaveCount(0);
  await expect(branch.locator('[data-testid="changed-file"][data-path="web/src/pages/FleetSummary.tsx"]')).toContainText('code');
  await expect(branch.locator(`[data-testid="branch-commit"][data-oid="${commit}"]`)).toContainText('Fleet-Run');
  await branch.locator('[data-testid="changed-file"][data-path="web/src/pages/FleetPage.tsx"]').getByRole('button').first().click();
  await expect(monacoIn(branch.getByTestId('branch-file-diff'), 1).locator('.view-lines')).toContainText('FleetSummary()');
  await expectNoSeriousA11yViolations(page, 'branch against the base');

  // A module file opens read-only at the branch tip.
  await go(page, '#/module/fleet-hub');
  await showModuleTab(page, 'files');
  await page.getByTestId('file-list').getByRole('button', { name: 'web/src/pages/FleetPage.tsx' }).click();
  await expect(page.getByTestId('code-viewer').locator('.view-lines')).toContainText('// reviewed by a person');

  // The board: committed, and code (not documents only) on the branch.
  await go(page, '#/');
  await expect(card(page, 'fleet-hub').getByTestId('implementation-status')).toHaveAttribute('data-status', 'committed');
  await expect(card(page, 'fleet-hub').getByTestId('documents-only-chip')).toHaveCount(0);
  await expect(card(page, 'drivers-hub').getByTestId('implementation-status')).toHaveAttribute('data-status', 'not-started');

  // The summary report counts the module's code.
  await go(page, '#/workspace-docs/FLEET_ENHANCEMENT_SUMMARY.md');
  await page.getByRole('button', { name: 'Generate FLEET_ENHANCEMENT_SUMMARY.md' }).click();
  const editor = monacoIn(page.getByTestId('markdown-editor'));
  await expect(editor).toContainText('Implemented: 1 of 32 modules change code on their branch');
  await expect(editor).toContainText(/Fleet\sHub\s\(`fleet-hub`\)\s\|\s[^|]+\|\scode\schanged\s\|/);
  expect(problems()).toEqual([]);
});
