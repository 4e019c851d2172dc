// A run's review cell: for a draft that waits for review, "Review" (the module's editor comparing the draft with
// the document as committed at the branch tip) and a "Reviewed" mark; once committed, the commit.

import { useTranslation } from 'react-i18next';
import { useAgentsRunsStore, type RunView } from '../../stores/agentsRuns';
import { useBoardStore } from '../../stores/board';
import { useEditorViewStore } from '../../stores/editorView';

export function RunReviewCell({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const awaiting = useAgentsRunsStore((s) => s.awaiting[run.runId] === true);
  const markReviewed = useAgentsRunsStore((s) => s.markReviewed);
  const doc = t(`doc.${run.kind}.long`);
  if (run.record?.commit) {
    return (
      <span className="subtle" data-testid="run-committed">
        {t('agents.review.committed', { commit: run.record.commit.slice(0, 7) })}
      </span>
    );
  }
  if (!awaiting) return null;
  return (
    <span className="run-review" data-testid="run-review">
      <a
        className="button small"
        href={`#/module/${encodeURIComponent(run.moduleId)}/${run.kind}`}
        onClick={() => {
          // The draft against the committed document: the compare view, with the branch tip as the other side.
          const tip = useBoardStore.getState().board?.modules.find((m) => m.id === run.moduleId)?.tip ?? run.record?.baseTip;
          if (!tip) return;
          useEditorViewStore.getState().setCompareTarget({ type: 'commit', commit: tip });
          useEditorViewStore.getState().setView('compare');
        }}
        aria-label={t('agents.review.openOf', { module: run.moduleId, doc })}
      >
        {t('agents.review.open')}
      </a>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={!!run.record?.reviewedAt}
          onChange={(e) => void markReviewed(run.runId, e.target.checked)}
          aria-label={t('agents.review.markOf', { module: run.moduleId, doc })}
          data-testid="run-reviewed"
        />
        <span aria-hidden="true">{t('agents.review.mark')}</span>
      </label>
    </span>
  );
}
