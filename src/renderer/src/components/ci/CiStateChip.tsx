// One branch's CI as a chip: "CI 3 ✓ 1 ✗" in the state's colours (symbols hidden from screen readers, which read
// "CI: 3 passing, 1 failing"), the host's words per check in the tooltip. Shared by the cards and the board's line.

import { useTranslation } from 'react-i18next';
import type { CiBranchStatus } from '../../../../shared/types-ci';
import { formatNumber } from '../../format';
import { badgeSymbols, hostWords, type CiBadge } from '../../lib/ciView';

interface Props {
  branch: CiBranchStatus;
  badge: CiBadge;
  remote: string;
  testId: string;
}

export function CiStateChip({ branch, badge, remote, testId }: Props) {
  const { t } = useTranslation();
  const spoken = badge.parts.length > 0 ? badge.parts.map((p) => t(`ci.count.${p.state}`, { formatted: formatNumber(p.count) })).join(', ') : t('ci.badge.noneSpoken');
  const title =
    branch.checks.length > 0
      ? hostWords(branch)
      : branch.hostTip
        ? t('ci.badge.noChecks', { commit: branch.hostTip.slice(0, 7), branch: branch.branch, remote })
        : t('ci.badge.notPushed', { branch: branch.branch, remote });
  return (
    <span className={`chip ci-chip ci-${badge.state}`} data-testid={testId} data-state={badge.state} title={title}>
      <span aria-hidden="true">
        {badge.parts.length > 0 ? (
          <>
            {t('ci.badge.text')} {badgeSymbols(badge)}
          </>
        ) : (
          t('ci.badge.none')
        )}
      </span>
      <span className="visually-hidden">{t('ci.badge.label', { summary: spoken })}</span>
    </span>
  );
}
