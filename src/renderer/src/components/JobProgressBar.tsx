// Progress of a long job: a bar with done/total, the current step, and Cancel.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { JobView } from '../stores/jobs';

interface Props {
  job: JobView;
  label: string;
  onCancel: () => void;
}

export function JobProgressBar({ job, label, onCancel }: Props) {
  const { t } = useTranslation();
  const p = job.progress;
  const labelId = `job-${job.jobId}-label`;
  return (
    <div className="job-progress" data-testid="job-progress">
      <div className="job-progress-text">
        <span id={labelId}>{label}</span>
        <span role="status">
          {p ? t('job.counts', { done: formatNumber(p.done), total: formatNumber(p.total) }) : t('job.starting')}
          {p?.message ? ` · ${p.message}` : ''}
        </span>
      </div>
      <progress aria-labelledby={labelId} max={p?.total || 1} value={p ? p.done : undefined} />
      <button type="button" className="button" onClick={onCancel} disabled={job.cancelling}>
        {job.cancelling ? t('job.cancelling') : t('action.cancel')}
      </button>
    </div>
  );
}
