// Which module branches changed the same paths since they forked: a real table of modules × modules with
// the count of shared paths, limited to modules that overlap with something (a matrix of zeros is noise).
// Choosing a cell lists the paths the two share.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeForecast } from '../../../../shared/types-merge';
import { formatNumber } from '../../format';
import { overlapMatrix } from '../../lib/mergeForecast';
import './merge-order.css';
import { displayPath } from '../../../../shared/display-path';

export function OverlapMatrix({ forecast }: { forecast: MergeForecast }) {
  const { t } = useTranslation();
  // Rows in the suggested order, so each overlapping group sits together; modules it leaves out follow.
  const matrix = useMemo(() => overlapMatrix(forecast.overlaps, [...forecast.order.flatMap((g) => g.modules), ...forecast.modules.map((m) => m.moduleId)]), [forecast]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const shownPaths = pair ? matrix.paths(pair[0], pair[1]) : [];

  return (
    <section aria-labelledby="overlap-heading" className="merge-section">
      <h2 id="overlap-heading">{t('merges.overlap.heading')}</h2>
      {matrix.modules.length === 0 ? (
        <p className="subtle" data-testid="no-overlaps">
          {t('merges.overlap.none')}
        </p>
      ) : (
        <>
          <p className="subtle">{t('merges.overlap.intro', { count: matrix.modules.length })}</p>
          <div className="overlap-wrap" tabIndex={0} role="region" aria-labelledby="overlap-heading">
            <table className="overlap-matrix" data-testid="overlap-matrix">
              <caption className="visually-hidden">{t('merges.overlap.caption')}</caption>
              <thead>
                <tr>
                  <td />
                  {matrix.modules.map((id) => (
                    <th key={id} scope="col" className="overlap-col">
                      <span>{id}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.modules.map((row) => (
                  <tr key={row}>
                    <th scope="row">{row}</th>
                    {matrix.modules.map((col) => {
                      const count = matrix.paths(row, col).length;
                      if (row === col) return <td key={col} className="overlap-self" aria-label={t('merges.overlap.self', { module: row })} />;
                      const label = t('merges.overlap.cell', { a: row, b: col, count, formatted: formatNumber(count) });
                      if (count === 0)
                        return (
                          <td key={col} className="overlap-zero" aria-label={label}>
                            <span aria-hidden="true">·</span>
                          </td>
                        );
                      const chosen = !!pair && pair[0] === row && pair[1] === col;
                      return (
                        <td key={col} className="overlap-some">
                          <button
                            type="button"
                            className="overlap-cell"
                            aria-label={label}
                            aria-pressed={chosen}
                            aria-controls="overlap-paths"
                            onClick={() => setPair(chosen ? null : [row, col])}
                            data-testid="overlap-cell"
                            data-pair={`${row}|${col}`}
                          >
                            {formatNumber(count)}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div id="overlap-paths" aria-live="polite" className="overlap-paths" data-testid="overlap-paths">
            {pair && (
              <>
                <h3>{t('merges.overlap.pathsHeading', { a: pair[0], b: pair[1], count: shownPaths.length })}</h3>
                <ul>
                  {shownPaths.map((path) => (
                    <li key={path} className="path">
                      {displayPath(path)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
