// On the start screen: "Clone from URL…" — address, target folder, an optional token, progress with Cancel,
// then the clone opens (and its board offers Initialise as for any repository).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { cloneFolderName, joinFolder } from '../../lib/cloneTarget';
import { useCloneStore } from '../../stores/remotesClone';
import { useWorkspaceStore } from '../../stores/workspace';
import { useJobsStore } from '../../stores/jobs';
import { ErrorNotice } from '../ErrorNotice';
import { PlainHttpNote } from '../PlainHttpNote';
import { JobProgressBar } from '../JobProgressBar';
import '../../styles/remotes.css';

export function CloneSection({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const [url, setUrl] = useState('');
  const [path, setPath] = useState('');
  const [withToken, setWithToken] = useState(false);
  const [token, setToken] = useState('');
  const [pickError, setPickError] = useState<ApiError | null>(null);
  const appInfo = useWorkspaceStore((s) => s.appInfo);
  const { jobId, starting, error, cancelled, openedPath, start, clearError } = useCloneStore();
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const cancel = useJobsStore((s) => s.cancel);
  const running = starting || !!jobId;
  // An SSH address is refused with its HTTPS form, offered here in one click.
  const httpsUrl = error?.code === 'SSH_UNSUPPORTED' ? (error.data?.httpsUrl as string | undefined) : undefined;

  useEffect(() => {
    if (openedPath) {
      useCloneStore.setState({ openedPath: null });
      onOpened();
    }
  }, [openedPath, onOpened]);

  // The desktop app's folder dialog picks where the clone goes: a new folder named after the repository inside it.
  async function choosePlace() {
    setPickError(null);
    try {
      const { path: picked } = await api.pickWorkspaceFolder({});
      if (picked) setPath(joinFolder(picked, cloneFolderName(url) ?? 'repository', appInfo?.platform ?? ''));
    } catch (failure) {
      setPickError(asApiError(failure));
    }
  }

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    void start({ url: url.trim(), path: path.trim(), token: withToken && token ? token : undefined });
  }

  return (
    <section className="start-section" aria-labelledby="clone-heading" data-testid="clone-section">
      <h2 id="clone-heading">{t('remotes.clone.heading')}</h2>
      <p className="subtle">{t('remotes.clone.intro')}</p>
      {!expanded ? (
        <button type="button" className="button" onClick={() => setExpanded(true)} aria-expanded={false} data-testid="clone-open">
          {t('remotes.clone.open')}
        </button>
      ) : (
        <form className="clone-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="clone-url">{t('remotes.clone.urlLabel')}</label>
            <input id="clone-url" value={url} onChange={(e) => {
                setUrl(e.target.value);
                clearError();
              }} disabled={running} autoComplete="off" spellCheck={false} placeholder="https://github.com/org/repo.git" autoFocus />
          </div>
          <PlainHttpNote url={url} />
          <div className="field">
            <label htmlFor="clone-path">{t('remotes.clone.pathLabel')}</label>
            <input id="clone-path" value={path} onChange={(e) => {
                setPath(e.target.value);
                clearError();
              }} disabled={running} autoComplete="off" spellCheck={false} placeholder={t('remotes.clone.pathPlaceholder')} />
            {appInfo?.canPickFolder && (
              <button type="button" className="button" onClick={() => void choosePlace()} disabled={running}>
                {t('remotes.clone.choose')}
              </button>
            )}
          </div>
          <ErrorNotice error={pickError} />
          <label className="checkbox">
            <input type="checkbox" checked={withToken} onChange={(e) => setWithToken(e.target.checked)} disabled={running} />
            <span>{t('remotes.clone.withToken')}</span>
          </label>
          {withToken && (
            <div className="field">
              <label htmlFor="clone-token">{t('remotes.tokenLabel')}</label>
              <input id="clone-token" type="password" value={token} onChange={(e) => setToken(e.target.value)} disabled={running} autoComplete="off" />
            </div>
          )}
          <div className="remote-form-actions">
            <button type="submit" className="button primary" disabled={running || !url.trim() || !path.trim()} data-testid="clone-submit">
              {t('remotes.clone.submit')}
            </button>
          </div>
        </form>
      )}
      {job && !job.finished && <JobProgressBar job={job} label={t('remotes.clone.progressLabel')} onCancel={() => void cancel(job.jobId)} />}
      {cancelled && <p role="status">{t('remotes.clone.cancelled')}</p>}
      <ErrorNotice error={error} title={httpsUrl ? t('remotes.sshTitle') : t('remotes.clone.failed')} />
      {httpsUrl && (
        <button
          type="button"
          className="button"
          onClick={() => {
            setUrl(httpsUrl);
            clearError();
          }}
        >
          {t('remotes.useHttps', { url: httpsUrl })}
        </button>
      )}
    </section>
  );
}
