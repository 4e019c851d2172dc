// The Changes entry beside the module's documents: opens its implementation runs and the branch's code in the main
// area (C does too), with how many runs there are and whether one waits for review.

import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../../shared/types';
import { formatHash } from '../../lib/route';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';

export function ChangesLink({ card, current }: { card: ModuleCard; current: boolean }) {
  const { t } = useTranslation();
  const runs = runsOfModule(useImplementRunsStore((s) => s.runs), card.id);
  const review = runs.filter((r) => r.state === 'review').length;
  return (
    <a
      href={formatHash({ page: 'module-changes', moduleId: card.id, view: { kind: 'runs', runId: null } })}
      className="document-link changes-link"
      aria-current={current ? 'page' : undefined}
      aria-keyshortcuts="C"
      data-testid="main-changes-link"
    >
      <span className="document-name">{t('moduleTabs.changes')}</span>
      {review > 0 ? (
        <span className="chip chip-review" data-testid="changes-review-count">
          {t('moduleTabs.toReview', { count: review })}
        </span>
      ) : (
        <span className="subtle changes-count">{t('moduleTabs.runs', { count: runs.length })}</span>
      )}
    </a>
  );
}
