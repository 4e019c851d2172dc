// The assets a module's patterns match (images, models, fonts, archives...), folded under a count: they belong to
// the module but are not code, so they are listed apart and never suggested or sent to an agent.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { displayPath } from '../../../../shared/display-path';

export function AssetList({ assets, total }: { assets: string[]; total: number }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <details className="asset-list" data-testid="asset-list">
      <summary>{t('files.assetsSummary', { count: total, formatted: formatNumber(total) })}</summary>
      <ul className="files">
        {assets.map((file) => (
          <li key={file}>
            <code>{displayPath(file)}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
