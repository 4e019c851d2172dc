// The runs of one remote batch, one row per module: its state, the CI's jobs and steps (or why it waits or stopped),
// the CI run's link, its cost and what it offers now (cancel, retry, review).

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import { RemoteCiLink } from './RemoteCiLink';
import { RemoteJobSteps } from './RemoteJobSteps';
import { RemoteRunControls } from './RemoteRunControls';
import { RemoteRunCost } from './RemoteRunCost';
import { RemoteRunState } from './RemoteRunState';
import { remoteRunHref, stepPhase } from './remoteView';

export function RemoteRunTable({ runs, caption }: { runs: RemoteRun[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="run-table remote-run-table" data-testid="remote-runs">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agents.runs.module')}</th>
            <th scope="col">{t('remote.runs.state')}</th>
            <th scope="col">{t('remote.runs.progress')}</th>
            <th scope="col">{t('remote.runs.ci')}</th>
            <th scope="col" className="num">{t('remote.runs.cost')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('remote.runs.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId} data-testid="remote-run" data-run-id={run.runId} data-module-id={run.moduleId} data-state={run.state}>
              <th scope="row">
                <a href={remoteRunHref(run)}>{run.moduleId}</a>
              </th>
              <td>
                <RemoteRunState run={run} />
              </td>
              <td className="remote-progress">
                {run.message && (
                  <span className="remote-message" data-testid="remote-run-message">
                    {run.message}
                  </span>
                )}
                <RemoteJobSteps jobs={run.jobs} runId={run.runId} phase={stepPhase(run)} />
              </td>
              <td>
                <RemoteCiLink run={run} />
              </td>
              <td className="num">
                <RemoteRunCost run={run} />
              </td>
              <td>
                <RemoteRunControls run={run} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
