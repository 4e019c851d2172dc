// "Commit all reviewed" for one batch: how many drafts wait for review and how many are marked reviewed, the
// button (disabled with the reason until one is marked), and what the last commit did, run by run.

import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAgentsRunsStore } from '../../stores/agentsRuns';

export function CommitReviewedBar({ batchId, runIds }: { batchId: string; runIds: string[] }) {
  const { t } = useTranslation();
  const waiting = useAgentsRunsStore(useShallow((s) => runIds.filter((id) => s.awaiting[id])));
  const reviewed = useAgentsRunsStore(useShallow((s) => waiting.filter((id) => s.runs[id]?.record?.reviewedAt)));
  const results = useAgentsRunsStore((s) => s.commitResults[batchId]);
  const committing = useAgentsRunsStore((s) => s.committing);
  const commitReviewed = useAgentsRunsStore((s) => s.commitReviewed);
  if (waiting.length === 0 && !results) return null;
  const committed = results?.filter((r) => r.commit) ?? [];
  const failed = results?.filter((r) => r.error) ?? [];

  return (
    <div className="commit-reviewed" data-testid="commit-reviewed">
      <p className="subtle" data-testid="review-count">
        {t('agents.review.waiting', { count: waiting.length, reviewed: reviewed.length })}
      </p>
      {waiting.length > 0 && (
        <>
          <button
            type="button"
            className="button primary"
            disabled={reviewed.length === 0 || committing}
            aria-busy={committing}
            aria-describedby={reviewed.length === 0 ? 'commit-reviewed-reason' : undefined}
            onClick={() => void commitReviewed(batchId, reviewed)}
            data-testid="commit-reviewed-button"
          >
            {t('agents.review.commitAll', { count: reviewed.length })}
          </button>
          {reviewed.length === 0 && (
            <span className="subtle" id="commit-reviewed-reason">
              {t('agents.review.markFirst')}
            </span>
          )}
        </>
      )}
      {results && (
        <div role="status" data-testid="commit-reviewed-result">
          {t('agents.review.result', { count: committed.length, failed: failed.length })}
          {failed.length > 0 && (
            <ul className="commit-reviewed-failures">
              {failed.map((r) => (
                <li key={r.runId}>
                  <code>{r.moduleId}</code> {t(`doc.${r.kind}.long`)}: {r.error?.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
