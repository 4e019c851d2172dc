// A remote run's jobs and their steps as the CI reports them (GitHub has no live log: states while it runs, the log
// on the CI's page once done): the step under way in one line, every job and step in a disclosure.

import { useTranslation } from 'react-i18next';
import type { RemoteJob } from '../../../../shared/types-remote';
import { stepClass } from './remoteView';

/** The step now under way (or the last one that failed), with its place in its job. */
function currentStep(jobs: RemoteJob[]): { job: RemoteJob; index: number } | null {
  for (const want of ['running', 'failed'] as const) {
    for (const job of jobs) {
      const index = job.steps.findIndex((s) => s.state === want);
      if (index >= 0) return { job, index };
    }
  }
  return null;
}

export function RemoteJobSteps({ jobs, runId }: { jobs: RemoteJob[]; runId: string }) {
  const { t } = useTranslation();
  if (jobs.length === 0) return null;
  const now = currentStep(jobs);
  return (
    <div className="remote-steps" data-testid="remote-steps">
      {now && (
        <span className="remote-step-now" data-testid="remote-step-now">
          {t('remote.steps.now', { step: now.job.steps[now.index]!.name, n: now.index + 1, total: now.job.steps.length })}
        </span>
      )}
      <details>
        <summary>{t('remote.steps.summary', { count: jobs.length })}</summary>
        {jobs.map((job, j) => (
          <div key={`${runId}:${j}`} className="remote-job" data-testid="remote-job" data-state={job.state}>
            <span className={stepClass(job.state)}>
              {job.url ? (
                <a href={job.url} target="_blank" rel="noreferrer">
                  {job.name}
                </a>
              ) : (
                job.name
              )}{' '}
              ({t(`remote.stepState.${job.state}`)})
            </span>
            <ol>
              {job.steps.map((step, i) => (
                <li key={`${i}:${step.name}`} data-testid="remote-step" data-state={step.state}>
                  {step.name} <span className={stepClass(step.state)}>{t(`remote.stepState.${step.state}`)}</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </details>
    </div>
  );
}
