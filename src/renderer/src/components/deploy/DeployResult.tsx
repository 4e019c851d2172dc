// How a deploy ended: succeeded (with its duration), or failed / cancelled / timed out / error with the reason;
// and where the deployment log recorded it on the workspace branch (a deploy that did not succeed is recorded as
// what it was, never as done).

import { useTranslation } from 'react-i18next';
import type { DeployRun } from '../../../../shared/types-deploy';
import { formatDuration } from '../../lib/agentFormat';
import { DeployError } from './DeployError';

export function DeployResult({ run }: { run: DeployRun }) {
  const { t } = useTranslation();
  const duration = run.finishedAt ? formatDuration(Math.max(0, new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime())) : '';
  const succeeded = run.state === 'succeeded';
  return (
    <div className="deploy-result" data-testid="deploy-result" data-outcome={run.state}>
      {succeeded ? (
        <p className="notice notice-success" role="status">
          {t('deploy.result.succeeded', { environment: run.environment, commit: run.commit.slice(0, 7), duration })}
        </p>
      ) : run.error ? (
        <DeployError error={run.error} title={t(`deploy.result.title.${run.state}`, { environment: run.environment })} />
      ) : (
        <p className="notice notice-error" role="alert">
          {/* Why, in the run's own words, is the status line above. */}
          {t(`deploy.result.title.${run.state}`, { environment: run.environment })}
        </p>
      )}
      <p className="subtle" data-testid="deploy-recorded">
        {run.phase !== 'finished'
          ? t('deploy.result.recording')
          : run.recorded
            ? t('deploy.result.recorded', { file: run.recorded.file, commit: run.recorded.commit.slice(0, 7) })
            : t('deploy.result.notRecorded')}
      </p>
    </div>
  );
}
