// The question above Approve: how many runs, up to how many turns and about how much; for an engine whose cost is
// unknown, the time cap instead (or that one is still needed).

import { useTranslation } from 'react-i18next';
import type { ImplementEstimate } from '../../../../shared/types-implement';
import { formatRange } from './format';

interface Props {
  estimate: ImplementEstimate;
  engineTitle: string;
  /** The time cap typed, or null when there is none yet. */
  cap: number | null;
}

export function ApproveQuestion({ estimate, engineTitle, cap }: Props) {
  const { t } = useTranslation();
  const count = estimate.totals.runs;
  let text: string;
  if (count === 0) text = t('implement.dialog.nothingToRun');
  else if (!estimate.costKnown) text = cap === null ? t('implement.dialog.approveNeedsCap', { count }) : t('implement.dialog.approveQuestionUnknown', { count, minutes: cap, engine: engineTitle });
  else text = t('implement.dialog.approveQuestion', { count, turns: estimate.maxTurns, cost: formatRange(estimate.totals.lowUsd, estimate.totals.highUsd) });
  return (
    <p className="approve-question" data-testid="implement-approve-question">
      {text}
    </p>
  );
}
