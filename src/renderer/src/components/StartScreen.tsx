// No workspace open (or the user asked to switch): recent workspaces, a folder picker where one exists,
// a path field with clear errors, and the demo workspace.

import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../stores/route';
import { useWorkspaceStore } from '../stores/workspace';
import { ErrorNotice } from './ErrorNotice';
import { CloneSection } from './remotes/CloneSection';
import { OpenPathForm } from './OpenPathForm';
import { RecentWorkspaces } from './RecentWorkspaces';
import '../styles/start.css';

export function StartScreen() {
  const { t } = useTranslation();
  const appInfo = useWorkspaceStore((s) => s.appInfo);
  const current = useWorkspaceStore((s) => s.workspace);
  const opening = useWorkspaceStore((s) => s.opening);
  const loadRecent = useWorkspaceStore((s) => s.loadRecent);
  const openDemo = useWorkspaceStore((s) => s.openDemo);
  const pickAndOpen = useWorkspaceStore((s) => s.pickAndOpen);
  const navigate = useRouteStore((s) => s.navigate);
  const openError = useWorkspaceStore((s) => s.openError);
  const openErrorKey = useWorkspaceStore((s) => s.openErrorKey);

  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  const openBoard = useCallback(() => navigate({ page: 'board' }), [navigate]);

  async function afterOpen(opened: Promise<boolean>) {
    if (await opened) navigate({ page: 'board' });
  }

  return (
    <div className="page narrow start-screen" data-testid="start-screen">
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.intro')}</p>
      {current && (
        <p>
          {t('start.current', { name: current.name })} <a href="#/">{t('start.backToBoard')}</a>
        </p>
      )}
      <section className="start-section" aria-labelledby="open-heading">
        <h2 id="open-heading">{t('start.openHeading')}</h2>
        {appInfo?.canPickFolder && (
          <p>
            <button type="button" className="button primary" disabled={opening !== null} onClick={() => void afterOpen(pickAndOpen())}>
              {t('start.pickFolder')}
            </button>
          </p>
        )}
        {openErrorKey === 'picker' && <ErrorNotice error={openError} />}
        <OpenPathForm onOpened={() => navigate({ page: 'board' })} />
      </section>
      <CloneSection onOpened={openBoard} />
      <RecentWorkspaces onOpened={() => navigate({ page: 'board' })} />
      <section className="start-section" aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t('start.demoHeading')}</h2>
        <p className="subtle">{t('start.demoIntro')}</p>
        <button type="button" className="button" disabled={opening !== null} onClick={() => void afterOpen(openDemo())} data-testid="open-demo">
          {opening === 'demo' ? t('start.opening') : t('start.openDemo')}
        </button>
        {openErrorKey === 'demo' && <ErrorNotice error={openError} />}
      </section>
    </div>
  );
}
