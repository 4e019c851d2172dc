// "Refresh": reads the CI host now (the same read a push triggers), disabled while a read is under way.

import { useTranslation } from 'react-i18next';
import { useCiStore } from '../../stores/ci';

export function CiRefreshButton({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const refreshing = useCiStore((s) => s.refreshing);
  return (
    <button type="button" className="button small" onClick={() => void useCiStore.getState().refresh()} disabled={refreshing} aria-busy={refreshing} title={t('ci.refreshLabel')} data-testid={testId}>
      {refreshing ? t('ci.refreshing') : t('ci.refresh')}
    </button>
  );
}
