// What the Implement dialog says about an agent CLI's spending: it may overshoot the budget by one model call (a CLI
// reports cost only after a call), or it reports no cost at all and only the time cap ends its runs.

import { useTranslation } from 'react-i18next';
import type { EngineInfo } from '../../../../shared/types-engines';

export function EngineNotes({ engine }: { engine: EngineInfo }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice-info engine-notes" data-testid="engine-budget-note">
      {engine.reportsCost ? t('implement.dialog.overshoot', { engine: engine.title }) : t('implement.dialog.noCost', { engine: engine.title })}
      {engine.key ? ` ${t('implement.dialog.keyGiven', { engine: engine.title, variable: engine.key.variable })}` : ` ${t('implement.dialog.ownLogin', { engine: engine.title })}`}
    </p>
  );
}
