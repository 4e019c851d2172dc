// A module's CI repair in one chip (the card, the CI tab): an agent repairing its failing CI now, or a repair
// waiting for review; nothing otherwise.

import { useTranslation } from 'react-i18next';
import { repairStatus } from '../../../lib/ciRepairStatus';
import { useCiRepairStore } from '../../../stores/ciRepair';
import { useImplementRunsStore } from '../../../stores/implementRuns';

export function RepairChip({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const state = useCiRepairStore((s) => s.byModule[moduleId]);
  const status = useImplementRunsStore((s) => repairStatus(state, s.runs, moduleId));
  if (!status) return null;
  return (
    <span className={`chip impl-chip ${status === 'repairing' ? 'impl-running' : 'impl-review'}`} data-testid="ci-repair-chip" data-status={status} title={t(`ciRepair.chip.${status}Hint`)}>
      {t(`ciRepair.chip.${status}`)}
    </span>
  );
}
