// What a generation did, said once it is done: a new draft to review (and whether the user's text was kept), or nothing new.

import { useTranslation } from 'react-i18next';
import type { GenerationOutcome } from '../../stores/reportDrafts';

interface Props {
  outcome: GenerationOutcome | null;
  kind: 'log' | 'workspace';
}

export function GenerationOutcomeText({ outcome, kind }: Props) {
  const { t } = useTranslation();
  // The live region stays mounted so screen readers announce the sentence when it appears.
  return (
    <p className="report-outcome" role="status" data-testid="generation-outcome">
      {outcome &&
        (outcome.changed
          ? [
              kind === 'log' ? t('reports.log.generated', { count: outcome.commits ?? 0 }) : t('reports.workspace.generated'),
              outcome.truncated ? t('reports.log.truncated') : '',
              outcome.keptUserText ? t('reports.keptUserText') : '',
              t('reports.review'),
            ]
              .filter(Boolean)
              .join(' ')
          : t('reports.unchanged'))}
    </p>
  );
}
