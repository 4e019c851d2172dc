// Shown instead of the app when this browser tab has no session: it was not opened from a link the server
// printed, or the server restarted since (which ends every session). Nothing can be done from here but to open a link.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function SessionNeeded({ reason }: { reason: 'missing' | 'ended' }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(`session.${reason}.title`)} · ${t('app.name')}`;
  }, [reason, t]);
  return (
    <main id="main" className="page narrow" data-testid="session-needed">
      <h1>{t(`session.${reason}.title`)}</h1>
      <p>{t(`session.${reason}.body`)}</p>
      <p>{t('session.howToOpen')}</p>
    </main>
  );
}
