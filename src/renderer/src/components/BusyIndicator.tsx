// A subtle "Loading…" in the header for anything that takes longer than half a second.

import { useTranslation } from 'react-i18next';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useBoardStore } from '../stores/board';
import { useModuleStore } from '../stores/module';
import { useWorkspaceStore } from '../stores/workspace';

export function BusyIndicator() {
  const { t } = useTranslation();
  const boardBusy = useBoardStore((s) => s.loading);
  const moduleBusy = useModuleStore((s) => s.loading);
  const opening = useWorkspaceStore((s) => s.opening !== null);
  const show = useDelayedFlag(boardBusy || moduleBusy || opening);
  return (
    <span className="busy" role="status">
      {show && (
        <>
          <span className="spinner small" aria-hidden="true" />
          {t('app.loading')}
        </>
      )}
    </span>
  );
}
