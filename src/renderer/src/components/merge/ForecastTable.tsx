// The forecast per module: a checkbox to select it for merging, how it would merge, how many paths it
// changed, and its conflicting files (expandable, each opening the three-way view).

import { useTranslation } from 'react-i18next';
import type { MergeForecast } from '../../../../shared/types-merge';
import { formatNumber } from '../../format';
import { useBoardStore } from '../../stores/board';
import { useMergeStore } from '../../stores/merge';
import { isMergeable, outcomeCounts, preselectedModules } from '../../lib/mergeForecast';
import { ForecastRow } from './ForecastRow';

export function ForecastTable({ forecast }: { forecast: MergeForecast }) {
  const { t } = useTranslation();
  const selected = useMergeStore((s) => s.selected);
  const setSelected = useMergeStore((s) => s.setSelected);
  const board = useBoardStore((s) => s.board);
  const counts = outcomeCounts(forecast.modules);
  const titleOf = (id: string) => board?.modules.find((m) => m.id === id)?.title ?? id;
  const phaseOf = (id: string) => board?.modules.find((m) => m.id === id)?.phase;

  return (
    <section aria-labelledby="forecast-heading" className="merge-section">
      <div className="section-head">
        <h2 id="forecast-heading">{t('merges.table.heading')}</h2>
        <p className="subtle" data-testid="forecast-counts">
          {t('merges.table.counts', {
            clean: formatNumber(counts.clean),
            conflicts: formatNumber(counts.conflicts),
            upToDate: formatNumber(counts['up-to-date']),
            missing: formatNumber(counts.missing),
            unrelated: formatNumber(counts.unrelated),
          })}
        </p>
      </div>
      <div className="selection-actions" role="group" aria-label={t('merges.table.selectionLabel')}>
        <span role="status" data-testid="selected-count">
          {t('merges.table.selected', { count: selected.length })}
        </span>
        <button type="button" className="button small" onClick={() => setSelected(preselectedModules(forecast, phaseOf))}>
          {t('merges.table.selectReady')}
        </button>
        <button type="button" className="button small" onClick={() => setSelected(forecast.modules.filter((m) => m.outcome === 'clean').map((m) => m.moduleId))}>
          {t('merges.table.selectClean')}
        </button>
        <button type="button" className="button small" onClick={() => setSelected([])} disabled={selected.length === 0}>
          {t('merges.table.selectNone')}
        </button>
      </div>
      <div className="merge-table-wrap" tabIndex={0} role="region" aria-labelledby="forecast-heading">
        <table className="merge-table" data-testid="forecast-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('merges.table.select')}</span>
              </th>
              <th scope="col">{t('merges.table.module')}</th>
              <th scope="col">{t('merges.table.outcome')}</th>
              <th scope="col" className="numeric">
                {t('merges.table.changed')}
              </th>
              <th scope="col">{t('merges.table.conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            {forecast.modules.map((m) => (
              <ForecastRow key={m.moduleId} module={m} title={titleOf(m.moduleId)} selected={selected.includes(m.moduleId)} selectable={isMergeable(m)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
