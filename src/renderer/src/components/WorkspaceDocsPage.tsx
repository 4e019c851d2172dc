// The workspace documents, edited and committed like module documents but on the workspace branch.
// Ctrl/Cmd+1..5 pick a document; Escape returns to the board.

import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_DOC_FILE_NAMES, type WorkspaceDocName } from '../../../shared/documents';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import { workspaceDoc } from '../lib/docRef';
import { useRouteStore } from '../stores/route';
import { useWorkspaceStore } from '../stores/workspace';
import { WorkspaceDocList } from './WorkspaceDocList';
import { WorkspaceReportBar } from './reports/WorkspaceReportBar';
import { GENERATED_WORKSPACE_DOCS, type GeneratedWorkspaceDoc } from '../../../shared/types-reports';
import '../styles/module.css';

const DocumentEditor = lazy(() => import('./DocumentEditor'));

export function WorkspaceDocsPage({ name }: { name: WorkspaceDocName | null }) {
  const { t } = useTranslation();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const navigate = useRouteStore((s) => s.navigate);
  const selected = name ?? WORKSPACE_DOC_FILE_NAMES[0];

  useEffect(() => {
    document.title = `${t('workspaceDocs.title')} · ${t('app.name')}`;
  }, [t]);
  useKeyboardShortcut('Escape', () => navigate({ page: 'board' }));

  if (!workspace) return null;
  const pick = (i: number) => {
    const next = WORKSPACE_DOC_FILE_NAMES[i];
    if (next) navigate({ page: 'workspace-docs', name: next }, { replace: true });
  };
  return (
    <div className="page module-page" data-testid="workspace-docs-page">
      <header className="module-header">
        <h1>{t('workspaceDocs.title')}</h1>
        <p className="subtle">{t('workspaceDocs.intro', { branch: workspace.workspaceBranch })}</p>
      </header>
      <section className="module-docs" aria-labelledby="workspace-docs-heading">
        <h2 id="workspace-docs-heading" className="visually-hidden">
          {t('workspaceDocs.listLabel')}
        </h2>
        <WorkspaceDocList selected={selected} />
        {workspace.initialised && (GENERATED_WORKSPACE_DOCS as readonly string[]).includes(selected) && <WorkspaceReportBar name={selected as GeneratedWorkspaceDoc} />}
        {workspace.initialised ? (
          <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
            <DocumentEditor
              doc={workspaceDoc(selected)}
              subject={t('workspaceDocs.commitSubject')}
              branch={workspace.workspaceBranch}
              baseBranch={workspace.baseBranch}
              onSwitchDoc={pick}
            />
          </Suspense>
        ) : (
          <p className="notice notice-info">{t('workspaceDocs.notInitialised', { branch: workspace.workspaceBranch })}</p>
        )}
      </section>
    </div>
  );
}
