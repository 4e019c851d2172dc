// "Fix with agent" beside a failing module branch's CI: opens the repair dialog (loaded on first use) for the
// module; the run it starts appears with the implementation runs and waits for review like any other.

import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

const CiRepairDialog = lazy(() => import('./CiRepairDialog'));

export function FixWithAgentButton({ moduleId, remote }: { moduleId: string; remote?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="fix-with-agent">
        {t('ciRepair.fix')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <CiRepairDialog moduleId={moduleId} remote={remote} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
