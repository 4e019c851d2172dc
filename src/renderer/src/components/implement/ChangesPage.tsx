// The module's Changes view (#/module/<id>/changes), shown in the module page's main area in place of the
// document: its implementation runs, here and on CI runners (one open with its live transcript or CI steps and, in
// review, its diff), or the whole module branch against the base. The module page handles Escape (back to the
// document). Loaded lazily: it brings Monaco.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangesView } from '../../lib/route';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';
import { useBoardStore } from '../../stores/board';
import { ErrorNotice } from '../ErrorNotice';
import { BranchChangesView } from './BranchChangesView';
import { ImplementRunList } from './ImplementRunList';
import { RunView } from './RunView';
import { useImplementDialogStore } from '../../stores/implementDialog';
import { RemoteRunList } from '../remote/RemoteRunList';
import { RemoteRunView } from '../remote/RemoteRunView';
import '../agents/agents.css';
import './implement.css';

export default function ChangesPage({ moduleId, view }: { moduleId: string; view: ChangesView }) {
  const { t } = useTranslation();
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

  const tab = (kind: 'runs' | 'branch') => (kind === 'runs' ? `#/module/${moduleId}/changes` : `#/module/${moduleId}/changes/branch`);
  return (
    <section className="changes-page" aria-labelledby="changes-heading" data-testid="changes-page" data-module-id={moduleId}>
      <div className="changes-head">
        <h2 id="changes-heading" ref={heading} tabIndex={-1} className="visually-hidden">
          {t('implement.changes.title', { module: title })}
        </h2>
        <nav className="changes-tabs" aria-label={t('implement.changes.tabs')}>
          <a href={tab('runs')} aria-current={view.kind !== 'branch' ? 'page' : undefined} data-testid="changes-tab-runs">
            {t('implement.changes.runsTab', { count: runs.length })}
          </a>
          <a href={tab('branch')} aria-current={view.kind === 'branch' ? 'page' : undefined} data-testid="changes-tab-branch">
            {t('implement.changes.branchTab')}
          </a>
        </nav>
        <button type="button" className="button" onClick={() => useImplementDialogStore.getState().show({ modules: [moduleId], fixed: true })} data-testid="changes-implement">
          {t('implement.module.implement')}
        </button>
      </div>
      <ErrorNotice error={error} title={t('implement.changes.loadFailed')} onRetry={() => void loadRuns(moduleId)} />
      {view.kind === 'branch' ? (
        <BranchChangesView moduleId={moduleId} />
      ) : (
        <>
          <ImplementRunList moduleId={moduleId} runs={runs} openRunId={view.kind === 'runs' ? view.runId : null} />
          <RemoteRunList moduleId={moduleId} />
          {view.kind === 'runs' && view.runId && <RunView key={view.runId} runId={view.runId} />}
          {view.kind === 'remote' && <RemoteRunView key={view.runId} runId={view.runId} />}
        </>
      )}
    </section>
  );
}
