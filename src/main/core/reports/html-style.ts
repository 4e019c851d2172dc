// The HTML report's inline style sheet: light and dark through prefers-color-scheme, readable when printed.

import { PHASES } from '../../../shared/documents';

const PHASE_COLORS_LIGHT = ['#8c6d1f', '#6a4fb3', '#1f6fb3', '#b3541f', '#2e7d32', '#546e7a'];
const PHASE_COLORS_DARK = ['#e0c060', '#b39ddb', '#64b5f6', '#ffab76', '#81c784', '#b0bec5'];

const phaseRules = (colors: string[]) => PHASES.map((phase, i) => `.phase-${phase}{fill:${colors[i]};background:${colors[i]}}`).join('\n');

export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bar:#1f6fb3;--stripe:#f6f8fa}
${phaseRules(PHASE_COLORS_LIGHT)}
/* Later than the light rules, so dark wins where it applies. */
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--bar:#64b5f6;--stripe:#161b22}
${phaseRules(PHASE_COLORS_DARK)}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1100px;margin:0 auto;padding:16px 24px}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.muted{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--stripe)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
svg{max-width:100%;height:auto}svg text{fill:var(--fg);font:12px system-ui,sans-serif;dominant-baseline:middle}
.bar{fill:var(--bar)}.axis{stroke:var(--line)}
.legend{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0;margin:.25rem 0}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:4px;vertical-align:-1px;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.totals{display:flex;flex-wrap:wrap;gap:24px;padding:0;margin:.75rem 0 0;list-style:none}.totals strong{display:block;font-size:1.4rem}
/* The numbers lead straight into the first chart: no stacked paddings and margins between them. */
header{padding-bottom:0}main{padding-top:0}main>section:first-child>h2{margin-top:1.25rem}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#999;--stripe:#eee}body{font-size:11pt}header,main,footer{max-width:none;padding:0}
section,figure,table{break-inside:avoid}h2{break-after:avoid}svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;
