// A module's phase as a labelled badge (the text carries the meaning; colour only helps).

import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../shared/documents';

export function PhaseBadge({ phase, id }: { phase: Phase; id?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`phase-badge phase-${phase}`} data-testid="phase-badge" id={id}>
      <span className="visually-hidden">{t('card.phase')} </span>
      {t(`phase.${phase}`)}
    </span>
  );
}
