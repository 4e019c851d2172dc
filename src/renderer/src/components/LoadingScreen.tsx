// Shown while the window asks main for the current workspace (spinner only after half a second).

import { useTranslation } from 'react-i18next';
import { useDelayedFlag } from '../hooks/useDelayedFlag';

export function LoadingScreen() {
  const { t } = useTranslation();
  const show = useDelayedFlag(true);
  return (
    <div className="page narrow loading-screen" role="status">
      {show && (
        <>
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </>
      )}
    </div>
  );
}
