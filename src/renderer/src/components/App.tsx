// The window: header, connection banner, and the page the route and workspace call for.

import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../stores/route';
import { useWorkspaceStore } from '../stores/workspace';
import { AgentSettingsPage } from './agents/AgentSettingsPage';
import { BatchDialog } from './agents/BatchDialog';
import { RunsPage } from './agents/RunsPage';
import { ResumeNotices } from './agents/ResumeNotices';
import { AppHeader } from './AppHeader';
import { Board } from './Board';
import { ConnectionBanner } from './ConnectionBanner';
import { useConnectionStore } from '../stores/connection';
import { SessionNeeded } from './SessionNeeded';
import { ErrorNotice } from './ErrorNotice';
import { LoadingScreen } from './LoadingScreen';
import { MergePage } from './merge/MergePage';
import { ModulePage } from './ModulePage';
import { NotFoundPage } from './NotFoundPage';
import { RemotesSettings } from './remotes/RemotesSettings';
import { ShortcutsSheet } from './ShortcutsSheet';
import { StartScreen } from './StartScreen';
import { WorkspaceDocsPage } from './WorkspaceDocsPage';
import { CommandConsentDialog } from './trust/CommandConsentDialog';
import { ImplementDialogHost } from './implement/ImplementDialogHost';

// The Deploy screen brings the environments form's schema (zod): fetched when first opened.
const DeployPage = lazy(() => import('./deploy/DeployPage'));

export function App() {
  const { t } = useTranslation();
  const status = useWorkspaceStore((s) => s.status);
  const loadError = useWorkspaceStore((s) => s.loadError);
  const hasWorkspace = useWorkspaceStore((s) => s.workspace !== null);
  const load = useWorkspaceStore((s) => s.load);
  const route = useRouteStore((s) => s.route);
  const connection = useConnectionStore((s) => s.state);

  const page = status !== 'ready' ? 'loading' : !hasWorkspace || route.page === 'workspaces' ? 'start' : route.page;

  useEffect(() => {
    if (page === 'start') document.title = `${t('start.title')} · ${t('app.name')}`;
    else if (page === 'board') document.title = `${t('board.title')} · ${t('app.name')}`;
  }, [page, t]);

  if (connection.status === 'signedOut') return <SessionNeeded reason={connection.reason} />;

  let content;
  if (status === 'loading') content = <LoadingScreen />;
  else if (status === 'error')
    content = (
      <div className="page narrow">
        <h1>{t('app.loadFailed')}</h1>
        <ErrorNotice error={loadError} onRetry={() => void load()} />
      </div>
    );
  else if (page === 'start') content = <StartScreen />;
  // One element for both, so switching between a document and the Changes view keeps the page (and its panel).
  else if (route.page === 'module') content = <ModulePage moduleId={route.moduleId} docKind={route.doc} />;
  else if (route.page === 'module-changes') content = <ModulePage moduleId={route.moduleId} docKind={null} changes={route.view} />;
  else if (route.page === 'settings-remotes') content = <RemotesSettings />;
  else if (route.page === 'workspace-docs') content = <WorkspaceDocsPage name={route.name} />;
  else if (route.page === 'agent-settings') content = <AgentSettingsPage />;
  else if (route.page === 'agent-runs') content = <RunsPage batchId={route.batchId} />;
  else if (route.page === 'merge') content = <MergePage />;
  else if (route.page === 'deploy')
    content = (
      <Suspense fallback={<LoadingScreen />}>
        <DeployPage environment={route.environment} />
      </Suspense>
    );
  else if (route.page === 'not-found') content = <NotFoundPage hash={route.hash} />;
  else content = <Board />;

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <AppHeader page={page} />
      <ConnectionBanner />
      <ResumeNotices />
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <ShortcutsSheet />
      <BatchDialog />
      <CommandConsentDialog />
      <ImplementDialogHost />
    </>
  );
}

// The hash is the route, so the skip link moves focus itself instead of navigating.
function skipToMain(event: React.MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
