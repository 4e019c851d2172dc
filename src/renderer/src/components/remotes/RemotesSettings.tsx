// Settings → Remotes: the repository's remotes with their credentials, a form to add one, and their CI runners' set-up.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemotesStore } from '../../stores/remotes';
import { ErrorNotice } from '../ErrorNotice';
import { RemoteForm } from './RemoteForm';
import { RemoteItem } from './RemoteItem';
import { RunnerSetupSection } from '../runner/RunnerSetupSection';
import '../../styles/remotes.css';

export function RemotesSettings() {
  const { t } = useTranslation();
  const remotes = useRemotesStore((s) => s.remotes);
  const error = useRemotesStore((s) => s.error);
  const load = useRemotesStore((s) => s.load);

  useEffect(() => {
    document.title = `${t('remotes.title')} · ${t('app.name')}`;
    void load();
  }, [load, t]);

  return (
    <div className="page narrow remotes-page" data-testid="remotes-settings">
      <h1>{t('remotes.title')}</h1>
      <p className="lead">{t('remotes.intro')}</p>
      <ErrorNotice error={error} title={t('remotes.loadFailed')} onRetry={() => void load()} />
      <section aria-labelledby="remotes-list-heading">
        <h2 id="remotes-list-heading">{t('remotes.listHeading')}</h2>
        {remotes && remotes.length === 0 && <p className="subtle">{t('remotes.none')}</p>}
        {remotes && remotes.length > 0 && (
          <ul className="remote-list">
            {remotes.map((remote) => (
              <RemoteItem key={remote.name} remote={remote} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="remote-add-heading" className="remote-add">
        <h2 id="remote-add-heading">{t('remotes.addHeading')}</h2>
        <p className="subtle">{t('remotes.addHint')}</p>
        <RemoteForm onDone={() => undefined} />
      </section>
      <RunnerSetupSection />
    </div>
  );
}
