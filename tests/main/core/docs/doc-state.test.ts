import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createFleetApp, type FleetApp } from '../../../../src/main/core/app';
import { createDispatcher, type ContractDispatcher } from '../../../../src/main/api';
import { cleanupTempDirs, commitFiles, git, initRepo, makeTempDir } from '../../../helpers/git';

afterAll(cleanupTempDirs);

let dir: string;
let app: FleetApp;
let call: ContractDispatcher['call'];
const AS_IS = 'enhancements/fleet-hub/AS_IS_ANALYSIS.md';

beforeEach(async () => {
  dir = initRepo();
  commitFiles(dir, { 'README.md': '# app\n', 'web/src/pages/FleetPage.tsx': 'export {}\n' }, 'first');
  app = createFleetApp({ appDataDir: makeTempDir('fleet-appdata-'), transport: 'browser', version: 't', watch: false, log: () => undefined });
  await app.openWorkspace(dir);
  await app.initWorkspace({});
  const dispatcher = createDispatcher(app.handlers, () => undefined);
  call = (m, i) => dispatcher.call(m, i);
});
afterEach(async () => app.dispose());

/** Commits `change(template)` as the fleet-hub as-is with the git CLI, in a passing worktree of the module branch. */
function commitAsIs(change: (template: string) => string): void {
  const wt = join(makeTempDir(), 'wt');
  git(dir, 'worktree', 'add', '-q', wt, 'module/fleet-hub');
  const template = git(dir, 'show', `module/fleet-hub:${AS_IS}`) + '\n';
  commitFiles(wt, { [AS_IS]: change(template) }, 'edit as-is');
  // A branch checked out in a working tree takes no commit from the app (BRANCH_CHECKED_OUT).
  git(dir, 'worktree', 'remove', wt);
}

async function asIsState(): Promise<string> {
  const board = await call('getBoard', {});
  if (!board.ok) throw new Error(JSON.stringify(board.error));
  const card = (board.value as { modules: Array<{ id: string; docs: Array<{ kind: string; state: string }> }> }).modules.find((m) => m.id === 'fleet-hub')!;
  const read = await call('readDocument', { moduleId: 'fleet-hub', kind: 'as-is' });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const state = card.docs.find((d) => d.kind === 'as-is')!.state;
  expect((read.value as { state: string }).state).toBe(state);
  return state;
}

describe('the written state needs real content', () => {
  it('keeps a template with two added lines a template', async () => {
    commitAsIs((t) => `${t}\nThe fleet page lists vehicles.\nIt has a status filter.\n`);
    expect(await asIsState()).toBe('template');
  });

  it('counts every section filled as written, placeholders kept', async () => {
    commitAsIs((t) => t.replace(/^(_.*_)$/gm, '$1\n\nFleetPage.tsx shows the vehicles.'));
    expect(await asIsState()).toBe('written');
  });

  it('counts a document whose placeholders are gone and that says something as written', async () => {
    commitAsIs((t) => t.replace(/^_.*_$/gm, '').replace('## Scope', '## Scope\n\nOnly web/src/pages/FleetPage.tsx, an empty page.'));
    expect(await asIsState()).toBe('written');
  });

  it('keeps headings without text a template, placeholders gone or not', async () => {
    commitAsIs((t) => t.replace(/^_.*_$/gm, '').concat('\n### Notes\n\n<!-- later -->\n'));
    expect(await asIsState()).toBe('template');
  });

  it('shows an approved template as a template and refuses to approve one, leaving the branch where it was', async () => {
    commitAsIs((t) => t.replace('approved: false', 'approved: 2026-12-01 by Maya').concat('\nOne line.\n'));
    expect(await asIsState()).toBe('template');
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const refused = await call('approveDocument', { moduleId: 'fleet-hub', kind: 'to-be', expectedTip: tip, approved: true });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('DOC_NOT_WRITTEN');
    expect(!refused.ok && refused.error.message).toContain('enhancements/fleet-hub/TO_BE_DESIGN.md');
    expect(git(dir, 'rev-parse', 'module/fleet-hub')).toBe(tip);
  });

  it('approves a written document and withdraws approval of any', async () => {
    commitAsIs((t) => t.replace(/^_.*_$/gm, 'Real analysis of FleetPage.tsx.'));
    const tip = git(dir, 'rev-parse', 'module/fleet-hub');
    const approved = await call('approveDocument', { moduleId: 'fleet-hub', kind: 'as-is', expectedTip: tip, approved: true });
    if (!approved.ok) throw new Error(JSON.stringify(approved.error));
    expect(await asIsState()).toBe('approved');
    const withdrawn = await call('approveDocument', { moduleId: 'fleet-hub', kind: 'to-be', expectedTip: git(dir, 'rev-parse', 'module/fleet-hub'), approved: false });
    expect(withdrawn.ok).toBe(true);
  });
});
