// The board exported as one HTML file: well-formed, self-contained (no scripts, no external references), every
// repository string escaped, with accessible charts whose numbers stand in real tables too.

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FleetApp } from '../../../../src/main/core/app';
import { exportHtmlReport } from '../../../../src/main/core/reports/report-service';
import type { BoardState } from '../../../../src/shared/types';
import type { HtmlReport } from '../../../../src/shared/types-reports';
import { cleanupTempDirs, git, makeTempDir } from '../../../helpers/git';
import { checkWellFormed } from './html-structure';
import { initialisedRepo, reportSourcesFor, runRecord, value, type ReportRepo } from './report-fixture';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(cleanupTempDirs);
const apps: FleetApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

const HOSTILE_TITLE = '<script>alert("x")</script> & Co';

/** Renames fleet-hub in the committed manifest with the git CLI, as a teammate's commit would. */
function renameModule(repo: ReportRepo, title: string): void {
  const tree = makeTempDir('fleet-worktree-');
  git(repo.dir, 'worktree', 'add', '-q', tree, 'fleet/workspace');
  const file = join(tree, '.fleet', 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { modules: Array<{ id: string; title: string }> };
  manifest.modules.find((m) => m.id === 'fleet-hub')!.title = title;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  git(tree, 'commit', '-q', '-am', 'Rename fleet-hub');
  git(repo.dir, 'worktree', 'remove', '--force', tree);
}

describe('HTML report', () => {
  it('is well-formed and self-contained: no script, no external reference, colour schemes and print styles inline', async () => {
    const repo = await initialisedRepo(apps);
    const report = value<HtmlReport>(await repo.call('exportHtmlReport', {}));
    expect(report.fileName).toMatch(/^fleet-repo-[A-Za-z0-9]+-report-\d{4}-\d{2}-\d{2}\.html$/);
    const elements = checkWellFormed(report.html);
    expect(elements.map((e) => e.name)).not.toContain('script');
    expect(elements.filter((e) => /\b(src|href|srcset|action|xlink:href)=/.test(e.attributes))).toEqual([]);
    expect(report.html).not.toMatch(/url\(|@import|https?:|\/\/[a-z]/i);
    expect(report.html).toContain('@media (prefers-color-scheme:dark)');
    expect(report.html).toContain('@media print');
    // Both charts are images with a title and a description; the second says no run cost anything yet.
    expect(elements.filter((e) => e.name === 'svg').map((e) => e.attributes)).toEqual([expect.stringContaining('role="img" aria-labelledby="progress-title progress-desc"')]);
    expect(report.html).toContain('No agent run has cost anything yet.');
  });

  it('escapes a module title holding markup everywhere it appears', async () => {
    const repo = await initialisedRepo(apps);
    renameModule(repo, HOSTILE_TITLE);
    const report = await exportHtmlReport(await reportSourcesFor(repo, { runs: [runRecord('fleet-hub', 0.42, 'r1')] }));
    checkWellFormed(report.html);
    expect(report.html).not.toContain('<script');
    expect(report.html).not.toContain(HOSTILE_TITLE);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co';
    // Module table, cost chart label, bar title and description, cost table.
    expect(report.html.split(escaped).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('charts the board: modules per phase in each category and cost per module, with the same numbers in tables', async () => {
    const repo = await initialisedRepo(apps);
    const tip = git(repo.dir, 'rev-parse', 'module/fleet-hub');
    value(await repo.call('commitDocuments', { moduleId: 'fleet-hub', expectedTip: tip, changes: [{ kind: 'as-is', content: '# As-is\n\nReal.\n' }], message: 'as-is' }));
    const sources = await reportSourcesFor(repo, { runs: [runRecord('fleet-hub', 0.5, 'r1'), runRecord('telematics', 2, 'r2'), runRecord('telematics', 1, 'r3')] });
    const report = await exportHtmlReport(sources);
    const board = value<BoardState>(await repo.call('getBoard', {}));
    const elements = checkWellFormed(report.html);
    expect(elements.filter((e) => e.name === 'svg')).toHaveLength(2);
    expect(elements.filter((e) => e.name === 'table').length).toBeGreaterThanOrEqual(2 + board.categories.length);

    const core = board.modules.filter((m) => m.category === 'core');
    const design = core.filter((m) => m.phase === 'design').length;
    const analysis = core.filter((m) => m.phase === 'analysis').length;
    expect(design).toBe(1);
    const coreTitle = board.categories.find((c) => c.id === 'core')!.title;
    expect(report.html).toContain(`<tr><th scope="row">${coreTitle}</th><td class="num">${analysis}</td><td class="num">${design}</td>`);
    expect(report.html).toContain(`${coreTitle}: ${analysis} analysis, ${design} design`);
    // Costs: the most expensive first, in the chart and in the table.
    const telematics = board.modules.find((m) => m.id === 'telematics')!.title;
    const fleet = board.modules.find((m) => m.id === 'fleet-hub')!.title;
    expect(report.html).toContain(`<desc id="cost-desc">${telematics}: $3.00; ${fleet}: $0.5000</desc>`);
    expect(report.html).toContain(`<tr><th scope="row">${telematics}</th><td class="num">2</td><td class="num">$3.00</td></tr>`);
    expect(report.html).toContain('<tfoot><tr><th scope="row">All modules</th><td class="num">3</td><td class="num">$3.50</td></tr></tfoot>');
  });
});
