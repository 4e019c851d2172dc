// "Connection lost, reconnecting": shown while the browser's link to the host is down.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../stores/connection';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionStore((s) => s.state);
  const reconnects = useConnectionStore((s) => s.reconnects);
  const retryNow = useConnectionStore((s) => s.retryNow);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    if (reconnects === 0) return;
    setRestored(true);
    const timer = setTimeout(() => setRestored(false), 4000);
    return () => clearTimeout(timer);
  }, [reconnects]);

  const lost = state.status === 'lost';
  return (
    <div className={lost ? 'connection-banner lost' : restored ? 'connection-banner restored' : 'connection-banner'} data-testid="connection-banner">
      <span role="status">
        {lost ? t('connection.lost', { count: state.attempt }) : restored ? t('connection.restored') : ''}
      </span>
      {lost && state.attempt >= 4 && <span className="connection-hint">{t('connection.restartHint')}</span>}
      {lost && (
        <button type="button" className="button small" onClick={retryNow}>
          {t('connection.retryNow')}
        </button>
      )}
    </div>
  );
}
