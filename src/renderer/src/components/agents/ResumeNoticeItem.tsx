// One batch the automatic resume dealt with: "Resumed batch 1a2b3c4d: 12 of 32 runs left" with cancel while it
// runs, or why it was left interrupted; a link to its runs, and dismiss.

import { useTranslation } from 'react-i18next';
import type { ResumeNotice } from '../../../../shared/types-agents';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { useResumeNoticesStore } from '../../stores/agentsResume';

export function ResumeNoticeItem({ notice }: { notice: ResumeNotice }) {
  const { t } = useTranslation();
  const progress = useAgentsRunsStore((s) => s.progress[notice.batchId]);
  const id = notice.batchId.slice(0, 8);
  const resumed = notice.outcome === 'resumed';
  const state = progress?.state ?? (resumed ? 'running' : 'interrupted');
  const left = progress ? progress.total - progress.done : notice.runsLeft;

  let text: string;
  if (!resumed) text = t('agents.resume.notResumed', { id, reason: notice.reason?.message ?? '' });
  else if (state === 'running') text = t('agents.resume.resumed', { id, count: notice.total, left });
  else text = t('agents.resume.ended', { id, state: t(`agents.batchState.${state}`) });

  return (
    <div className={`notice ${resumed ? 'notice-info' : 'notice-warning'}`} role="status" data-testid="resume-notice" data-batch-id={notice.batchId} data-outcome={notice.outcome}>
      <span className="notice-text">{text}</span>
      <a className="button" href={`#/runs/${notice.batchId}`}>
        {t('agents.resume.showRuns')}
      </a>
      {resumed && state === 'running' && (
        <button type="button" className="button" onClick={() => void useAgentsRunsStore.getState().cancelBatch(notice.batchId)}>
          {t('agents.runs.cancelBatch')}
        </button>
      )}
      <button type="button" className="button" onClick={() => void useResumeNoticesStore.getState().dismiss(notice.batchId)} aria-label={t('agents.resume.dismissOf', { id })}>
        {t('agents.resume.dismiss')}
      </button>
    </div>
  );
}
