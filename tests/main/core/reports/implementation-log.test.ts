// IMPLEMENTATION_LOG.md generated from a module branch's own history, checked against the git CLI: exactly the
// commits of `git log main..module/<id>`, their authors and dates, agent-run trailers, code apart from documents.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FleetApp } from '../../../../src/main/core/app';
import { generateImplementationLog } from '../../../../src/main/core/reports/report-service';
import type { ImplementationLogDraft } from '../../../../src/shared/types-reports';
import { CheckStore } from '../../../../src/main/core/checks/check-store';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { commitOnBranch, initialisedRepo, reportSourcesFor, value, type BranchChange } from './report-fixture';

afterAll(cleanupTempDirs);
const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

const TRAILERS = ['Fleet-Run: 5f3c2a1b-0000-4000-8000-000000000001', 'Fleet-Provider: xai', 'Fleet-Model: grok-4', 'Fleet-Prompt-Hash: sha256:abc', 'Fleet-Tokens: in=1200 out=800', 'Fleet-Cost: 0.012300 USD', 'Fleet-Edited: yes'].join('\n');

const CHANGES: BranchChange[] = [
  { files: { 'src/fleet/FleetPage.tsx': 'export const page = 1;\n' }, message: 'Fleet page: list vehicles', author: 'Ada Lovelace|ada@example.com', date: '2026-02-01T09:15:00Z' },
  { files: { 'src/fleet/FleetMap.tsx': 'export {}\n', 'enhancements/fleet-hub/TEST_PLAN.md': '# Plan\n' }, message: 'Fleet map and its test plan', author: 'Grace Hopper|grace@example.com', date: '2026-02-02T14:30:00Z' },
  { files: { 'enhancements/fleet-hub/AS_IS_ANALYSIS.md': '# As-is\n\nReal text.\n' }, message: `Fleet Hub: as-is drafted by xai/grok-4\n\n${TRAILERS}`, author: 'Ada Lovelace|ada@example.com', date: '2026-02-03T08:00:00Z' },
];

/** The short commit ids the log lists, in its order. */
function listedCommits(content: string): string[] {
  return [...content.matchAll(/^### `([0-9a-f]{7})`/gm)].map((m) => m[1]!);
}

describe('implementation log from history', () => {
  it('lists exactly the commits of git log main..module, with authors, dates, files and run provenance', async () => {
    const repo = await initialisedRepo(apps);
    commitOnBranch(repo, 'module/fleet-hub', CHANGES);
    git(repo.dir, 'commit', '-q', '--allow-empty', '-m', 'base moves on'); // main moves: its commits are not the module's
    const tipBefore = git(repo.dir, 'rev-parse', 'module/fleet-hub');

    const draft = value<ImplementationLogDraft>(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' }));

    const expected = git(repo.dir, 'log', '--format=%h', '--abbrev=7', 'main..module/fleet-hub').split('\n');
    expect(expected).toHaveLength(4); // the init commit of the documents and the three above
    expect(listedCommits(draft.content)).toEqual(expected);
    expect(draft.commits).toBe(4);
    for (const line of git(repo.dir, 'log', '--format=%an|%ae|%aI', 'main..module/fleet-hub').split('\n')) {
      const [name, email, date] = line.split('|');
      const when = new Date(date!).toISOString();
      expect(draft.content).toContain(`${when.slice(0, 10)} ${when.slice(11, 16)} UTC by ${name} \`<${email}>\``);
    }
    expect(draft.content).toContain('- Agent run `5f3c2a1b` with `xai/grok-4`: tokens in=1200 out=800, $0.0123, edited before commit');
    const mapCommit = git(repo.dir, 'log', '--format=%h', '--abbrev=7', '-1', '--grep=Fleet map', 'module/fleet-hub');
    const mapSection = draft.content.slice(draft.content.indexOf(`### \`${mapCommit}\``)).split('\n### ')[0]!;
    expect(mapSection).toContain('- Code (1): `src/fleet/FleetMap.tsx` (added)');
    expect(mapSection).toContain('- Documents (1): `enhancements/fleet-hub/TEST_PLAN.md`');
    expect(draft.content).toContain('No check has run on this branch yet.');
    expect(draft.content).toMatch(/^---\nmodule: fleet-hub\ndocument: implementation-log\napproved: false\n---\n\n# Fleet Hub: Implementation Log\n\n## Changes\n/);

    // A draft for review, nothing committed.
    expect(value<{ content: string }>(await repo.call('getDraft', { moduleId: 'fleet-hub', kind: 'implementation-log' })).content).toBe(draft.content);
    expect(git(repo.dir, 'rev-parse', 'module/fleet-hub')).toBe(tipBefore);
  });

  it('keeps what the user wrote outside the generated section when it is generated again', async () => {
    const repo = await initialisedRepo(apps);
    const first = value<ImplementationLogDraft>(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' }));
    const edited = first.content.replace('_Your own notes', 'We chose a map library after a spike.\n\n_Your own notes');
    value(await repo.call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: first.baseTip!, changes: [{ kind: 'implementation-log', content: edited }], message: 'Log with notes' }));
    commitOnBranch(repo, 'module/fleet-hub', [CHANGES[0]!]);

    const second = value<ImplementationLogDraft>(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' }));
    expect(second.keptUserText).toBe(true);
    expect(second.content).toContain('We chose a map library after a spike.');
    expect(listedCommits(second.content)).toEqual(git(repo.dir, 'log', '--format=%h', '--abbrev=7', 'main..module/fleet-hub').split('\n'));
    expect(second.content.match(/fleet-control:generated:start/g)).toHaveLength(1);
    expect(second.baseTip).toBe(git(repo.dir, 'rev-parse', 'module/fleet-hub'));
  });

  it('states the latest check and says when the branch moved past it', async () => {
    const repo = await initialisedRepo(apps);
    const tip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
    const check = { moduleId: 'fleet-hub', state: 'failed' as const, commit: tip, command: 'npm test', startedAt: '2026-11-20T08:00:00.000Z', durationMs: 12_345, exitCode: 1 };
    const sources = await reportSourcesFor(repo, { checks: [check] });
    const current = await generateImplementationLog(sources, 'fleet-hub');
    expect(current.content).toContain(`Failed on \`${tip.slice(0, 7)}\` (\`npm test\`, 12.3 s, exit code 1, 2026-11-20 08:00 UTC).`);
    expect(current.content).not.toContain('The branch has moved since');

    commitOnBranch(repo, 'module/fleet-hub', [CHANGES[0]!]);
    const stale = await generateImplementationLog(await reportSourcesFor(repo, { checks: [check] }), 'fleet-hub');
    expect(stale.content).toContain('The branch has moved since: run the check again for a current result.');
  });

  it('reads the latest check from the check store of the workspace', async () => {
    const repo = await initialisedRepo(apps);
    const tip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
    const store = CheckStore.forWorkspace(repo.appDataDir, repo.dir);
    await store.save({ moduleId: 'fleet-hub', state: 'passed', commit: tip, command: 'npm test', startedAt: '2026-11-21T07:00:00.000Z', durationMs: 4200, exitCode: 0 }, 'ok\n');
    const draft = value<ImplementationLogDraft>(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' }));
    expect(draft.content).toContain(`Passed on \`${tip.slice(0, 7)}\` (\`npm test\`, 4.2 s, 2026-11-21 07:00 UTC).`);
  });

  it('refuses a log committed as a binary file, writing no draft', async () => {
    const repo = await initialisedRepo(apps);
    commitOnBranch(repo, 'module/fleet-hub', [{ files: { 'enhancements/fleet-hub/IMPLEMENTATION_LOG.md': '\u0000\u0001binary\u0000' }, message: 'binary log' }]);
    expect(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('IMPLEMENTATION_LOG.md is not text') },
    });
    expect(value<unknown[]>(await repo.call('listDrafts', {}))).toEqual([]);
  });

  it('refuses a module branch deleted outside the app, and an unknown module, writing no draft', async () => {
    const repo = await initialisedRepo(apps);
    git(repo.dir, 'branch', '-D', 'module/fleet-hub');
    expect(await repo.call('generateImplementationLog', { moduleId: 'fleet-hub' })).toMatchObject({
      ok: false,
      error: { code: 'MODULE_BRANCH_MISSING', message: expect.stringContaining('module/fleet-hub') },
    });
    expect(await repo.call('generateImplementationLog', { moduleId: 'no-such-module' })).toMatchObject({ ok: false, error: { code: 'MODULE_NOT_FOUND' } });
    expect(await repo.call('generateImplementationLog', { moduleId: '../x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value<unknown[]>(await repo.call('listDrafts', {}))).toEqual([]);
  });
});
