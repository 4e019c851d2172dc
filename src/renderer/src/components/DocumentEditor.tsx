// The document editor (a lazily loaded chunk, with Monaco): opens the documents on screen as editing
// sessions, shows them in the chosen view, and handles save = commit, approval and the branch-moved merge.
// Used for module documents (with as-is ↔ to-be and compare) and workspace documents alike.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { DOC_FILE_NAMES, type DocState } from '../../../shared/documents';
import { useHotkeys, type HotkeyMap } from '../hooks/useHotkeys';
import { defaultCommitMessage } from '../lib/commitMessage';
import { docKey, moduleDoc, type DocRef } from '../lib/docRef';
import { hasChanges } from '../lib/docSession';
import { DOC_SWITCH_COMBOS, EDITOR_HOTKEYS } from '../lib/shortcuts';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import { useCommitDialogStore } from '../stores/commitDialog';
import { approveDocument, commitDocuments } from '../stores/commitFlow';
import { useDocumentsStore, type DocSession } from '../stores/documents';
import { useEditorPrefsStore } from '../stores/editorPrefs';
import { useEditorViewStore, type EditorView } from '../stores/editorView';
import { AsIsToBeView } from './AsIsToBeView';
import { BranchMovedView } from './BranchMovedView';
import { CommitDialog } from './CommitDialog';
import { CompareView } from './CompareView';
import { DocumentPane } from './DocumentPane';
import { DraftRestoredNotice } from './DraftRestoredNotice';
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
  const { t, i18n } = useTranslation();
  const isModule = doc.scope === 'module';
  const storedView = useEditorViewStore((s) => s.view);
  const setView = useEditorViewStore((s) => s.setView);
  const togglePair = useEditorViewStore((s) => s.togglePair);
  const cyclePreview = useEditorPrefsStore((s) => s.cyclePreviewMode);
  const quickCommit = useEditorPrefsStore((s) => s.quickCommit);
  const showCommitDialog = useCommitDialogStore((s) => s.show);
  const store = useDocumentsStore;
  const [announcement, setAnnouncement] = useState('');
  const keys = useRef<EditorKeyHandlers>({});

  const view: EditorView = isModule ? storedView : 'edit';
  const refs: DocRef[] = view === 'pair' && doc.scope === 'module' ? [moduleDoc(doc.moduleId, 'as-is'), moduleDoc(doc.moduleId, 'to-be')] : [doc];
  const activeKeys = refs.map(docKey);
  const sessions = useDocumentsStore(useShallow((s) => activeKeys.map((k) => s.sessions[k])));
  const ready = sessions.filter((s): s is DocSession => s?.status === 'ready');
  const allReady = ready.length === refs.length;
  const changed = ready.some(hasChanges);
  const committing = ready.some((s) => s.busy === 'committing');
  const conflicts = ready.filter((s) => s.conflict);

  const label = (ref: DocRef) => (ref.scope === 'module' ? t(`doc.${ref.kind}.long`) : ref.name);
  const fileName = (ref: DocRef) => (ref.scope === 'module' ? DOC_FILE_NAMES[ref.kind] : ref.name);

  useEffect(() => {
    for (const ref of refs) void store.getState().open(ref);
    setAnnouncement('');
    // Opening depends only on which documents are on screen.
  }, [activeKeys.join('|')]);

  async function runCommit(commitKeys: string[], message: string) {
    const outcome = await commitDocuments(commitKeys, message);
    const after = commitKeys.map((k) => store.getState().sessions[k]);
    if (outcome === 'committed') setAnnouncement(t('editor.committedTo', { commit: after.find((s) => s?.lastCommit)?.lastCommit?.slice(0, 7), branch }));
    else if (outcome === 'conflict') setAnnouncement(t('merge.announce', { branch }));
    else if (outcome === 'nothing') setAnnouncement(t('editor.nothingToCommit'));
    else setAnnouncement('');
  }

  async function requestCommit() {
    await Promise.all(activeKeys.map((k) => store.getState().flush(k)));
    const current = activeKeys.map((k) => store.getState().sessions[k]).filter((s): s is DocSession => s?.status === 'ready');
    const toCommit = current.filter(hasChanges);
    if (toCommit.length === 0) return setAnnouncement(t('editor.nothingToCommit'));
    const merge = toCommit.find((s) => s.conflict);
    const message = defaultCommitMessage(
      {
        subject,
        files: toCommit.map((s) => ({ name: fileName(s.ref), created: !s.conflict && s.base?.state === 'missing' })),
        mergedWith: merge?.conflict?.theirs.branchTip ?? null,
        language: i18n.language,
      },
      t,
    );
    const commitKeys = toCommit.map((s) => docKey(s.ref));
    if (quickCommit) await runCommit(commitKeys, message);
    else showCommitDialog({ keys: commitKeys, defaultMessage: message, merge: !!merge });
  }

  async function toggleApproval() {
    const key = docKey(doc);
    const ok = await approveDocument(key, docState !== 'approved');
    if (ok) setAnnouncement(t(docState !== 'approved' ? 'editor.approvedDone' : 'editor.withdrawnDone', { doc: label(doc) }));
  }

  keys.current.save = () => void requestCommit();
  keys.current.previousModule = props.onPreviousModule;
  keys.current.nextModule = props.onNextModule;

  const hotkeys: HotkeyMap = {
    [EDITOR_HOTKEYS.save]: () => void requestCommit(),
    [EDITOR_HOTKEYS.nextChange]: () => (keys.current.nextChange ? keys.current.nextChange() : false),
    [EDITOR_HOTKEYS.previousChange]: () => (keys.current.previousChange ? keys.current.previousChange() : false),
  };
  if (isModule) hotkeys[EDITOR_HOTKEYS.togglePair] = () => togglePair();
  if (view === 'edit') hotkeys[EDITOR_HOTKEYS.togglePreview] = () => cyclePreview();
  if (props.onSwitchDoc) for (const combo of DOC_SWITCH_COMBOS) hotkeys[combo] = () => props.onSwitchDoc!(Number(combo.slice(-1)) - 1);
  useHotkeys(hotkeys);

  // Leaving the page or hiding the window: take the text now and store the draft, best effort.
  useEffect(() => {
    const flushAll = () => void store.getState().flushAll();
    const onVisibility = () => document.visibilityState === 'hidden' && flushAll();
    window.addEventListener('pagehide', flushAll);
    window.addEventListener('beforeunload', flushAll);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flushAll);
      window.removeEventListener('beforeunload', flushAll);
      document.removeEventListener('visibilitychange', onVisibility);
      flushAll();
    };
  }, [store]);

  keys.current.nextChange = undefined;
  keys.current.previousChange = undefined;

  const selected = ready.find((s) => docKey(s.ref) === docKey(doc));
  const movedUnder = isModule && branchTip !== undefined && ready.some((s) => hasChanges(s) && !s.conflict && s.base?.branchTip && s.base.branchTip !== branchTip);

  let body;
  const failed = sessions.find((s) => s?.status === 'error');
  const unusable = ready.find((s) => s.base?.binary || !s.base?.branchTip);
  if (failed) {
    body = <ErrorNotice error={failed.loadError} title={t('doc.loadFailed')} onRetry={() => void store.getState().open(failed.ref)} />;
  } else if (!allReady) {
    body = <p className="subtle editor-loading">{t('doc.loading')}</p>;
  } else if (unusable) {
    body = (
      <p className="notice notice-info" data-testid="doc-read-only">
        {unusable.base?.binary ? t('editor.binary', { path: unusable.base.path }) : t('doc.noBranch')}
      </p>
    );
  } else if (conflicts.length > 0) {
    body = (
      <BranchMovedView
        branch={branch}
        items={conflicts.map((s) => ({ key: docKey(s.ref), session: s, label: label(s.ref) }))}
        busy={committing}
        keys={keys}
        onCommit={() => void requestCommit()}
      />
    );
  } else if (view === 'pair') {
    body = (
      <AsIsToBeView
        left={{ key: activeKeys[0]!, session: ready[0]!, label: label(refs[0]!) }}
        right={{ key: activeKeys[1]!, session: ready[1]!, label: label(refs[1]!) }}
        keys={keys}
      />
    );
  } else if (view === 'compare' && doc.scope === 'module' && selected) {
    body = (
      <CompareView moduleId={doc.moduleId} kind={doc.kind} sessionKey={docKey(doc)} session={selected} label={label(doc)} baseBranch={baseBranch} keys={keys} />
    );
  } else if (selected) {
    body = <DocumentPane sessionKey={docKey(doc)} session={selected} label={label(doc)} keys={keys} />;
  }

  const title = view === 'pair' ? t('pair.title') : label(doc);
  const path = view === 'pair' ? null : selected?.base?.path;
  return (
    <article className="document-editor" aria-labelledby="document-title" data-testid="document-editor" data-view={view}>
      <h3 id="document-title" className="document-title">
        {title}
        {path && <span className="document-file">{path}</span>}
      </h3>
      <EditorToolbar
        views={isModule ? MODULE_VIEWS : null}
        view={view}
        onView={setView}
        sessions={ready}
        changed={changed}
        committing={committing}
        onCommit={() => void requestCommit()}
        onDiscard={() => activeKeys.forEach((k) => void store.getState().discardChanges(k))}
        approve={
          isModule && view === 'edit' && selected && !selected.conflict && selected.base?.content !== null && !selected.base?.binary
            ? { approved: docState === 'approved', busy: selected.busy === 'approving', onToggle: () => void toggleApproval() }
            : null
        }
      />
      <p className="visually-hidden" role="status" data-testid="editor-announcement">
        {announcement}
      </p>
      {ready.map((s) =>
        s.restoredFrom ? (
          <DraftRestoredNotice
            key={`restored-${docKey(s.ref)}`}
            label={label(s.ref)}
            savedAt={s.restoredFrom}
            onDiscard={() => void store.getState().discardChanges(docKey(s.ref))}
            onDismiss={() => store.getState().patch(docKey(s.ref), { restoredFrom: null })}
          />
        ) : null,
      )}
      {ready.map((s) => (
        <ErrorNotice key={`error-${docKey(s.ref)}`} error={s.error} title={t('editor.actionFailed', { doc: label(s.ref) })} />
      ))}
      {ready.map((s) => (
        <ErrorNotice key={`draft-${docKey(s.ref)}`} error={s.draftError} title={t('editor.draftFailed', { doc: label(s.ref) })} />
      ))}
      {movedUnder && conflicts.length === 0 && <p className="notice notice-info">{t('editor.movedUnder', { branch })}</p>}
      {body}
      <CommitDialog branch={branch} files={ready.filter(hasChanges).map((s) => fileName(s.ref))} onCommit={(k, m) => void runCommit(k, m)} />
    </article>
  );
}
