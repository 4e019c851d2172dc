// A module card's implementation fact: not started, running, waiting for review, committed; and "documents only"
// when documents are written but the branch changes no code, so a module never looks done on documents alone.

import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../../shared/types';
import { codeChanged, implementationStatus } from '../../lib/implementStatus';
import { useImplementRunsStore } from '../../stores/implementRuns';

export function ImplementationChip({ card }: { card: ModuleCard }) {
  const { t } = useTranslation();
  const status = useImplementRunsStore((s) => implementationStatus(card, Object.values(s.runs)));
  const code = codeChanged(card);
  // Worth saying once documents are written: a card full of templates is plainly not implemented yet.
  const hasWrittenDocs = card.docs.some((d) => d.state === 'written' || d.state === 'approved');
  return (
    <>
      <span className={`chip impl-chip impl-${status}`} data-testid="implementation-status" data-status={status}>
        {t(`implement.board.${status}`)}
      </span>
      {code === false && card.branchExists && hasWrittenDocs && (
        <span className="chip chip-muted" data-testid="documents-only-chip" title={t('implement.board.documentsOnlyHint')}>
          {t('implement.board.documentsOnly')}
        </span>
      )}
    </>
  );
}
