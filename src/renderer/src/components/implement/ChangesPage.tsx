// The module's Changes view (#/module/<id>/changes): its implementation runs (one open with its live transcript
// and, in review, its diff), or the whole module branch against the base. Escape goes back to the module page.
// Loaded lazily: it brings Monaco.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import type { ChangesView } from '../../lib/route';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';
import { useBoardStore } from '../../stores/board';
import { useRouteStore } from '../../stores/route';
import { ErrorNotice } from '../ErrorNotice';
import { BranchChangesView } from './BranchChangesView';
import { ImplementRunList } from './ImplementRunList';
import { RunView } from './RunView';
import { useImplementDialogStore } from '../../stores/implementDialog';
import '../agents/agents.css';
import './implement.css';

export default function ChangesPage({ moduleId, view }: { moduleId: string; view: ChangesView }) {
  const { t } = useTranslation();
  const navigate = useRouteStore((s) => s.navigate);
  const title = useBoardStore((s) => s.board?.modules.find((m) => m.id === moduleId)?.title ?? moduleId);
  const allRuns = useImplementRunsStore((s) => s.runs);
  const error = useImplementRunsStore((s) => s.error);
  const loadRuns = useImplementRunsStore((s) => s.loadRuns);
  const heading = useRef<HTMLHeadingElement>(null);
  const runs = runsOfModule(allRuns, moduleId);

  useEffect(() => {
    void loadRuns(moduleId);
    if (!useBoardStore.getState().board) void useBoardStore.getState().refresh();
  }, [moduleId, loadRuns]);

  useEffect(() => {
    document.title = `${t('implement.changes.title', { module: title })} · ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [moduleId, view.kind]);

  useKeyboardShortcut('Escape', () => navigate({ page: 'module', moduleId, doc: null }));

  const tab = (kind: 'runs' | 'branch') => (kind === 'runs' ? `#/module/${moduleId}/changes` : `#/module/${moduleId}/changes/branch`);
  return (
    <div className="page changes-page" data-testid="changes-page" data-module-id={moduleId}>
      <nav className="module-nav" aria-label={t('module.navLabel')}>
        <a className="button" href={`#/module/${moduleId}`} aria-keyshortcuts="Escape">
          <span aria-hidden="true">← </span>
          {t('implement.changes.backToModule', { module: title })}
        </a>
        <span className="header-spacer" />
        <button type="button" className="button" onClick={() => useImplementDialogStore.getState().show({ modules: [moduleId], fixed: true })} data-testid="changes-implement">
          {t('implement.module.implement')}
        </button>
      </nav>
      <h1 ref={heading} tabIndex={-1}>
        {t('implement.changes.title', { module: title })}
      </h1>
      <nav className="changes-tabs" aria-label={t('implement.changes.tabs')}>
        <a href={tab('runs')} aria-current={view.kind === 'runs' ? 'page' : undefined} data-testid="changes-tab-runs">
          {t('implement.changes.runsTab', { count: runs.length })}
        </a>
        <a href={tab('branch')} aria-current={view.kind === 'branch' ? 'page' : undefined} data-testid="changes-tab-branch">
          {t('implement.changes.branchTab')}
        </a>
      </nav>
      <ErrorNotice error={error} title={t('implement.changes.loadFailed')} onRetry={() => void loadRuns(moduleId)} />
      {view.kind === 'branch' ? (
        <BranchChangesView moduleId={moduleId} />
      ) : (
        <>
          <ImplementRunList moduleId={moduleId} runs={runs} openRunId={view.runId} />
          {view.runId && <RunView key={view.runId} runId={view.runId} />}
        </>
      )}
    </div>
  );
}
