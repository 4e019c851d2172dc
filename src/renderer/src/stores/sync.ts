// Wires main's events and the connection state to the stores, and keeps dependent data fresh:
// a new workspace reloads the board, a moved module branch reloads the open module page.

import { api } from '../api';
import type { BoardState, ModuleDetail, WorkspaceSummary } from '../../../shared/types';
import { useBoardStore } from './board';
import { useConnectionStore } from './connection';
import { useDocumentsStore } from './documents';
import { useJobsStore } from './jobs';
import { useModuleStore } from './module';
import { useWorkspaceStore } from './workspace';

/** True when the board shows the open module at a different tip or with different documents. */
function moduleIsStale(board: BoardState, detail: ModuleDetail): boolean {
  const card = board.modules.find((m) => m.id === detail.card.id);
  if (!card) return false;
  if (card.tip !== detail.card.tip || card.matchedFiles !== detail.card.matchedFiles) return true;
  // Patterns saved elsewhere (another window, a terminal) may keep the count but change the per-pattern table.
  if (card.patterns.join('\0') !== detail.card.patterns.join('\0')) return true;
  if (card.draftKinds.join() !== detail.card.draftKinds.join()) return true;
  return card.docs.some((d, i) => d.blobId !== detail.card.docs[i]?.blobId || d.state !== detail.card.docs[i]?.state);
}

function summaryChanged(a: WorkspaceSummary, b: WorkspaceSummary): boolean {
  return (
    a.initialised !== b.initialised ||
    a.baseBranch !== b.baseBranch ||
    a.workspaceBranch !== b.workspaceBranch ||
    a.branchPrefix !== b.branchPrefix ||
    a.docsFolder !== b.docsFolder ||
    a.moduleCount !== b.moduleCount
  );
}

export function startSync(): () => void {
  const board = useBoardStore.getState;
  const jobs = useJobsStore.getState;

  const offs = [
    api.on('workspaceChanged', (workspace) => useWorkspaceStore.getState().setWorkspace(workspace)),
    api.on('boardChanged', () => board().scheduleRefresh()),
    // Drafts are listed on the board (draftKinds), so a saved or discarded draft refreshes it too.
    api.on('draftsChanged', () => board().scheduleRefresh()),
    // A document run that ends leaves a draft waiting for review: the card counts it.
    api.on('runFinished', () => board().scheduleRefresh()),
    api.on('jobProgress', (p) => jobs().onProgress(p)),
    api.on('jobFinished', (f) => {
      jobs().onFinished(f);
      if (f.kind === 'init') {
        void useWorkspaceStore.getState().load();
        board().scheduleRefresh();
      }
    }),

    useWorkspaceStore.subscribe((s, prev) => {
      const ws = s.workspace;
      const before = prev.workspace;
      if (ws?.path !== before?.path) {
        board().reset();
        useDocumentsStore.getState().reset();
      }
      if (ws && (ws.path !== before?.path || ws.initialised !== before?.initialised)) void board().refresh();
    }),

    useBoardStore.subscribe((s, prev) => {
      // The board carries the workspace summary too: an init or manifest change made from a terminal
      // shows up here even though no workspaceChanged event was sent.
      const current = useWorkspaceStore.getState().workspace;
      const fresh = s.board?.workspace;
      if (fresh && current && fresh.path === current.path && s.board !== prev.board && summaryChanged(current, fresh)) {
        useWorkspaceStore.getState().setWorkspace(fresh);
      }
      const { detail, loading } = useModuleStore.getState();
      if (s.board && s.board !== prev.board && detail && !loading && moduleIsStale(s.board, detail)) {
        void useModuleStore.getState().reload();
      }
      // Open documents nobody is editing follow their branch when it moves.
      if (s.board && s.board !== prev.board) {
        for (const card of s.board.modules) useDocumentsStore.getState().refreshModule(card.id, card.tip);
      }
    }),

    // Events sent while the link was down are lost: reload everything once it is back.
    useConnectionStore.subscribe((s, prev) => {
      if (s.reconnects === prev.reconnects) return;
      void useWorkspaceStore.getState().load();
      board().scheduleRefresh();
      if (useModuleStore.getState().moduleId) void useModuleStore.getState().reload();
      // Drafts that could not be saved while the link was down are saved now.
      void useDocumentsStore.getState().flushAll();
      const modules = new Set(Object.values(useDocumentsStore.getState().sessions).map((d) => (d.ref.scope === 'module' ? d.ref.moduleId : null)));
      for (const id of modules) if (id) useDocumentsStore.getState().refreshModule(id, null);
    }),
  ];

  return () => offs.forEach((off) => off());
}
