// The document editor (a lazily loaded chunk, with Monaco): opens the documents on screen as editing
// sessions, shows them in the chosen view, and handles save = commit, approval and the branch-moved merge.
// Used for module documents (with as-is ↔ to-be and compare) and workspace documents alike.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { DocState } from '../../../shared/documents';
import { fileNameOf, useCommitActions } from '../hooks/useCommitActions';
import { useFlushOnLeave } from '../hooks/useFlushOnLeave';
import { useHotkeys, type HotkeyMap } from '../hooks/useHotkeys';
import { docKey, moduleDoc, type DocRef } from '../lib/docRef';
import { hasChanges } from '../lib/docSession';
import { DOC_SWITCH_COMBOS, EDITOR_HOTKEYS } from '../lib/shortcuts';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import { useDocumentsStore, type DocSession } from '../stores/documents';
import { useEditorPrefsStore } from '../stores/editorPrefs';
import { useEditorViewStore, type EditorView } from '../stores/editorView';
import { AsIsToBeView } from './AsIsToBeView';
import { BranchMovedView } from './BranchMovedView';
import { CommitDialog } from './CommitDialog';
import { CompareView } from './CompareView';
import { DocumentPane } from './DocumentPane';
import { EditorNotices } from './EditorNotices';
import { EditorToolbar } from './EditorToolbar';
import { ErrorNotice } from './ErrorNotice';
import '../styles/editor.css';

export interface DocumentEditorProps {
  doc: DocRef;
  /** The module's title, or the workspace's name: the subject of default commit messages. */
  subject: string;
  branch: string;
  baseBranch: string;
  /** The branch tip the board shows now (module documents), to say when it moved under an edit. */
  branchTip?: string | null;
  /** The selected document's state on the board (module documents), for the approve button. */
  docState?: DocState;
  onSwitchDoc?: (index: number) => void;
  onPreviousModule?: () => void;
  onNextModule?: () => void;
}

const MODULE_VIEWS: EditorView[] = ['edit', 'pair', 'compare'];

export default function DocumentEditor(props: DocumentEditorProps) {
  const { doc, subject, branch, baseBranch, branchTip, docState } = props;
  const { t } = useTranslation();
  const isModule = doc.scope === 'module';
  const storedView = useEditorViewStore((s) => s.view);
  const setView = useEditorViewStore((s) => s.setView);
  const togglePair = useEditorViewStore((s) => s.togglePair);
  const cyclePreview = useEditorPrefsStore((s) => s.cyclePreviewMode);
  const store = useDocumentsStore.getState;
  const keys = useRef<EditorKeyHandlers>({});

  const view: EditorView = isModule ? storedView : 'edit';
  const refs: DocRef[] = view === 'pair' && doc.scope === 'module' ? [moduleDoc(doc.moduleId, 'as-is'), moduleDoc(doc.moduleId, 'to-be')] : [doc];
  const activeKeys = refs.map(docKey);
  const sessions = useDocumentsStore(useShallow((s) => activeKeys.map((k) => s.sessions[k])));
  const ready = sessions.filter((s): s is DocSession => s?.status === 'ready');
  const changed = ready.some(hasChanges);
  const committing = ready.some((s) => s.busy === 'committing');
  const conflicts = ready.filter((s) => s.conflict);
  const selected = ready.find((s) => docKey(s.ref) === docKey(doc));
  const label = (ref: DocRef) => (ref.scope === 'module' ? t(`doc.${ref.kind}.long`) : ref.name);
  const { announcement, setAnnouncement, runCommit, requestCommit, toggleApproval } = useCommitActions({ keys: activeKeys, subject, branch });

  useEffect(() => {
    for (const ref of refs) void store().open(ref);
    setAnnouncement('');
    // Opening depends only on which documents are on screen.
  }, [activeKeys.join('|')]);
  useFlushOnLeave();

  // Keys inside Monaco (which keeps Alt+Up/Down and F7 for itself otherwise) and on the page.
  keys.current = { save: () => void requestCommit(), previousModule: props.onPreviousModule, nextModule: props.onNextModule };
  const hotkeys: HotkeyMap = {
    [EDITOR_HOTKEYS.save]: () => void requestCommit(),
    [EDITOR_HOTKEYS.nextChange]: () => (keys.current.nextChange ? keys.current.nextChange() : false),
    [EDITOR_HOTKEYS.previousChange]: () => (keys.current.previousChange ? keys.current.previousChange() : false),
  };
  if (isModule) hotkeys[EDITOR_HOTKEYS.togglePair] = () => togglePair();
  if (view === 'edit') hotkeys[EDITOR_HOTKEYS.togglePreview] = () => cyclePreview();
  if (props.onSwitchDoc) for (const combo of DOC_SWITCH_COMBOS) hotkeys[combo] = () => props.onSwitchDoc!(Number(combo.slice(-1)) - 1);
  useHotkeys(hotkeys);

  const failed = sessions.find((s) => s?.status === 'error');
  const unusable = ready.find((s) => s.base?.binary || !s.base?.branchTip);
  let body;
  if (failed) {
    body = <ErrorNotice error={failed.loadError} title={t('doc.loadFailed')} onRetry={() => void store().open(failed.ref)} />;
  } else if (ready.length < refs.length) {
    body = <p className="subtle editor-loading">{t('doc.loading')}</p>;
  } else if (unusable) {
    body = (
      <p className="notice notice-info" data-testid="doc-read-only">
        {unusable.base?.binary ? t('editor.binary', { path: unusable.base.path }) : t('doc.noBranch')}
      </p>
    );
  } else if (conflicts.length > 0) {
    const items = conflicts.map((s) => ({ key: docKey(s.ref), session: s, label: label(s.ref) }));
    body = <BranchMovedView branch={branch} items={items} busy={committing} keys={keys} onCommit={() => void requestCommit({ ask: true })} />;
  } else if (view === 'pair') {
    const [left, right] = [0, 1].map((i) => ({ key: activeKeys[i]!, session: ready[i]!, label: label(refs[i]!) }));
    body = <AsIsToBeView left={left!} right={right!} keys={keys} />;
  } else if (view === 'compare' && doc.scope === 'module' && selected) {
    body = <CompareView moduleId={doc.moduleId} kind={doc.kind} sessionKey={docKey(doc)} session={selected} label={label(doc)} baseBranch={baseBranch} keys={keys} />;
  } else if (selected) {
    body = <DocumentPane sessionKey={docKey(doc)} session={selected} label={label(doc)} keys={keys} />;
  }

  const approvable = isModule && view === 'edit' && selected && !selected.conflict && selected.base?.content != null && !selected.base.binary;
  const movedUnder = isModule && branchTip !== undefined && conflicts.length === 0 && ready.some((s) => hasChanges(s) && s.base?.branchTip && s.base.branchTip !== branchTip);
  const path = view === 'pair' ? null : selected?.base?.path;
  return (
    <article className="document-editor" aria-labelledby="document-title" data-testid="document-editor" data-view={view}>
      <h3 id="document-title" className="document-title">
        {view === 'pair' ? t('pair.title') : label(doc)}
        {path && <span className="document-file">{path}</span>}
      </h3>
      <EditorToolbar
        views={isModule ? MODULE_VIEWS : null}
        view={view}
        onView={setView}
        sessions={ready}
        changed={changed}
        committing={committing}
        onCommit={() => void requestCommit({ ask: true })}
        onDiscard={() => activeKeys.forEach((k) => void store().discardChanges(k))}
        approve={
          approvable
            ? {
                approved: docState === 'approved',
                busy: selected.busy === 'approving',
                onToggle: () => void toggleApproval(doc, label(doc), docState === 'approved'),
                doc: label(doc),
                branch,
                // The board's state of the committed document: a template (or missing one) is written first.
                blockedReason: docState === 'written' || docState === 'approved' || docState === undefined ? null : t('editor.approveNeedsContent'),
              }
            : null
        }
      />
      <p className="visually-hidden" role="status" data-testid="editor-announcement">
        {announcement}
      </p>
      <EditorNotices sessions={ready} label={label} movedUnder={movedUnder ? branch : null} />
      {body}
      <CommitDialog branch={branch} files={ready.filter(hasChanges).map((s) => fileNameOf(s.ref))} onCommit={(k, m) => void runCommit(k, m)} />
    </article>
  );
}
