// Prints the bench's figures as a table: what, Fleet Control, reference, ratio, target, verdict.

const COLUMNS = ['what', 'Fleet Control', 'reference', 'ratio', 'target', 'verdict'];

/** "12.3 ms", "4.1 s" or "88 MB" from a figure {value, unit}; "-" when missing. */
export function formatFigure(figure) {
  if (figure == null || figure.value == null) return '-';
  const { value, unit = 'ms', note } = figure;
  let text;
  if (unit === 'ms') text = value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
  else text = `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  return note ? `${text} (${note})` : text;
}

/**
 * One row per figure. `row.app` and `row.ref` are {value, unit, note}; `row.check(app, ref)` returns true/false
 * for the verdict. Rows without an app figure say why in `row.pending`. Returns the verdicts.
 */
export function printTable(title, rows, print = console.log) {
  const cells = rows.map((row) => {
    const hasBoth = row.app?.value != null && row.ref?.value != null && row.ref.value > 0;
    const ratio = hasBoth ? `${(row.app.value / row.ref.value).toFixed(2)}x` : '-';
    let verdict = row.pending ? `not wired: ${row.pending}` : 'info';
    if (!row.pending && row.check && row.app?.value != null) verdict = row.check(row.app.value, row.ref?.value) ? 'PASS' : 'FAIL';
    return [row.what, formatFigure(row.app), formatFigure(row.ref), ratio, row.target ?? '-', verdict];
  });
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join(' | ').trimEnd();
  print(`\n${title}`);
  print(line(COLUMNS));
  print(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of cells) print(line(row));
  return cells.map((row) => row[5]);
}
