// The price table (dollars per million input and output tokens per "provider/model"): edited as rows,
// checked here entry by entry with the same rules main applies, committed on the workspace branch.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPriceTable } from '../../../../shared/prices';
import type { ApiError } from '../../api';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { ErrorNotice } from '../ErrorNotice';

interface Row {
  key: string;
  input: string;
  output: string;
}

const amount = (text: string): unknown => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** Main's and the checker's problems start with the entry's name in quotes: one list per row. */
function problemsByRow(rows: Row[]): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const one = checkPriceTable({ [row.key]: { input: amount(row.input), output: amount(row.output) } });
    const problems = one.ok ? [] : one.problems.map((p) => p.replace(/^"[^"]*": /, ''));
    if (seen.has(row.key)) problems.push('appears twice in the table');
    seen.set(row.key, i);
    if (problems.length > 0) byRow.set(i, problems);
  });
  return byRow;
}

export function PriceTableEditor() {
  const { t } = useTranslation();
  const prices = useAgentsSettingsStore((s) => s.prices);
  const savePrices = useAgentsSettingsStore((s) => s.savePrices);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (prices) setRows(Object.entries(prices.prices).map(([key, p]) => ({ key, input: String(p.input), output: String(p.output) })));
  }, [prices]);

  if (!prices) return null;
  const problems = problemsByRow(rows);
  const edit = (i: number, change: Partial<Row>) => {
    setSaved(false);
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...change } : r)));
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.size > 0) return;
    const table = Object.fromEntries(rows.map((r) => [r.key, { input: amount(r.input), output: amount(r.output) }]));
    const failed = await savePrices(table);
    setError(failed);
    setSaved(!failed);
  };

  return (
    <form onSubmit={(e) => void save(e)} data-testid="price-table" noValidate>
      <p className="subtle">{t(prices.source === 'committed' ? 'agents.prices.committed' : 'agents.prices.defaults', { path: prices.path })}</p>
      <table className="price-table">
        <caption className="visually-hidden">{t('agents.prices.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agents.prices.model')}</th>
            <th scope="col">{t('agents.prices.input')}</th>
            <th scope="col">{t('agents.prices.output')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('agents.prices.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const rowProblems = tried || problems.get(i)?.length ? problems.get(i) : undefined;
            const errId = `price-err-${i}`;
            const invalid = rowProblems ? true : undefined;
            const name = row.key || t('agents.prices.newEntry');
            return (
              <tr key={i} data-testid="price-row" aria-invalid={invalid}>
                <td>
                  <input className="input" value={row.key} aria-label={t('agents.prices.modelOf', { n: i + 1 })} aria-invalid={invalid} aria-describedby={rowProblems ? errId : undefined} onChange={(e) => edit(i, { key: e.target.value })} spellCheck={false} />
                </td>
                <td>
                  <input className="input num" inputMode="decimal" value={row.input} aria-label={t('agents.prices.inputOf', { name })} aria-invalid={invalid} aria-describedby={rowProblems ? errId : undefined} onChange={(e) => edit(i, { input: e.target.value })} />
                </td>
                <td>
                  <input className="input num" inputMode="decimal" value={row.output} aria-label={t('agents.prices.outputOf', { name })} aria-invalid={invalid} aria-describedby={rowProblems ? errId : undefined} onChange={(e) => edit(i, { output: e.target.value })} />
                  {rowProblems && (
                    <span className="field-error" id={errId} data-testid="price-error">
                      {rowProblems.join('; ')}
                    </span>
                  )}
                </td>
                <td>
                  <button type="button" className="button" aria-label={t('agents.prices.remove', { name })} onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
                    {t('agents.prices.removeShort')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setRows((list) => [...list, { key: '', input: '0', output: '0' }])}>
          {t('agents.prices.add')}
        </button>
        <button type="submit" className="button primary" disabled={!prices.branchTip}>
          {t('agents.prices.save')}
        </button>
        {saved && (
          <span role="status" className="subtle">
            {t('agents.prices.saved')}
          </span>
        )}
      </div>
      <ErrorNotice error={error} title={t('agents.prices.saveFailed')} />
    </form>
  );
}
