// The board's entry to implementation batches: "Implement…" opens the dialog with the modules whose TO-BE is
// approved ticked; below it, the batches going on (progress, cancel) or interrupted by a quit (resume), and those on
// CI runners (per module state, CI link, cancel, retry, review).

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { approvedModules } from '../../lib/implementStatus';
import { useBoardStore } from '../../stores/board';
import { useImplementDialogStore } from '../../stores/implementDialog';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { RemoteBatchPanel } from '../remote/RemoteBatchPanel';
import { ImplementBatchBar } from './ImplementBatchBar';

export function ImplementLauncher() {
  const { t } = useTranslation();
  useEffect(() => {
    void useImplementRunsStore.getState().loadRuns();
  }, []);
  const open = () => useImplementDialogStore.getState().show({ modules: approvedModules(useBoardStore.getState().board?.modules ?? []), fixed: false });
  return (
    <>
      <button type="button" className="button" data-testid="open-implement-dialog" onClick={open}>
        {t('implement.board.open')}
      </button>
      <ImplementBatchBar />
      <RemoteBatchPanel />
    </>
  );
}
