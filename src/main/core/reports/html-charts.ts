// The HTML report's two charts as inline SVG (titled and described for screen readers; the report puts the
// same numbers in real tables next to them): modules per phase in each category, and agent cost per module.

import { PHASES, type Phase } from '../../../shared/documents';
import { html, type Html } from './html-escape';
import { usd } from './markdown-text';
import { PHASE_TITLES } from './workspace-facts';

export interface CategoryProgress {
  title: string;
  counts: Record<Phase, number>;
  total: number;
}

const LABEL_WIDTH = 190;
const BAR_WIDTH = 440;
const ROW = 28;

/** One horizontal bar per category, split into its modules' phases. */
export function progressChart(rows: CategoryProgress[]): Html {
  const most = Math.max(1, ...rows.map((r) => r.total));
  const unit = BAR_WIDTH / most;
  const height = rows.length * ROW + 8;
  const description = rows
    .map((r) => `${r.title}: ${PHASES.filter((p) => r.counts[p] > 0).map((p) => `${r.counts[p]} ${PHASE_TITLES[p].toLowerCase()}`).join(', ') || 'no modules'}`)
    .join('; ');
  const bars = rows.map((row, i) => {
    const y = i * ROW + 4;
    let x = LABEL_WIDTH;
    const segments = PHASES.filter((p) => row.counts[p] > 0).map((phase) => {
      const width = row.counts[phase] * unit;
      const segment = html`<rect class="phase-${phase}" x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW - 8}"><title>${row.title}: ${row.counts[phase]} ${PHASE_TITLES[phase]}</title></rect>`;
      x += width;
      return segment;
    });
    return html`<g><text x="${LABEL_WIDTH - 8}" y="${y + ROW / 2}" text-anchor="end">${row.title}</text>${segments}<text x="${x + 6}" y="${y + ROW / 2}">${row.total}</text></g>`;
  });
  return html`<svg role="img" aria-labelledby="progress-title progress-desc" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 40} ${height}" width="${LABEL_WIDTH + BAR_WIDTH + 40}" height="${height}">
<title id="progress-title">Modules per phase in each category</title>
<desc id="progress-desc">${description}</desc>
${bars}
</svg>`;
}

export interface ModuleCost {
  title: string;
  costUsd: number;
}

/** One bar per module that spent anything, the most expensive first. */
export function costChart(costs: ModuleCost[]): Html {
  const most = Math.max(...costs.map((c) => c.costUsd), 1e-9);
  const height = costs.length * ROW + 8;
  const bars = costs.map((cost, i) => {
    const y = i * ROW + 4;
    const width = Math.max(1, (cost.costUsd / most) * BAR_WIDTH);
    return html`<g><text x="${LABEL_WIDTH - 8}" y="${y + ROW / 2}" text-anchor="end">${cost.title}</text><rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${ROW - 8}"></rect><text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + ROW / 2}">${usd(cost.costUsd)}</text></g>`;
  });
  return html`<svg role="img" aria-labelledby="cost-title cost-desc" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 90} ${height}" width="${LABEL_WIDTH + BAR_WIDTH + 90}" height="${height}">
<title id="cost-title">Agent cost per module</title>
<desc id="cost-desc">${costs.map((c) => `${c.title}: ${usd(c.costUsd)}`).join('; ')}</desc>
${bars}
</svg>`;
}
