// The board's entry to agent runs: opens the batch dialog (modules, documents, estimate, approval).

import { useTranslation } from 'react-i18next';
import { useBatchDialogStore } from '../../stores/agentsBatchDialog';

export function BatchLauncher() {
  const { t } = useTranslation();
  return (
    <div className="agents-launcher">
      <button type="button" className="button" data-testid="open-batch-dialog" onClick={() => useBatchDialogStore.getState().show({ modules: 'all', kinds: ['as-is'], fixed: false })}>
        {t('agents.batch.open')}
      </button>
      <a href="#/runs">{t('agents.navRuns')}</a>
    </div>
  );
}
