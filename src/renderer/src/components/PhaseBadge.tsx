// A module's phase as a labelled badge (the text carries the meaning; colour only helps). A merged module whose
// documents are not written says so: merged, but not done.

import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../shared/documents';

export function PhaseBadge({ phase, id, unwritten = false }: { phase: Phase; id?: string; unwritten?: boolean }) {
  const { t } = useTranslation();
  const note = phase === 'merged' && unwritten;
  return (
    <span className={`phase-badge phase-${phase}${note ? ' phase-unwritten' : ''}`} data-testid="phase-badge" data-unwritten={note || undefined} id={id}>
      <span className="visually-hidden">{t('card.phase')} </span>
      {t(note ? 'phase.mergedUnwritten' : `phase.${phase}`)}
    </span>
  );
}
