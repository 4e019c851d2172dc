// The phases of a deploy as an ordered list: done, the current one, the one it stopped in, and those to come.

import { useTranslation } from 'react-i18next';
import type { DeployRun } from '../../../../shared/types-deploy';
import { phaseStatuses } from '../../lib/deployView';

const SYMBOL = { done: '✓', current: '⟳', pending: '○', failed: '✗' } as const;

export function DeployPhases({ run }: { run: DeployRun }) {
  const { t } = useTranslation();
  return (
    <ol className="deploy-phases" aria-label={t('deploy.run.phases')} data-testid="deploy-phases">
      {phaseStatuses(run).map(({ phase, status }) => (
        <li key={phase} className={`deploy-phase deploy-phase-${status}`} data-phase={phase} data-status={status} aria-current={status === 'current' ? 'step' : undefined}>
          <span aria-hidden="true">{SYMBOL[status]} </span>
          {t(`deploy.phase.${phase}`)}
          <span className="visually-hidden"> ({t(`deploy.phaseStatus.${status}`)})</span>
        </li>
      ))}
    </ol>
  );
}
