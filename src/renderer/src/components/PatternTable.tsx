// Each path pattern of the module and how many code files (and assets, when any) it matches; patterns matching
// nothing stand out.

import { useTranslation } from 'react-i18next';
import type { PatternMatch } from '../../../shared/types';
import { formatNumber } from '../format';

export function PatternTable({ matches }: { matches: PatternMatch[] }) {
  const { t } = useTranslation();
  if (matches.length === 0) return <p className="subtle">{t('files.noPatterns')}</p>;
  const anyAssets = matches.some((m) => (m.assets ?? 0) > 0);
  return (
    <table className="pattern-table" data-testid="pattern-table">
      <caption>{t('files.patternsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('files.pattern')}</th>
          <th scope="col" className="num">
            {t('files.count')}
          </th>
          {anyAssets && (
            <th scope="col" className="num">
              {t('files.assets')}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {matches.map((m, i) => (
          <tr key={`${m.pattern}-${i}`} className={m.count === 0 && !m.assets ? 'no-match' : undefined}>
            <td>
              <code>{m.pattern}</code>
            </td>
            <td className="num">{m.count === 0 && !m.assets ? t('files.noMatch') : formatNumber(m.count)}</td>
            {anyAssets && <td className="num">{formatNumber(m.assets ?? 0)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
