// Above the editor: what to show (the document, as-is ↔ to-be, a comparison), the preview layout, where
// the edit stands, and the actions: discard, approve, commit.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayCombo } from '../lib/hotkeys';
import { EDITOR_HOTKEYS } from '../lib/shortcuts';
import type { DocSession } from '../stores/documents';
import { useEditorPrefsStore, type PreviewMode } from '../stores/editorPrefs';
import type { EditorView } from '../stores/editorView';
import { SaveStatus } from './SaveStatus';
import { ApproveConfirm } from './ApproveConfirm';

export interface ApproveControl {
  approved: boolean;
  busy: boolean;
  onToggle: () => void;
  /** The document's name and branch, for the confirm step. */
  doc: string;
  branch: string;
  /** Why approving is not possible yet (a template is never approved), or null. */
  blockedReason: string | null;
}

interface Props {
  views: EditorView[] | null;
  view: EditorView;
  onView: (view: EditorView) => void;
  sessions: DocSession[];
  changed: boolean;
  committing: boolean;
  onCommit: () => void;
  onDiscard: () => void;
  approve: ApproveControl | null;
}

const PREVIEW_MODES: PreviewMode[] = ['editor', 'split', 'preview'];

export function EditorToolbar({ views, view, onView, sessions, changed, committing, onCommit, onDiscard, approve }: Props) {
  const { t } = useTranslation();
  const previewMode = useEditorPrefsStore((s) => s.previewMode);
  const setPreviewMode = useEditorPrefsStore((s) => s.setPreviewMode);
  const [confirming, setConfirming] = useState(false);
  const [confirmingApproval, setConfirmingApproval] = useState(false);
  const approveBlocked = !!approve && !approve.approved && approve.blockedReason !== null;

  return (
    <div className="editor-toolbar">
      <div className="toolbar-row">
        {views && (
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('editor.viewLegend')}</legend>
            {views.map((v) => (
              <label key={v} className="segment">
                <input type="radio" name="editor-view" value={v} checked={view === v} onChange={() => onView(v)} aria-keyshortcuts={v === 'pair' ? 'Control+Shift+D' : undefined} />
                <span>{t(`editor.view.${v}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        {view === 'edit' && (
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('editor.previewLegend')}</legend>
            {PREVIEW_MODES.map((m) => (
              <label key={m} className="segment">
                <input type="radio" name="preview-mode" value={m} checked={previewMode === m} onChange={() => setPreviewMode(m)} />
                <span>{t(`editor.preview.${m}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <span className="header-spacer" />
        <SaveStatus sessions={sessions} />
        {/* Approve's reason, Approve and Commit stay together when the row wraps. */}
        <span className="toolbar-actions">
          {changed && !confirming && (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('editor.discard')}
            </button>
          )}
          {approveBlocked && (
            <span className="subtle approve-blocked" id="approve-blocked" data-testid="approve-blocked">
              {approve.blockedReason}
            </span>
          )}
          {approve && (
            <button
              type="button"
              className="button"
              onClick={() => setConfirmingApproval(true)}
              disabled={approve.busy || approveBlocked || confirmingApproval}
              aria-busy={approve.busy}
              aria-describedby={approveBlocked ? 'approve-blocked' : undefined}
              data-testid="approve-button"
            >
              {t(approve.approved ? 'editor.withdrawApproval' : 'editor.approve')}
            </button>
          )}
          <button
            type="button"
            className="button primary"
            onClick={onCommit}
            disabled={!changed || committing}
            aria-keyshortcuts="Control+S Meta+S"
            title={displayCombo(EDITOR_HOTKEYS.save)}
            data-testid="commit-button"
          >
            {t(committing ? 'editor.committing' : 'editor.commit')}
          </button>
        </span>
      </div>
      {approve && confirmingApproval && (
        <ApproveConfirm
          doc={approve.doc}
          branch={approve.branch}
          withdraw={approve.approved}
          onConfirm={() => {
            setConfirmingApproval(false);
            approve.onToggle();
          }}
          onCancel={() => setConfirmingApproval(false)}
        />
      )}
      {confirming && (
        <div className="notice notice-warning" role="alert">
          <div className="notice-text">
            <span>{t('editor.discardConfirm')}</span>
          </div>
          <button
            type="button"
            className="button"
            onClick={() => {
              setConfirming(false);
              onDiscard();
            }}
          >
            {t('editor.discardYes')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t('editor.discardNo')}
          </button>
        </div>
      )}
    </div>
  );
}
