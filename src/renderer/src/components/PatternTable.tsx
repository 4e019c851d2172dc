// Each path pattern of the module and how many files it matches; patterns matching nothing stand out.

import { useTranslation } from 'react-i18next';
import type { PatternMatch } from '../../../shared/types';
import { formatNumber } from '../format';

export function PatternTable({ matches }: { matches: PatternMatch[] }) {
  const { t } = useTranslation();
  if (matches.length === 0) return <p className="subtle">{t('files.noPatterns')}</p>;
  return (
    <table className="pattern-table" data-testid="pattern-table">
      <caption>{t('files.patternsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('files.pattern')}</th>
          <th scope="col" className="num">
            {t('files.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {matches.map((m, i) => (
          <tr key={`${m.pattern}-${i}`} className={m.count === 0 ? 'no-match' : undefined}>
            <td>
              <code>{m.pattern}</code>
            </td>
            <td className="num">{m.count === 0 ? t('files.noMatch') : formatNumber(m.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
