// The module's facts: category, id, branch, tip, position against the base branch, phase.

import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../shared/types';
import { useBoardStore } from '../stores/board';
import { AheadBehind } from './AheadBehind';
import { PhaseBadge } from './PhaseBadge';
import { mergedUnwritten } from '../../../shared/documents';

export function ModuleFacts({ card }: { card: ModuleCard }) {
  const { t } = useTranslation();
  const categoryTitle = useBoardStore((s) => s.board?.categories.find((c) => c.id === card.category)?.title ?? card.category);
  const baseBranch = useBoardStore((s) => s.board?.workspace.baseBranch ?? '');
  return (
    <dl className="facts">
      <div>
        <dt>{t('module.phase')}</dt>
        <dd>
          <PhaseBadge phase={card.phase} unwritten={mergedUnwritten(card)} />
        </dd>
      </div>
      <div>
        <dt>{t('module.category')}</dt>
        <dd>{categoryTitle}</dd>
      </div>
      <div>
        <dt>{t('module.id')}</dt>
        <dd>
          <code>{card.id}</code>
        </dd>
      </div>
      <div>
        <dt>{t('module.branch')}</dt>
        <dd>
          <code>{card.branch}</code>
          {!card.branchExists && <span className="chip chip-muted">{t('card.noBranch')}</span>}
        </dd>
      </div>
      {card.tip && (
        <div>
          <dt>{t('module.tip')}</dt>
          <dd>
            <code title={card.tip}>{card.tip.slice(0, 8)}</code>
          </dd>
        </div>
      )}
      {card.branchExists && (
        <div>
          <dt>{t('module.position', { base: baseBranch })}</dt>
          <dd>
            <AheadBehind ahead={card.ahead ?? 0} behind={card.behind ?? 0} baseBranch={baseBranch} />
          </dd>
        </div>
      )}
    </dl>
  );
}
