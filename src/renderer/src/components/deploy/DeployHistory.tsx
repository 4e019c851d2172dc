// The chosen environment's deployment log, newest first: when, who, which commit, which modules, how it ended and
// how long it took, with the run's page where there is one.

import { useTranslation } from 'react-i18next';
import type { DeploymentRecord } from '../../../../shared/types-deploy';
import { formatDuration } from '../../lib/agentFormat';
import { formatDateTime } from '../../format';
import { useDeployStore } from '../../stores/deploy';
import { DeployError } from './DeployError';
import { OutcomeChip } from './OutcomeChip';

const SHOWN_MODULES = 4;

function ModulesCell({ modules }: { modules: string[] }) {
  const { t } = useTranslation();
  if (modules.length === 0) return <span className="subtle">{t('deploy.history.noModules')}</span>;
  const shown = modules.slice(0, SHOWN_MODULES);
  const more = modules.length - shown.length;
  return (
    <span title={modules.join(', ')}>
      {shown.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <code>{id}</code>
        </span>
      ))}
      {more > 0 && ` ${t('deploy.history.more', { count: more })}`}
    </span>
  );
}

function Row({ record }: { record: DeploymentRecord }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="deploy-record" data-outcome={record.outcome} data-commit={record.commit}>
      <th scope="row">
        <time dateTime={record.startedAt}>{formatDateTime(record.startedAt)}</time>
      </th>
      <td>{record.by}</td>
      <td>
        <code title={record.commit}>{record.commit.slice(0, 7)}</code> <span className="subtle">{record.branch}</span>
      </td>
      <td>
        <ModulesCell modules={record.modules} />
      </td>
      <td>
        <OutcomeChip outcome={record.outcome} />
        {record.message && <span className="deploy-record-message"> {record.message}</span>}
        {record.link && (
          <>
            {' '}
            <a href={record.link} target="_blank" rel="noreferrer">
              {t('deploy.history.runLink')}
            </a>
          </>
        )}
      </td>
      <td className="num">{formatDuration(record.durationMs)}</td>
    </tr>
  );
}

export function DeployHistory({ environment }: { environment: string }) {
  const { t } = useTranslation();
  const history = useDeployStore((s) => s.history);
  const error = useDeployStore((s) => s.historyError);
  return (
    <section className="deploy-section" aria-labelledby="deploy-history-heading" data-testid="deploy-history">
      <h2 id="deploy-history-heading">{t('deploy.history.heading', { environment })}</h2>
      <DeployError error={error} title={t('deploy.history.failed')} />
      {history && history.length === 0 && <p className="subtle">{t('deploy.history.empty')}</p>}
      {history && history.length > 0 && (
        <div className="deploy-table-wrap" tabIndex={0} role="region" aria-labelledby="deploy-history-heading">
          <table className="deploy-table">
            <thead>
              <tr>
                <th scope="col">{t('deploy.history.when')}</th>
                <th scope="col">{t('deploy.history.by')}</th>
                <th scope="col">{t('deploy.history.commit')}</th>
                <th scope="col">{t('deploy.history.modules')}</th>
                <th scope="col">{t('deploy.history.outcome')}</th>
                <th scope="col">{t('deploy.history.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((record) => (
                <Row key={record.id} record={record} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
