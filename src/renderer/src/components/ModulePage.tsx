// One module: its facts, its five documents (the selected one rendered), and the files its patterns match.
// Escape or Back returns to the board; "[" and "]" go to the previous and next module.

import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../shared/documents';
import { useNavigationOrder } from '../hooks/useBoardView';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import { useBoardStore } from '../stores/board';
import { useModuleStore } from '../stores/module';
import { useRouteStore } from '../stores/route';
import { DocumentList } from './DocumentList';
import { ErrorNotice } from './ErrorNotice';
import { FileList } from './FileList';
import { ModuleFacts } from './ModuleFacts';
import { PatternTable } from './PatternTable';
import '../styles/module.css';

// The markdown renderer is only needed here: keep it out of the board's initial bundle.
const DocumentView = lazy(() => import('./DocumentView'));

interface Props {
  moduleId: string;
  docKind: DocKind | null;
}

export function ModulePage({ moduleId, docKind }: Props) {
  const { t } = useTranslation();
  const detail = useModuleStore((s) => (s.detail?.card.id === moduleId ? s.detail : null));
  const error = useModuleStore((s) => (s.moduleId === moduleId ? s.error : null));
  const doc = useModuleStore((s) => s.doc);
  const load = useModuleStore((s) => s.load);
  const loadDocument = useModuleStore((s) => s.loadDocument);
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
    void loadDocument(moduleId, selected);
  }, [moduleId, selected, loadDocument]);

  useEffect(() => {
    if (detail) document.title = `${detail.card.title} · ${t('app.name')}`;
  }, [detail, t]);

  // Announce the new page to screen readers and give keyboard users a starting point.
  useEffect(() => {
    if (detail) heading.current?.focus({ preventScroll: true });
  }, [detail?.card.id]);

  const back = () => navigate({ page: 'board' });
  const go = (id: string | undefined) => id && navigate({ page: 'module', moduleId: id, doc: docKind });
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
        <button type="button" className="button" onClick={() => go(prevId)} disabled={!prevId} aria-keyshortcuts="[">
          <span aria-hidden="true">[ </span>
          {t('module.previous')}
        </button>
        <button type="button" className="button" onClick={() => go(nextId)} disabled={!nextId} aria-keyshortcuts="]">
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
          <div className="module-columns">
            <section className="module-docs" aria-labelledby="docs-heading">
              <h2 id="docs-heading">{t('module.documents')}</h2>
              <DocumentList moduleId={moduleId} docs={detail.card.docs} draftKinds={detail.card.draftKinds} selected={selected} />
              <Suspense fallback={<p className="subtle">{t('doc.loadingViewer')}</p>}>
                <DocumentView
                  doc={doc?.moduleId === moduleId && doc.kind === selected ? doc : null}
                  kind={selected}
                  branchExists={detail.card.branchExists}
                  onRetry={() => void loadDocument(moduleId, selected)}
                />
              </Suspense>
            </section>
            <section className="module-files" aria-labelledby="files-heading">
              <h2 id="files-heading">{t('files.heading')}</h2>
              {detail.card.matchedFiles === 0 && (
                <div className="notice notice-warning" data-testid="no-files-block">
                  <div className="notice-text">
                    <strong className="notice-title">
                      <span aria-hidden="true">⚠ </span>
                      {t('files.noneTitle')}
                    </strong>
                    <span>{t('files.noneBody')}</span>
                  </div>
                </div>
              )}
              <PatternTable matches={detail.patternMatches} />
              <FileList files={detail.files} total={detail.card.matchedFiles} limit={detail.filesLimit} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
