// FLEET_ENHANCEMENT_SUMMARY.md and MERGE_STRATEGY.md generated from the workspace's state into drafts on the
// workspace branch's documents: the summary's numbers are the board's, and nothing is committed until the user does.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FleetApp } from '../../../../src/main/core/app';
import { forecastMerges } from '../../../../src/main/core/merge/forecast';
import { exportHtmlReport, generateWorkspaceReport } from '../../../../src/main/core/reports/report-service';
import { PHASE_TITLES } from '../../../../src/main/core/reports/workspace-facts';
import { PHASES } from '../../../../src/shared/documents';
import type { BoardState, JobFinished } from '../../../../src/shared/types';
import type { MergeForecast } from '../../../../src/shared/types-merge';
import type { WorkspaceReportDraft } from '../../../../src/shared/types-reports';
import { cleanupTempDirs, git } from '../../../helpers/git';
import { commitOnBranch, initialisedRepo, reportSourcesFor, runRecord, value, type ReportRepo } from './report-fixture';
import { spawnSync } from 'node:child_process';
import { GIT_ENV } from '../../../helpers/git';

afterAll(cleanupTempDirs);
const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

const noProgress = () => undefined;

/** Writes a real as-is and to-be for fleet-hub (it moves to Implementation) through the app. */
async function writeSomeDocuments(repo: ReportRepo): Promise<void> {
  const tip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
  value(await repo.call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: tip, changes: [{ kind: 'as-is', content: '# As-is\n\nReal.\n' }, { kind: 'to-be', content: '# To-be\n\nPlan.\n' }], message: 'docs' }));
}

/** Starts a job through the contract and waits for its jobFinished event. */
async function finishedJob(repo: ReportRepo, start: () => Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<JobFinished> {
  let resolve!: (f: JobFinished) => void;
  const done = new Promise<JobFinished>((r) => (resolve = r));
  let jobId = '';
  const early: JobFinished[] = [];
  const off = repo.app.onEvent((event, payload) => {
    if (event !== 'jobFinished') return;
    const finished = payload as JobFinished;
    if (finished.jobId === jobId) resolve(finished);
    else early.push(finished);
  });
  jobId = value<{ jobId: string }>(await start()).jobId;
  const already = early.find((f) => f.jobId === jobId);
  if (already) resolve(already);
  try {
    return await done;
  } finally {
    off();
  }
}

describe('workspace reports', () => {
  it('the summary states every module with the same phase, documents, ahead/behind as the board, plus checks and agent cost', async () => {
    const repo = await initialisedRepo(apps);
    await writeSomeDocuments(repo);
    // One module's branch changes code; every other one holds documents only.
    commitOnBranch(repo, 'module/drivers-hub', [{ files: { 'src/drivers.ts': 'export const drivers = [];\n' }, message: 'drivers: code' }]);
    const fleetTip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
    const sources = await reportSourcesFor(repo, {
      runs: [runRecord('fleet-hub', 0.5, 'r1'), runRecord('fleet-hub', 0.25, 'r2'), runRecord('drivers-hub', 1.2, 'r3')],
      checks: [{ moduleId: 'fleet-hub', state: 'passed', commit: fleetTip, command: 'npm test', startedAt: '2026-11-20T08:00:00.000Z', durationMs: 1000, exitCode: 0 }],
    });
    const draft = await generateWorkspaceReport(sources, 'FLEET_ENHANCEMENT_SUMMARY.md', new AbortController().signal, noProgress);
    const board = value<BoardState>(await repo.call('getBoard', {}));

    for (const phase of PHASES) {
      const expected = board.modules.filter((m) => m.phase === phase).length;
      expect(draft.content).toContain(`| ${PHASE_TITLES[phase]} | ${expected} |`);
    }
    expect(draft.content).toContain(`| **Total** | **${board.modules.length}** |`);
    for (const card of board.modules) {
      const row = draft.content.split('\n').find((line) => line.includes(`(\`${card.id}\`)`));
      const states = card.docs.map((d) => d.state).join(' | ');
      // The honest rule: a Code column, and only a branch that changes code counts as implemented.
      const code = card.id === 'drivers-hub' ? 'code changed' : 'documents only';
      expect(row, card.id).toContain(`| ${PHASE_TITLES[card.phase]} | ${code} | ${states} | +${card.ahead} / -${card.behind} |`);
    }
    expect(draft.content).toContain(`- Implemented: 1 of ${board.modules.length} modules change code on their branch; ${board.modules.length - 1} hold documents only and are not implemented, whatever their documents say.`);
    const rowOf = (id: string) => draft.content.split('\n').find((line) => line.includes(`(\`${id}\`)`))!;
    expect(rowOf('fleet-hub')).toMatch(/\| passed \| \$0\.7500 \(2 runs\) \| - \|$/);
    expect(rowOf('drivers-hub')).toMatch(/\| not run \| \$1\.20 \(1 run\) \| - \|$/);
    expect(draft.content).toContain('- Agent cost: $1.95 over 3 runs.');
    expect(draft.content).toContain(`- Checks: 1 of ${board.modules.length} modules passed on their current commit`);
  });

  it('the summary says where each module was deployed and when, marking a deploy of an earlier commit of its branch', async () => {
    const repo = await initialisedRepo(apps);
    const commit = 'c0ffee1'.padEnd(40, '0');
    const sources = {
      ...(await reportSourcesFor(repo)),
      moduleDeployments: async () => [
        {
          moduleId: 'fleet-hub',
          deployments: [
            { environment: 'staging', deployId: 'd-000001', deployedAt: '2026-12-01T09:40:12.000Z', commit, current: false },
            { environment: 'production', deployId: 'd-000002', deployedAt: '2026-12-02T15:05:00.000Z', commit, current: true },
          ],
        },
        { moduleId: 'drivers-hub', deployments: [] },
      ],
    };
    const draft = await generateWorkspaceReport(sources, 'FLEET_ENHANCEMENT_SUMMARY.md', new AbortController().signal, noProgress);
    const board = value<BoardState>(await repo.call('getBoard', {}));
    const rowOf = (id: string) => draft.content.split('\n').find((line) => line.includes(`(\`${id}\`)`))!;
    expect(draft.content).toContain('| Agent cost | Deployed |');
    // Newest first; the staging deploy holds an earlier commit than the branch's tip now.
    expect(rowOf('fleet-hub')).toMatch(/\| production 2026-12-02 15:05 UTC \(`c0ffee1`\); staging 2026-12-01 09:40 UTC \(`c0ffee1`, earlier commit\) \|$/);
    expect(rowOf('drivers-hub')).toMatch(/\| - \|$/);
    expect(draft.content).toContain(`- Deployed: 1 of ${board.modules.length} modules went out to an environment by a deploy that succeeded.`);
  });

  it('counts a merged module whose documents are still templates apart, as merged with documents not written', async () => {
    const repo = await initialisedRepo(apps);
    // fleet-hub: every document written, then merged; drivers-hub merged as it was initialised (five templates).
    const tip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
    const changes = (['as-is', 'to-be', 'implementation-log', 'test-plan', 'summary'] as const).map((kind) => ({ kind, content: `# ${kind}\n\nWritten for real.\n` }));
    value(await repo.call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: tip, changes, message: 'docs' }));
    git(repo.dir, 'merge', '-q', '--no-edit', 'module/fleet-hub');
    git(repo.dir, 'merge', '-q', '--no-edit', 'module/drivers-hub');

    const sources = await reportSourcesFor(repo);
    const draft = await generateWorkspaceReport(sources, 'FLEET_ENHANCEMENT_SUMMARY.md', new AbortController().signal, noProgress);
    const rowOf = (id: string) => draft.content.split('\n').find((line) => line.includes(`(\`${id}\`)`))!;
    expect(rowOf('fleet-hub')).toContain('| Merged (documents only) | documents only | written | written |');
    expect(rowOf('drivers-hub')).toContain('| Merged (documents not written) | documents only | template | template |');
    expect(draft.content).toContain('| Merged | 1 |');
    expect(draft.content).toContain('| Merged (documents not written) | 1 |');

    const html = (await exportHtmlReport(sources)).html;
    expect(html).toContain('<li><strong>1</strong>merged</li>');
    expect(html).toContain('<li><strong>1</strong>merged, documents not written</li>');
    expect(html).toContain('<td>Merged (documents not written)</td>');
  });

  it('generates into the draft through a job, and the user commits it on the workspace branch only', async () => {
    const repo = await initialisedRepo(apps);
    const workspaceTip = git(repo.dir, 'rev-parse', 'fleet/workspace');
    const mainTip = git(repo.dir, 'rev-parse', 'main');
    const finished = await finishedJob(repo, () => repo.call('generateWorkspaceReport', { name: 'FLEET_ENHANCEMENT_SUMMARY.md' }));
    expect(finished).toMatchObject({ kind: 'report', ok: true });
    const draft = finished.result as WorkspaceReportDraft;
    expect(draft.content).toMatch(/^# Fleet Enhancement Summary\n\n<!-- fleet-control:generated:start/);
    expect(value<{ content: string }>(await repo.call('getWorkspaceDraft', { name: 'FLEET_ENHANCEMENT_SUMMARY.md' })).content).toBe(draft.content);
    expect(git(repo.dir, 'rev-parse', 'fleet/workspace')).toBe(workspaceTip);

    value(await repo.call('commitWorkspaceDocument', { name: 'FLEET_ENHANCEMENT_SUMMARY.md', expectedTip: draft.baseTip!, content: draft.content, message: 'Summary' }));
    expect(git(repo.dir, 'show', 'fleet/workspace:enhancements/FLEET_ENHANCEMENT_SUMMARY.md')).toBe(draft.content.trimEnd());
    expect(git(repo.dir, 'rev-parse', 'main')).toBe(mainTip);

    // Generating again with nothing changed leaves no draft behind: there is nothing to review.
    const again = await finishedJob(repo, () => repo.call('generateWorkspaceReport', { name: 'FLEET_ENHANCEMENT_SUMMARY.md' }));
    expect(again.result).toMatchObject({ changed: false });
    expect(value(await repo.call('getWorkspaceDraft', { name: 'FLEET_ENHANCEMENT_SUMMARY.md' }))).toBeNull();
  });

  it('the merge strategy lists the suggested order, the conflicts and the overlapping modules from the forecast', async () => {
    const repo = await initialisedRepo(apps);
    const forecast: MergeForecast = {
      target: { kind: 'integration', branch: 'fleet/integration', tip: null },
      computedAt: git(repo.dir, 'rev-parse', 'main'),
      modules: [
        { moduleId: 'fleet-hub', branch: 'module/fleet-hub', tip: 'a'.repeat(40), mergeBase: 'b'.repeat(40), outcome: 'clean', changedPaths: ['src/fleet/FleetPage.tsx'], conflicts: [], codeChanged: true, unwrittenDocs: [] },
        { moduleId: 'drivers-hub', branch: 'module/drivers-hub', tip: 'c'.repeat(40), mergeBase: 'b'.repeat(40), outcome: 'clean', changedPaths: ['src/fleet/FleetPage.tsx', 'src/drivers.ts'], conflicts: [], codeChanged: true, unwrittenDocs: [] },
        { moduleId: 'safety-hub', branch: 'module/safety-hub', tip: 'd'.repeat(40), mergeBase: 'b'.repeat(40), outcome: 'conflicts', changedPaths: ['README.md'], conflicts: [{ path: 'README.md', kind: 'content' }], codeChanged: false, unwrittenDocs: [] },
      ],
      overlaps: [{ a: 'fleet-hub', b: 'drivers-hub', paths: ['src/fleet/FleetPage.tsx', 'docs/a|b.md'] }],
      order: [
        { kind: 'overlapping', modules: ['fleet-hub', 'drivers-hub'] },
        { kind: 'conflicts', modules: ['safety-hub'] },
      ],
      durationMs: 12,
    };
    const draft = await generateWorkspaceReport(await reportSourcesFor(repo, { forecast }), 'MERGE_STRATEGY.md', new AbortController().signal, noProgress);
    expect(draft.content).toContain('against `fleet/integration` (the integration branch)');
    expect(draft.content).toContain('1. Overlapping: change the same files; merge together, in this order, checking after each: Fleet Hub (`fleet-hub`), Drivers Hub (`drivers-hub`)');
    expect(draft.content).toContain('2. Conflict with the target now: resolve on the module branch first: Safety Hub (`safety-hub`)');
    expect(draft.content).toContain('| Safety Hub (`safety-hub`) | conflicts | documents only | 1 | `README.md (content)` |');
    expect(draft.content).toContain('Implemented (the branch changes code): 2 of 3; documents only: Safety Hub (`safety-hub`).');
    // A "|" in a path is escaped, or the table would gain a column.
    expect(draft.content).toContain('| Fleet Hub (`fleet-hub`) and Drivers Hub (`drivers-hub`) | `src/fleet/FleetPage.tsx`, `docs/a\\|b.md` |');
  });

  it('the merge strategy through the app follows the real forecast: overlapping modules grouped, the rest independent, as git merge-tree agrees', async () => {
    const repo = await initialisedRepo(apps);
    commitOnBranch(repo, 'module/fleet-hub', [{ files: { 'src/fleet/FleetPage.tsx': 'export const fleet = 1;\n' }, message: 'fleet page' }]);
    commitOnBranch(repo, 'module/assets-hub', [{ files: { 'src/fleet/FleetPage.tsx': 'export const assets = 1;\n' }, message: 'assets on the fleet page' }]);
    commitOnBranch(repo, 'module/telematics', [{ files: { 'api/routes/telematics.ts': 'export {}\n' }, message: 'telematics route' }]);
    const finished = await finishedJob(repo, () => repo.call('generateWorkspaceReport', { name: 'MERGE_STRATEGY.md' }));
    expect(finished).toMatchObject({ kind: 'report', ok: true });
    const content = (finished.result as WorkspaceReportDraft).content;
    expect(content).toMatch(/^# Merge Strategy\n/);
    expect(content).toMatch(/\d+\. Overlapping: [^\n]*: (Fleet Hub \(`fleet-hub`\), Assets Hub \(`assets-hub`\)|Assets Hub \(`assets-hub`\), Fleet Hub \(`fleet-hub`\))\n/);
    expect(content).toContain('| Fleet Hub (`fleet-hub`) and Assets Hub (`assets-hub`) | `src/fleet/FleetPage.tsx` |');
    const independent = content.split('\n').find((line) => /^\d+\. Independent/.test(line))!;
    expect(independent).toContain('Telematics (`telematics`)');
    expect(independent).not.toContain('fleet-hub');
    // Each branch alone merges cleanly into the target now, as git merge-tree says for the same pair.
    for (const id of ['fleet-hub', 'assets-hub', 'telematics']) {
      const mergeTree = spawnSync('git', ['merge-tree', '--write-tree', 'main', `module/${id}`], { cwd: repo.dir, env: GIT_ENV });
      expect(mergeTree.status, id).toBe(0);
      expect(content.split('\n').find((line) => line.includes(`(\`${id}\`) | `))).toContain('| merges cleanly | code changed |');
    }
    // The other modules' branches hold their documents only: a clean merge of them implements nothing.
    expect(content).toContain('| Drivers Hub (`drivers-hub`) | merges cleanly | documents only |');
  });

  it('a cancelled generation leaves the draft as it was', async () => {
    const repo = await initialisedRepo(apps);
    const cancelled = new AbortController();
    cancelled.abort();
    const sources = await reportSourcesFor(repo, { runs: [] });
    for (const name of ['FLEET_ENHANCEMENT_SUMMARY.md', 'MERGE_STRATEGY.md'] as const) {
      // The real forecast, as the app wires it.
      const withForecast = { ...sources, forecast: (signal: AbortSignal) => forecastMerges(sources.workspace(), undefined, { signal }) };
      await expect(generateWorkspaceReport(withForecast, name, cancelled.signal, noProgress)).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(value(await repo.call('getWorkspaceDraft', { name }))).toBeNull();
    }
  });

  it('refuses before any work when the workspace is not initialised', async () => {
    const repo = await initialisedRepo(apps);
    git(repo.dir, 'branch', '-D', 'fleet/workspace');
    await repo.app.openWorkspace(repo.dir);
    expect(await repo.call('generateWorkspaceReport', { name: 'MERGE_STRATEGY.md' })).toMatchObject({ ok: false, error: { code: 'NOT_INITIALISED' } });
    expect(await repo.call('generateWorkspaceReport', { name: 'USER_GUIDE.md' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
