// A remote run's spending: what its returned record reports once done ("cost unknown" for an engine that reports
// none), the share of the budget it was given while it is out, else nothing known.

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import { formatUsd } from '../../lib/agentFormat';
import { runCost } from '../implement/format';
import { isOut } from './remoteView';

export function RemoteRunCost({ run }: { run: RemoteRun }) {
  const { t } = useTranslation();
  // A run a runner worked on that left no record: main counts its whole share as spent, and says so.
  if (!run.costKnown && run.costUsd > 0) return <span data-testid="remote-run-cost">{t('remote.run.costCounted', { cost: formatUsd(run.costUsd) })}</span>;
  if (run.state === 'done' || run.costUsd > 0) return <span data-testid="remote-run-cost">{runCost(t, run)}</span>;
  // Its share is only what it may spend while out; a run that ended without a record spent nothing known.
  if (isOut(run) && run.budgetUsd !== null) return <span className="subtle" data-testid="remote-run-cost">{t('remote.run.share', { cost: formatUsd(run.budgetUsd) })}</span>;
  return <span className="subtle" data-testid="remote-run-cost">—</span>;
}
