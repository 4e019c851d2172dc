// A deploy's outcome as a small chip: succeeded, failed, cancelled, timed out, error (or running).

import { useTranslation } from 'react-i18next';
import type { DeployOutcome } from '../../../../shared/types-deploy';

const SYMBOL: Record<DeployOutcome | 'running', string> = { succeeded: '✓', failed: '✗', cancelled: '–', 'timed-out': '⏱', error: '!', running: '⟳' };

export function OutcomeChip({ outcome }: { outcome: DeployOutcome | 'running' }) {
  const { t } = useTranslation();
  return (
    <span className={`chip deploy-outcome deploy-outcome-${outcome}`} data-testid="deploy-outcome" data-outcome={outcome}>
      <span aria-hidden="true">{SYMBOL[outcome]} </span>
      {t(`deploy.outcome.${outcome}`)}
    </span>
  );
}
