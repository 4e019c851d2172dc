// One module on the board: a link to its page showing title, id, phase, document states, branch position,
// its checks and CI, and a warning when its patterns match nothing.

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleCard as Card } from '../../../shared/types';
import { formatNumber } from '../format';
import { formatHash } from '../lib/route';
import { useRouteStore } from '../stores/route';
import { AheadBehind } from './AheadBehind';
import { DocBadges } from './DocBadges';
import { PhaseBadge } from './PhaseBadge';
import { mergedUnwritten } from '../../../shared/documents';
import { RemoteBranchChips } from './remotes/RemoteBranchChips';
import { CheckBadge } from './checks/CheckBadge';
import { PullRequestChip } from './pulls/PullRequestChip';
import { ImplementationChip } from './implement/ImplementationChip';
import { DeployedBadge } from './deploy/DeployedBadge';
import { CiBadge } from './ci/CiBadge';
import { RepairChip } from './ci/repair/RepairChip';

interface Props {
  card: Card;
  isTabStop: boolean;
  baseBranch: string;
}

export const ModuleCard = memo(function ModuleCard({ card, isTabStop, baseBranch }: Props) {
  const { t } = useTranslation();
  const route = { page: 'module', moduleId: card.id, doc: null } as const;
  const titleId = `card-${card.id}-title`;
  const detailsId = `card-${card.id}-details`;
  const phaseId = `card-${card.id}-phase`;

  function onKeyDown(event: React.KeyboardEvent<HTMLAnchorElement>) {
    // Enter follows the link natively; Space opens it too, as on a button.
    if (event.key === ' ' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      useRouteStore.getState().navigate(route);
    }
  }

  return (
    <li className="card-cell">
      <a
        href={formatHash(route)}
        className={`module-card phase-${card.phase}`}
        data-testid="module-card"
        data-module-id={card.id}
        data-phase={card.phase}
        tabIndex={isTabStop ? 0 : -1}
        aria-labelledby={`${titleId} ${phaseId}`}
        aria-describedby={detailsId}
        onKeyDown={onKeyDown}
      >
        <div className="card-head">
          <h3 id={titleId} className="card-title" title={card.title}>
            {card.title}
          </h3>
          <PhaseBadge phase={card.phase} id={phaseId} unwritten={mergedUnwritten(card)} />
        </div>
        <div id={detailsId} className="card-body">
          <code className="card-id">{card.id}</code>
          <DocBadges docs={card.docs} draftKinds={card.draftKinds} />
          <div className="card-foot">
            {card.branchExists ? (
              <AheadBehind ahead={card.ahead ?? 0} behind={card.behind ?? 0} baseBranch={baseBranch} />
            ) : (
              <span className="chip chip-muted" data-testid="no-branch">
                {t('card.noBranch')}
              </span>
            )}
            <RemoteBranchChips moduleId={card.id} />
            <ImplementationChip card={card} />
            {card.reviewKinds && card.reviewKinds.length > 0 && (
              <span className="chip chip-warning" data-testid="review-badge" title={card.reviewKinds.map((kind) => t(`doc.${kind}.long`)).join(', ')}>
                {t('card.toReview', { count: card.reviewKinds.length })}
              </span>
            )}
            <CheckBadge moduleId={card.id} />
            <CiBadge moduleId={card.id} />
            <RepairChip moduleId={card.id} />
            <PullRequestChip moduleId={card.id} />
            <DeployedBadge moduleId={card.id} />
            {card.matchedFiles === 0 ? (
              <span className="chip chip-warning" data-testid="no-files-warning">
                <span aria-hidden="true">⚠ </span>
                {t('card.noFiles')}
              </span>
            ) : card.matchedAssets > 0 ? (
              <span className="subtle" data-testid="card-file-count">
                {t('card.codeAndAssets', {
                  code: t('card.codeFiles', { count: card.matchedFiles, formatted: formatNumber(card.matchedFiles) }),
                  assets: t('card.assets', { count: card.matchedAssets, formatted: formatNumber(card.matchedAssets) }),
                })}
              </span>
            ) : (
              <span className="subtle" data-testid="card-file-count">
                {t('card.files', { count: card.matchedFiles, formatted: formatNumber(card.matchedFiles) })}
              </span>
            )}
          </div>
        </div>
      </a>
    </li>
  );
});
