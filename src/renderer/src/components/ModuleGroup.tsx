// One section of the board: a category or a phase, with its count and its cards.

import { useTranslation } from 'react-i18next';
import type { CardGroup } from '../lib/grouping';
import { useBoardStore } from '../stores/board';
import { ModuleCard } from './ModuleCard';

interface Props {
  group: CardGroup;
  tabStop: string | null;
}

export function ModuleGroup({ group, tabStop }: Props) {
  const { t } = useTranslation();
  const baseBranch = useBoardStore((s) => s.board?.workspace.baseBranch ?? '');
  const headingId = `group-${group.id}`;
  const title = group.kind === 'other' ? t('board.otherGroup') : group.kind === 'phase' ? t(`phase.${group.id}`) : group.title;
  return (
    <section className="module-group" aria-labelledby={headingId} data-testid="module-group" data-group-id={group.id}>
      <h2 id={headingId} className="group-heading">
        {title}
        <span className="group-count">
          <span aria-hidden="true">{group.cards.length}</span>
          <span className="visually-hidden">{t('board.groupCount', { count: group.cards.length })}</span>
        </span>
      </h2>
      {group.cards.length === 0 ? (
        <p className="subtle group-empty">{t('board.groupEmpty')}</p>
      ) : (
        <ul className="card-grid">
          {group.cards.map((card) => (
            <ModuleCard key={card.id} card={card} isTabStop={card.id === tabStop} baseBranch={baseBranch} />
          ))}
        </ul>
      )}
    </section>
  );
}
