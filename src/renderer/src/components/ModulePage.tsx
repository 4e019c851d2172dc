// One module: its facts, its five documents (the selected one open in the editor), and the files its
// patterns match. Escape or Back returns to the board; "[" and "]" (Alt+Up/Down in the editor) go to the
// previous and next module; Ctrl/Cmd+1..5 pick a document.

import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_KINDS, type DocKind } from '../../../shared/documents';
import { useNavigationOrder } from '../hooks/useBoardView';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import { moduleDoc } from '../lib/docRef';
import { useBoardStore } from '../stores/board';
import { useModuleStore } from '../stores/module';
import { useRouteStore } from '../stores/route';
import { useWorkspaceStore } from '../stores/workspace';
import { AgentDocPanel } from './agents/AgentDocPanel';
import { ChecksPanel } from './checks/ChecksPanel';
import { DocumentList } from './DocumentList';
import { ErrorNotice } from './ErrorNotice';
import { ModuleFacts } from './ModuleFacts';
import { HistoryLogBar } from './reports/HistoryLogBar';
import { PullRequestPanel } from './pulls/PullRequestPanel';
import { ModuleScope } from './scope/ModuleScope';
import { ModuleImplementPanel } from './implement/ModuleImplementPanel';
import '../styles/module.css';

// Monaco and the markdown renderer are only needed here: keep them out of the board's initial bundle.
const DocumentEditor = lazy(() => import('./DocumentEditor'));

interface Props {
  moduleId: string;
  docKind: DocKind | null;
}

export function ModulePage({ moduleId, docKind }: Props) {
  const { t } = useTranslation();
  const detail = useModuleStore((s) => (s.detail?.card.id === moduleId ? s.detail : null));
  const error = useModuleStore((s) => (s.moduleId === moduleId ? s.error : null));
  const load = useModuleStore((s) => s.load);
  const baseBranch = useWorkspaceStore((s) => s.workspace?.baseBranch ?? '');
  const navigate = useRouteStore((s) => s.navigate);
  const order = useNavigationOrder(moduleId);
  const heading = useRef<HTMLHeadingElement>(null);

  const index = order.indexOf(moduleId);
  const prevId = index > 0 ? order[index - 1] : undefined;
  const nextId = index >= 0 && index < order.length - 1 ? order[index + 1] : undefined;
  const selected: DocKind = docKind ?? detail?.card.docs.find((d) => d.state !== 'missing')?.kind ?? 'as-is';

  useEffect(() => {
    useBoardStore.getState().setActive(moduleId);
    void load(moduleId);
  }, [moduleId, load]);

  useEffect(() => {
    if (detail) document.title = `${detail.card.title} · ${t('app.name')}`;
  }, [detail, t]);

  // Announce the new page to screen readers and give keyboard users a starting point.
  useEffect(() => {
    if (detail) heading.current?.focus({ preventScroll: true });
  }, [detail?.card.id]);

  const back = () => navigate({ page: 'board' });
  const go = (id: string | undefined) => id && navigate({ page: 'module', moduleId: id, doc: docKind });
  const pick = (i: number) => DOC_KINDS[i] && navigate({ page: 'module', moduleId, doc: DOC_KINDS[i] }, { replace: true });
  useKeyboardShortcut('Escape', back);
  useKeyboardShortcut('[', () => void go(prevId));
  useKeyboardShortcut(']', () => void go(nextId));

  return (
    <div className="page module-page" data-testid="module-page" data-module-id={moduleId}>
      <nav className="module-nav" aria-label={t('module.navLabel')}>
        <button type="button" className="button" onClick={back} aria-keyshortcuts="Escape">
          <span aria-hidden="true">← </span>
          {t('module.back')}
        </button>
        <span className="header-spacer" />
        <button type="button" className="button" onClick={() => go(prevId)} disabled={!prevId} aria-keyshortcuts="[ Alt+ArrowUp">
          <span aria-hidden="true">[ </span>
          {t('module.previous')}
        </button>
        <button type="button" className="button" onClick={() => go(nextId)} disabled={!nextId} aria-keyshortcuts="] Alt+ArrowDown">
          {t('module.next')}
          <span aria-hidden="true"> ]</span>
        </button>
      </nav>

      {error && !detail && (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {moduleId}
          </h1>
          <ErrorNotice error={error} title={t('module.loadFailed')} onRetry={() => void load(moduleId)} />
        </>
      )}
      {!detail && !error && <div className="board-placeholder" aria-hidden="true" />}

      {detail && (
        <>
          <header className="module-header">
            <h1 ref={heading} tabIndex={-1}>
              {detail.card.title}
            </h1>
            <ModuleFacts card={detail.card} />
          </header>
          <ErrorNotice error={error} title={t('module.reloadFailed')} onRetry={() => void load(moduleId)} />
          <PullRequestPanel card={detail.card} baseBranch={baseBranch} />
          <section className="module-docs" aria-labelledby="docs-heading">
            <h2 id="docs-heading">{t('module.documents')}</h2>
            <DocumentList moduleId={moduleId} docs={detail.card.docs} draftKinds={detail.card.draftKinds} selected={selected} />
            {selected === 'implementation-log' && <HistoryLogBar moduleId={moduleId} />}
            <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
              <DocumentEditor
                doc={moduleDoc(moduleId, selected)}
                subject={detail.card.title}
                branch={detail.card.branch}
                baseBranch={baseBranch}
                branchTip={detail.card.tip}
                docState={detail.card.docs.find((d) => d.kind === selected)?.state}
                onSwitchDoc={pick}
                onPreviousModule={prevId ? () => go(prevId) : undefined}
                onNextModule={nextId ? () => go(nextId) : undefined}
              />
            </Suspense>
            <AgentDocPanel moduleId={moduleId} kind={selected} />
          </section>
          <ModuleImplementPanel card={detail.card} />
          <ChecksPanel moduleId={moduleId} />
          <ModuleScope detail={detail} />
        </>
      )}
    </div>
  );
}
