// The merge run: its progress with Cancel, then its results; when the target is checked out in the user's
// working tree, the way on into the integration branch; when the target moved, a new forecast.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useJobsStore } from '../../stores/jobs';
import { useMergeStore } from '../../stores/merge';
import { useMergeRunStore } from '../../stores/mergeRun';
import { ErrorNotice } from '../ErrorNotice';
import { JobProgressBar } from '../JobProgressBar';
import { MergeResults } from './MergeResults';

export function MergeRunPanel() {
  const { t } = useTranslation();
  const s = useMergeRunStore();
  const job = useJobsStore((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  const cancel = useJobsStore((j) => j.cancel);
  const runForecast = useMergeStore((m) => m.runForecast);
  const integration = useMergeStore((m) => m.targets.find((target) => target.kind === 'integration'));
  const heading = useRef<HTMLHeadingElement>(null);

  // A run started here takes the reader to its progress (the confirmation that started it has closed); coming back
  // to the screen with an earlier run does not move focus.
  const shown = useRef(s.request);
  useEffect(() => {
    if (s.request && s.request !== shown.current) heading.current?.focus();
    shown.current = s.request;
  }, [s.request]);

  if (!s.request) return null;
  const code = s.error?.code;

  return (
    <section aria-labelledby="merge-run-heading" className="merge-section merge-run" data-testid="merge-run">
      <h2 id="merge-run-heading" tabIndex={-1} ref={heading}>
        {t('merges.run.heading', { branch: s.request.branch })}
      </h2>
      {s.running && (
        <JobProgressBar
          job={job ?? { jobId: s.jobId ?? 'merge', kind: 'merge', progress: null, finished: null, cancelling: false }}
          label={t('merges.run.progress', { count: s.request.modules.length, branch: s.request.branch })}
          onCancel={() => s.jobId && void cancel(s.jobId)}
        />
      )}
      {code === 'BRANCH_CHECKED_OUT' ? (
        <div className="notice notice-error" role="alert" data-testid="merge-checked-out">
          <div className="notice-text">
            <strong className="notice-title">{t('merges.run.checkedOutTitle', { branch: s.request.branch })}</strong>
            <span>{s.error!.message}</span>
          </div>
          {s.request.kind !== 'integration' && integration && (
            <button type="button" className="button primary" onClick={() => void s.mergeIntoIntegrationInstead()} data-testid="merge-into-integration">
              {t('merges.run.intoIntegration', { branch: integration.branch })}
            </button>
          )}
        </div>
      ) : code === 'BRANCH_MOVED' ? (
        <div className="notice notice-warning" role="alert" data-testid="merge-target-moved">
          <div className="notice-text">
            <strong className="notice-title">{t('merges.run.movedTitle', { branch: s.request.branch })}</strong>
            <span>{s.error!.message}</span>
          </div>
          <button type="button" className="button primary" onClick={() => void runForecast()}>
            {t('merges.run.forecastAgain')}
          </button>
        </div>
      ) : code === 'CANCELLED' ? (
        <p className="subtle" role="status">
          {t('merges.run.cancelled')}
        </p>
      ) : (
        <ErrorNotice error={s.error} title={t('merges.run.failed')} />
      )}
      {s.report && <MergeResults report={s.report} />}
    </section>
  );
}
