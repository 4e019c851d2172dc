// The board as one self-contained HTML file for people who will not open the app: inline CSS, inline SVG charts
// with the same numbers in tables, no scripts and no external references; every repository string escaped.

import { DOC_KINDS, PHASES } from '../../../shared/documents';
import { checkLabel } from './check-text';
import { costChart, progressChart, type CategoryProgress } from './html-charts';
import { html, type Html } from './html-escape';
import { REPORT_CSS } from './html-style';
import { usd } from './markdown-text';
import { aheadBehindText } from './summary-report';
import { byCategory, codeText, PHASE_TITLES, phaseText, type ModuleFacts, type WorkspaceFacts } from './workspace-facts';

const DOC_HEADERS = ['As-is', 'To-be', 'Log', 'Test plan', 'Summary'];

function categoryProgress(facts: WorkspaceFacts): CategoryProgress[] {
  return byCategory(facts).map((group) => {
    const counts = Object.fromEntries(PHASES.map((p) => [p, group.modules.filter((m) => m.card.phase === p).length])) as CategoryProgress['counts'];
    return { title: group.title, counts, total: group.modules.length };
  });
}

function progressSection(facts: WorkspaceFacts): Html {
  const rows = categoryProgress(facts);
  return html`<section aria-labelledby="progress-heading">
<h2 id="progress-heading">Progress per category</h2>
<figure>${progressChart(rows)}
<figcaption>Modules in each phase, per category. The table below holds the same numbers.</figcaption></figure>
<ul class="legend" aria-label="Phase colours">${PHASES.map((p) => html`<li><span class="swatch phase-${p}" aria-hidden="true"></span>${PHASE_TITLES[p]}</li>`)}</ul>
<table><caption class="muted">Modules per phase</caption>
<thead><tr><th scope="col">Category</th>${PHASES.map((p) => html`<th scope="col" class="num">${PHASE_TITLES[p]}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.title}</th>${PHASES.map((p) => html`<td class="num">${r.counts[p]}</td>`)}<td class="num">${r.total}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">All</th>${PHASES.map((p) => html`<td class="num">${facts.phaseCounts[p]}</td>`)}<td class="num">${facts.modules.length}</td></tr></tfoot>
</table></section>`;
}

function costSection(facts: WorkspaceFacts): Html {
  const spent = facts.modules.filter((m) => m.costUsd > 0).sort((a, b) => b.costUsd - a.costUsd);
  const body = spent.length
    ? html`<figure>${costChart(spent.map((m) => ({ title: m.card.title, costUsd: m.costUsd })))}
<figcaption>Dollars spent by agent runs per module, the most expensive first. The table below holds the same numbers.</figcaption></figure>
<table><caption class="muted">Agent cost per module</caption><thead><tr><th scope="col">Module</th><th scope="col" class="num">Runs</th><th scope="col" class="num">Cost</th></tr></thead>
<tbody>${spent.map((m) => html`<tr><th scope="row">${m.card.title}</th><td class="num">${m.runs}</td><td class="num">${usd(m.costUsd)}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">All modules</th><td class="num">${facts.totalRuns}</td><td class="num">${usd(facts.totalCostUsd)}</td></tr></tfoot></table>`
    : html`<p>No agent run has cost anything yet.</p>`;
  return html`<section aria-labelledby="cost-heading"><h2 id="cost-heading">Agent cost per module</h2>${body}</section>`;
}

function moduleRow(m: ModuleFacts): Html {
  const { card } = m;
  return html`<tr><th scope="row">${card.title}<br><code class="muted">${card.branch}</code></th><td>${phaseText(card)}</td><td>${codeText(card)}</td>${DOC_KINDS.map(
    (kind) => html`<td>${card.docs.find((d) => d.kind === kind)?.state ?? 'missing'}</td>`,
  )}<td class="num">${aheadBehindText(card)}</td><td>${checkLabel(m.check, card.tip)}</td><td class="num">${m.runs ? usd(m.costUsd) : '-'}</td></tr>`;
}

function modulesSection(facts: WorkspaceFacts): Html {
  const header = html`<thead><tr><th scope="col">Module</th><th scope="col">Phase</th><th scope="col">Code</th>${DOC_HEADERS.map((h) => html`<th scope="col">${h}</th>`)}<th scope="col" class="num">Ahead / behind</th><th scope="col">Check</th><th scope="col" class="num">Agent cost</th></tr></thead>`;
  return html`<section aria-labelledby="modules-heading"><h2 id="modules-heading">Modules</h2>
${byCategory(facts).map((group) => html`<h3>${group.title}</h3><table>${header}<tbody>${group.modules.map(moduleRow)}</tbody></table>`)}
</section>`;
}

/** The whole report; `generatedAt` and `version` name when and by what it was made. */
export function renderHtmlReport(facts: WorkspaceFacts, generatedAt: Date, version: string): string {
  const { board } = facts;
  const name = board.workspace.name;
  const stamp = `${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${name}: enhancement report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${name}: enhancement report</h1>
<p class="muted">Base branch <code>${board.workspace.baseBranch}</code> at <code>${board.baseTip.slice(0, 7)}</code> · generated ${stamp}</p>
<ul class="totals">
<li><strong>${facts.modules.length}</strong>modules</li>
<li><strong>${facts.implemented}</strong>change code</li>
<li><strong>${facts.documentsOnly}</strong>documents only</li>
<li><strong>${facts.phaseCounts.ready}</strong>ready to merge</li>
<li><strong>${facts.phaseCounts.merged - facts.mergedUnwritten}</strong>merged</li>
<li><strong>${facts.mergedUnwritten}</strong>merged, documents not written</li>
<li><strong>${usd(facts.totalCostUsd)}</strong>agent cost</li>
</ul>
</header>
<main>
${progressSection(facts)}
${costSection(facts)}
${modulesSection(facts)}
</main>
<footer class="muted">Made by Fleet Control ${version} from the repository's branches, check results and agent run records.</footer>
</body>
</html>
`;
  return page.value;
}
