// A remote run's jobs and their steps as the CI reports them (GitHub has no live log: states while it runs, the log
// on the CI's page once done): the step under way (or the one a failed run stopped at) in one line, every job and
// step in a disclosure.

import { useTranslation } from 'react-i18next';
import type { RemoteJob } from '../../../../shared/types-remote';
import { stepClass } from './remoteView';

/** The first step in this state, with its place in its job. */
function stepIn(jobs: RemoteJob[], state: 'running' | 'failed'): { job: RemoteJob; index: number } | null {
  for (const job of jobs) {
    const index = job.steps.findIndex((s) => s.state === state);
    if (index >= 0) return { job, index };
  }
  return null;
}

/** `phase`: while the run is out the step under way is named; once it failed, the step it stopped at. */
export function RemoteJobSteps({ jobs, runId, phase }: { jobs: RemoteJob[]; runId: string; phase: 'out' | 'failed' | 'ended' }) {
  const { t } = useTranslation();
  if (jobs.length === 0) return null;
  const now = phase === 'ended' ? null : stepIn(jobs, phase === 'out' ? 'running' : 'failed');
  return (
    <div className="remote-steps" data-testid="remote-steps">
      {now && (
        <span className="remote-step-now" data-testid="remote-step-now">
          {t(phase === 'out' ? 'remote.steps.now' : 'remote.steps.failedAt', { step: now.job.steps[now.index]!.name, n: now.index + 1, total: now.job.steps.length })}
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
