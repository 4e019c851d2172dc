// One module: its title and facts in one line, then the main area beside a side panel of tabs for the rest (files,
// implementation, checks, pull request, agent: see module/moduleTabs.tsx). The main area holds the selected
// document in the editor (which gets the window's height) or, at #/module/<id>/changes, the Changes view (runs and
// their review, the branch's code), opened by itself when a run waits for review. Escape or Back returns to the
// board (from the Changes view, to the document); "[" and "]" (Alt+Up/Down in the editor) go to the previous and
// next module; Ctrl/Cmd+1..5 pick a document.

import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_KINDS, type DocKind } from '../../../shared/documents';
import { useNavigationOrder } from '../hooks/useBoardView';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import { useViewportFill } from '../hooks/useViewportFill';
import type { ChangesView } from '../lib/route';
import { useBoardStore } from '../stores/board';
import { useModuleStore } from '../stores/module';
import { useModuleLayoutStore } from '../stores/moduleLayout';
import { useRouteStore } from '../stores/route';
import { useWorkspaceStore } from '../stores/workspace';
import { ErrorNotice } from './ErrorNotice';
import { ModuleFacts } from './ModuleFacts';
import { ModuleChangesArea } from './module/ModuleChangesArea';
import { ModuleDocumentArea } from './module/ModuleDocumentArea';
import { ModuleSidePanel, SIDE_PANEL_ID } from './module/ModuleSidePanel';
import { SidePanelResizer } from './module/SidePanelResizer';
import '../styles/module.css';
import '../styles/module-layout.css';

// The document's frames (Monaco, the preview, the diffs) grow to the window's bottom edge.
const EDITOR_FRAMES = '.module-documents .editor-frame, .module-documents .preview-pane';

interface Props {
  moduleId: string;
  docKind: DocKind | null;
  /** The Changes view to show in the main area instead of the document, or null. */
  changes?: ChangesView | null;
}

export function ModulePage({ moduleId, docKind, changes = null }: Props) {
  const { t } = useTranslation();
  const detail = useModuleStore((s) => (s.detail?.card.id === moduleId ? s.detail : null));
  const error = useModuleStore((s) => (s.moduleId === moduleId ? s.error : null));
  const load = useModuleStore((s) => s.load);
  const baseBranch = useWorkspaceStore((s) => s.workspace?.baseBranch ?? '');
  const navigate = useRouteStore((s) => s.navigate);
  const order = useNavigationOrder(moduleId);
  const heading = useRef<HTMLHeadingElement>(null);
  const layout = useRef<HTMLDivElement>(null);
  const panelWidth = useModuleLayoutStore((s) => s.width);
  const collapsed = useModuleLayoutStore((s) => s.collapsed);
  useViewportFill(layout, EDITOR_FRAMES, detail !== null);

  const index = order.indexOf(moduleId);
  const prevId = index > 0 ? order[index - 1] : undefined;
  const nextId = index >= 0 && index < order.length - 1 ? order[index + 1] : undefined;
  const selected: DocKind = docKind ?? detail?.card.docs.find((d) => d.state !== 'missing')?.kind ?? 'as-is';

  useEffect(() => {
    useBoardStore.getState().setActive(moduleId);
    void load(moduleId);
  }, [moduleId, load]);

  // The Changes view names itself in the title.
  useEffect(() => {
    if (detail && !changes) document.title = `${detail.card.title} · ${t('app.name')}`;
  }, [detail, t, changes === null]);

  // Announce the new page to screen readers and give keyboard users a starting point.
  useEffect(() => {
    if (detail) heading.current?.focus({ preventScroll: true });
  }, [detail?.card.id]);

  const back = () => navigate({ page: 'board' });
  const toDocument = () => navigate({ page: 'module', moduleId, doc: selected });
  const go = (id: string | undefined) => id && navigate({ page: 'module', moduleId: id, doc: docKind });
  const pick = (i: number) => DOC_KINDS[i] && navigate({ page: 'module', moduleId, doc: DOC_KINDS[i] }, { replace: true });
  useKeyboardShortcut('Escape', changes ? toDocument : back);
  useKeyboardShortcut('[', () => void go(prevId));
  useKeyboardShortcut(']', () => void go(nextId));

  const nav = (
    <nav className="module-nav" aria-label={t('module.navLabel')}>
      <button type="button" className="button" onClick={() => go(prevId)} disabled={!prevId} aria-keyshortcuts="[ Alt+ArrowUp">
        <span aria-hidden="true">[ </span>
        {t('module.previous')}
      </button>
      <button type="button" className="button" onClick={() => go(nextId)} disabled={!nextId} aria-keyshortcuts="] Alt+ArrowDown">
        {t('module.next')}
        <span aria-hidden="true"> ]</span>
      </button>
    </nav>
  );
  const backButton = (
    <button type="button" className="button" onClick={back} aria-keyshortcuts={changes ? undefined : 'Escape'}>
      <span aria-hidden="true">← </span>
      {t('module.back')}
    </button>
  );

  return (
    <div className="page module-page" data-testid="module-page" data-module-id={moduleId} data-main={changes ? 'changes' : 'document'}>
      {!detail && (
        <div className="module-titlebar">
          {backButton}
          {error && (
            <h1 ref={heading} tabIndex={-1}>
              {moduleId}
            </h1>
          )}
          <span className="header-spacer" />
          {nav}
        </div>
      )}
      {error && !detail && <ErrorNotice error={error} title={t('module.loadFailed')} onRetry={() => void load(moduleId)} />}
      {!detail && !error && <div className="board-placeholder" aria-hidden="true" />}

      {detail && (
        <>
          <header className="module-titlebar">
            {backButton}
            <h1 ref={heading} tabIndex={-1}>
              {detail.card.title}
            </h1>
            <ModuleFacts card={detail.card} />
            {nav}
          </header>
          <ErrorNotice error={error} title={t('module.reloadFailed')} onRetry={() => void load(moduleId)} />
          <div ref={layout} className="module-layout" data-collapsed={collapsed} style={{ '--side-width': `${panelWidth}px` } as CSSProperties} data-testid="module-layout">
            {changes ? (
              <ModuleChangesArea detail={detail} view={changes} />
            ) : (
              <ModuleDocumentArea
                detail={detail}
                selected={selected}
                baseBranch={baseBranch}
                onSwitchDoc={pick}
                onPreviousModule={prevId ? () => go(prevId) : undefined}
                onNextModule={nextId ? () => go(nextId) : undefined}
              />
            )}
            {!collapsed && <SidePanelResizer controls={SIDE_PANEL_ID} />}
            <ModuleSidePanel detail={detail} doc={selected} baseBranch={baseBranch} />
          </div>
        </>
      )}
    </div>
  );
}
