// A module card's deployed state: the environments its changes went out to, newest first, with when; marked when the
// branch has moved on since (the deployed commit is no longer its tip). Nothing for a module never deployed.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../format';
import { useModuleDeploymentsStore } from '../../stores/moduleDeployments';
import './deploy-badge.css';

export function DeployedBadge({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const deployments = useModuleDeploymentsStore((s) => s.byModule?.[moduleId]);

  useEffect(() => {
    if (useModuleDeploymentsStore.getState().byModule === null) void useModuleDeploymentsStore.getState().load();
  }, []);

  if (!deployments || deployments.length === 0) return null;
  const latest = deployments[0]!;
  const names = deployments.map((d) => d.environment);
  const current = deployments.every((d) => d.current);
  const title = deployments
    .map((d) => t(d.current ? 'deploy.badge.lineCurrent' : 'deploy.badge.lineOlder', { environment: d.environment, when: formatDateTime(d.deployedAt), commit: d.commit.slice(0, 7) }))
    .join('\n');
  return (
    <span
      className={`chip deployed-badge${current ? '' : ' deployed-older'}`}
      data-testid="deployed-badge"
      data-environments={names.join(' ')}
      data-current={current ? 'true' : 'false'}
      title={title}
    >
      <span aria-hidden="true">▲ </span>
      {t('deploy.badge.text', { environments: names.join(', '), when: formatRelative(latest.deployedAt) })}
      {!current && <span className="visually-hidden"> {t('deploy.badge.older')}</span>}
    </span>
  );
}
