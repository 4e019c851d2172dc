// One line on the module page: merged -> deployed to which environments, when and which commit, each linking to
// that environment's Deploy screen; or that it was not deployed yet. Nothing where deploys cannot be read.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { formatHash } from '../../lib/route';
import { useModuleDeploymentsStore } from '../../stores/moduleDeployments';
import './deploy-badge.css';

// One empty list for every render: a selector answering a new [] each time makes React re-render without end.
const EMPTY: never[] = [];

export function ModuleDeployLine({ moduleId, merged }: { moduleId: string; merged: boolean }) {
  const { t } = useTranslation();
  const loaded = useModuleDeploymentsStore((s) => s.byModule !== null);
  const deployments = useModuleDeploymentsStore((s) => s.byModule?.[moduleId] ?? EMPTY);

  useEffect(() => {
    if (useModuleDeploymentsStore.getState().byModule === null) void useModuleDeploymentsStore.getState().load();
  }, []);

  if (!loaded) return null;
  if (deployments.length === 0) {
    return (
      <p className="module-deploy-line subtle" data-testid="module-deploy-line">
        {t(merged ? 'deploy.line.mergedNotDeployed' : 'deploy.line.notDeployed')}
      </p>
    );
  }
  return (
    <p className="module-deploy-line" data-testid="module-deploy-line">
      {t('deploy.line.deployed')}{' '}
      {deployments.map((d, i) => (
        <span key={d.environment} data-environment={d.environment}>
          {i > 0 && '; '}
          <a href={formatHash({ page: 'deploy', environment: d.environment })}>{d.environment}</a>{' '}
          {t(d.current ? 'deploy.line.itemCurrent' : 'deploy.line.itemOlder', { when: formatDateTime(d.deployedAt), commit: d.commit.slice(0, 7) })}
        </span>
      ))}
    </p>
  );
}
