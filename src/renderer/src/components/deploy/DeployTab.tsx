// The module page's Deploys tab: the deployed line as its panel, and the number of environments the module's
// changes went out to as its badge (nothing when none).

import { formatNumber } from '../../format';
import { useModuleDeploymentsStore } from '../../stores/moduleDeployments';
import type { ModuleTabProps } from '../module/moduleTabs';
import { ModuleDeployLine } from './ModuleDeployLine';

export function DeployTabPanel({ detail }: ModuleTabProps) {
  return <ModuleDeployLine moduleId={detail.card.id} merged={detail.card.phase === 'merged'} />;
}

export function DeployTabBadge({ detail }: ModuleTabProps) {
  const count = useModuleDeploymentsStore((s) => s.byModule?.[detail.card.id]?.length ?? 0);
  if (count === 0) return null;
  return <span className="tab-badge">{formatNumber(count)}</span>;
}
