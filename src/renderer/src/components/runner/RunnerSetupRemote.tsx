// One remote under CI runners: its set-up in plain words, the three files on the base branch, "Open the set-up pull
// request" (on Azure Repos also "Create the pipeline") with the job's progress and Cancel, the pull request's link, the
// Azure pipeline's link or note, and the secrets to add.

import { useTranslation } from 'react-i18next';
import type { RunnerSetupState } from '../../../../shared/types-runner-setup';
import { ApiError } from '../../api';
import { useJobsStore } from '../../stores/jobs';
import { useRunnerSetupStore } from '../../stores/runnerSetup';
import { ErrorNotice } from '../ErrorNotice';
import { JobProgressBar } from '../JobProgressBar';
import { RunnerSecretsNote } from './RunnerSecretsNote';
import { runnerSetupView } from './runnerSetupView';

const CHIP_CLASS = { done: 'chip chip-ok', waiting: 'chip chip-warning', warning: 'chip chip-warning', pipeline: 'chip chip-warning', none: 'chip chip-muted', unknown: 'chip chip-muted' } as const;

export function RunnerSetupRemote({ state }: { state: RunnerSetupState }) {
  const { t } = useTranslation();
  const view = runnerSetupView(state);
  const jobId = useRunnerSetupStore((s) => s.jobs[state.remote]);
  const result = useRunnerSetupStore((s) => s.results[state.remote]);
  const failure = useRunnerSetupStore((s) => s.failures[state.remote] ?? null);
  const propose = useRunnerSetupStore((s) => s.propose);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const cancel = useJobsStore((s) => s.cancel);
  const headingId = `runner-${state.remote}-heading`;

  return (
    <li className="remote-item runner-remote" data-testid="runner-remote" data-remote={state.remote} aria-labelledby={headingId}>
      <div className="remote-item-head">
        <h3 id={headingId}>{state.remote}</h3>
        {state.repository && <code className="remote-url">{state.repository}</code>}
        <span className={CHIP_CLASS[view.chip]} data-testid="runner-chip">
          {t(`runner.chip.${view.chip}`)}
        </span>
      </div>
      <p data-testid="runner-headline">{t(`runner.phase.${view.headline}`, view.values)}</p>
      <ErrorNotice error={state.error && new ApiError(state.error.code, state.error.message, state.error.data)} title={t('runner.readFailed', { remote: state.remote })} />
      <ul className="runner-files" aria-label={t('runner.filesLabel', { base: state.baseBranch })}>
        {view.files.map((file) => (
          <li key={file.id} data-file={file.id}>
            <span>{t(`runner.file.${file.id}`)}</span> <code>{file.path}</code>:{' '}
            <span className={`runner-file-status status-${file.status}`}>
              {t(`runner.status.${file.id === 'bundle' && file.status === 'different' && !state.appBundle ? 'noAppBundle' : file.status}`, { base: state.baseBranch })}
            </span>
          </li>
        ))}
      </ul>
      {view.pull && (
        <p data-testid="runner-pull">
          <a href={view.pull.url} target="_blank" rel="noopener noreferrer" data-testid="runner-pull-link">
            {t('runner.pullLink', { number: view.pull.number })}
          </a>{' '}
          <span className="subtle" data-testid="runner-pull-state">
            {t(`pulls.state.${view.pull.state}`)}
          </span>
        </p>
      )}
      {view.pipelineDefinition && (
        <p data-testid="runner-pipeline">
          <a href={view.pipelineDefinition.url} target="_blank" rel="noopener noreferrer" data-testid="runner-pipeline-link">
            {t('runner.azure.pipelineLink', { name: view.pipelineDefinition.name })}
          </a>
        </p>
      )}
      {job ? (
        <JobProgressBar job={job} label={t('runner.opening', { remote: state.remote })} onCancel={() => void cancel(job.jobId)} />
      ) : (
        (view.canOpen || view.canCreatePipeline) && (
          <div className="remote-actions">
            <button type="button" className="button primary" onClick={() => void propose(state.remote)} disabled={!!jobId} data-testid="runner-open">
              {t(view.canCreatePipeline ? 'runner.azure.createPipeline' : state.phase === 'outdated' ? 'runner.update' : 'runner.open')}
            </button>
            {!state.appBundle && <span className="subtle">{t('runner.noAppBundle')}</span>}
          </div>
        )
      )}
      {result && !jobId && (
        <p role="status" data-testid="runner-result">
          {t(`runner.result.${result.outcome}${state.host === 'azure-devops' && (result.outcome === 'opened' || result.outcome === 'existed') ? 'Azure' : ''}`, { number: result.pull?.number ?? 0, remote: state.remote, base: state.baseBranch, name: result.pipelineCreated?.name ?? '' })}
          {result.outcome !== 'pipeline-created' && result.pipelineCreated ? ` ${t('runner.result.alsoPipeline', { name: result.pipelineCreated.name })}` : ''}
        </p>
      )}
      <ErrorNotice error={failure} title={t('runner.openFailed', { remote: state.remote })} />
      {state.error === null && state.phase !== 'unknown' && <RunnerSecretsNote state={state} />}
      {state.error === null && state.phase !== 'unknown' && state.host !== 'azure-devops' && (
        <p className="subtle runner-note" data-testid="runner-azure">
          {t(state.pipeline === 'missing' ? 'runner.azure.missing' : 'runner.azure.present', { base: state.baseBranch })}
        </p>
      )}
    </li>
  );
}
