// ↑3 ↓1, read out as "3 commits ahead, 1 behind main".

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';

interface Props {
  ahead: number;
  behind: number;
  baseBranch: string;
}

export function AheadBehind({ ahead, behind, baseBranch }: Props) {
  const { t } = useTranslation();
  const label = t('card.aheadBehind', { count: ahead, ahead: formatNumber(ahead), behind: formatNumber(behind), base: baseBranch });
  return (
    <span className="ahead-behind" role="img" aria-label={label} title={label} data-testid="ahead-behind">
      <span className={ahead > 0 ? 'ahead nonzero' : 'ahead'}>↑{formatNumber(ahead)}</span>{' '}
      <span className={behind > 0 ? 'behind nonzero' : 'behind'}>↓{formatNumber(behind)}</span>
    </span>
  );
}
