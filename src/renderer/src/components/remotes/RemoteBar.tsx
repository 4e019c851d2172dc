// The board's remote row: Fetch, the auto-fetch switch, when it last fetched, an offline badge, branches a push
// left queued, and Push all.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import { useRemotesStore } from '../../stores/remotes';
import { AUTO_FETCH_MS, useRemotesStatusStore } from '../../stores/remotesStatus';
import { usePushStore } from '../../stores/remotesPush';
import { PushDialog } from './PushDialog';
import { PushQueuedButton } from './PushQueuedButton';
import '../../styles/remotes.css';

export function RemoteBar() {
  const { t } = useTranslation();
  const remotes = useRemotesStore((s) => s.remotes);
  const loadRemotes = useRemotesStore((s) => s.load);
  const fetching = useRemotesStatusStore((s) => s.fetchJobId !== null);
  const fetchNow = useRemotesStatusStore((s) => s.fetch);
  const loadStatus = useRemotesStatusStore((s) => s.loadStatus);
  const lastFetchAt = useRemotesStatusStore((s) => s.lastFetchAt);
  const offline = useRemotesStatusStore((s) => s.offline);
  const fetchErrors = useRemotesStatusStore((s) => s.fetchErrors);
  const autoFetch = useRemotesStatusStore((s) => s.autoFetch);
  const setAutoFetch = useRemotesStatusStore((s) => s.setAutoFetch);
  const dismissFetchError = useRemotesStatusStore((s) => s.dismissFetchError);
  const openPush = usePushStore((s) => s.openDialog);
  const hasRemotes = !!remotes && remotes.length > 0;
  // Only HTTPS remotes can be fetched or pushed: with none, fetching on a timer would only repeat a failure.
  const usable = !!remotes && remotes.some((r) => r.supported);

  useEffect(() => {
    void loadRemotes();
  }, [loadRemotes]);

  useEffect(() => {
    if (hasRemotes) void loadStatus();
  }, [hasRemotes, loadStatus]);

  useEffect(() => {
    if (!usable || !autoFetch) return;
    const timer = setInterval(() => void fetchNow(), AUTO_FETCH_MS);
    return () => clearInterval(timer);
  }, [usable, autoFetch, fetchNow]);

  if (!remotes) return null;
  if (!hasRemotes) {
    return (
      <div className="remote-bar" data-testid="remote-bar">
        <span className="subtle">{t('remotes.noRemotes')}</span>
        <a href="#/settings/remotes">{t('remotes.addRemoteLink')}</a>
      </div>
    );
  }
  const offlineNames = offline.includes('*') ? remotes.map((r) => r.name) : offline;
  return (
    <div className="remote-bar" data-testid="remote-bar">
      <button type="button" className="button" onClick={() => void fetchNow()} disabled={fetching} aria-busy={fetching} aria-label={t('remotes.fetchLabel')} data-testid="fetch-remotes">
        {fetching ? t('remotes.fetching') : t('remotes.fetch')}
      </button>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={autoFetch && usable}
          disabled={!usable}
          aria-describedby={usable ? undefined : 'push-all-why'}
          onChange={(e) => setAutoFetch(e.target.checked)}
          data-testid="auto-fetch"
        />
        <span>{t('remotes.autoFetch')}</span>
      </label>
      <span role="status" className="remote-bar-status">
        {lastFetchAt && <span className="subtle">{t('remotes.fetchedAt', { time: formatTime(lastFetchAt) })}</span>}
        {offlineNames.length > 0 && (
          <span className="chip chip-warning" title={t('remotes.offlineDetail', { remotes: offlineNames.join(', ') })} data-testid="offline-badge">
            {t('remotes.offline')}
            <span className="visually-hidden"> {t('remotes.offlineDetail', { remotes: offlineNames.join(', ') })}</span>
          </span>
        )}
        {fetchErrors.map((e) => (
          <span key={e.remote} className="chip chip-danger" data-testid="fetch-error">
            {t('remotes.fetchFailed', { remote: e.remote, message: e.message })}
            <button type="button" className="chip-dismiss" onClick={() => dismissFetchError(e.remote)} aria-label={t('remotes.dismissFetchError', { remote: e.remote })}>
              ×
            </button>
          </span>
        ))}
      </span>
      <PushQueuedButton />
      <span className="header-spacer" />
      <button
        type="button"
        className="button primary"
        onClick={() => openPush(remotes.filter((r) => r.supported).map((r) => r.name))}
        disabled={!usable}
        aria-describedby={usable ? undefined : 'push-all-why'}
        data-testid="push-all"
      >
        {t('remotes.pushAll')}
      </button>
      {!usable && (
        <span className="subtle push-all-why" id="push-all-why" data-testid="push-all-why">
          {t('remotes.pushAllWhy', { problems: remotes.map((r) => `${r.name}: ${r.problem?.message ?? t('remotes.push.remoteUnusable')}`).join(' · ') })}
        </span>
      )}
      <PushDialog />
    </div>
  );
}
