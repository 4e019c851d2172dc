// How one module would merge, as a labelled badge: the words carry the meaning, the colour only helps.

import { useTranslation } from 'react-i18next';
import type { ForecastOutcome } from '../../../../shared/types-merge';

export function OutcomeBadge({ outcome }: { outcome: ForecastOutcome }) {
  const { t } = useTranslation();
  return (
    <span className={`outcome-badge outcome-${outcome}`} data-testid="outcome-badge" data-outcome={outcome}>
      {t(`merges.outcome.${outcome}`)}
    </span>
  );
}
