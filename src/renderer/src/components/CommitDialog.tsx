// The commit message prompt of Ctrl/Cmd+S: the proposed message, editable; Enter commits, Escape cancels.
// The user may choose to commit with the default message without this prompt from now on.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommitDialogStore } from '../stores/commitDialog';
import { useEditorPrefsStore } from '../stores/editorPrefs';

interface Props {
  branch: string;
  files: string[];
  onCommit: (keys: string[], message: string) => void;
}

export function CommitDialog({ branch, files, onCommit }: Props) {
  const { t } = useTranslation();
  const request = useCommitDialogStore((s) => s.request);
  const close = useCommitDialogStore((s) => s.close);
  const quickCommit = useEditorPrefsStore((s) => s.quickCommit);
  const setQuickCommit = useEditorPrefsStore((s) => s.setQuickCommit);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) {
      returnFocus.current = document.activeElement;
      setMessage(request.defaultMessage);
      el.showModal();
      requestAnimationFrame(() => input.current?.select());
    } else if (!request && el.open) {
      el.close();
    }
  }, [request]);

  function finish() {
    close();
    // Back to where the user was typing (the editor), as after any dialog.
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!request) return;
    const keys = request.keys;
    const text = message.trim() || request.defaultMessage;
    finish();
    onCommit(keys, text);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog commit-dialog"
      aria-labelledby="commit-dialog-title"
      data-testid="commit-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish();
      }}
      onKeyDown={(e) => {
        // Ctrl/Cmd+S here means "commit": never the browser's "save page".
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          e.currentTarget.querySelector('form')?.requestSubmit();
        }
        // Escape cancels here, and must not also reach the page (where it would leave the module page).
        if (e.key !== 'Escape') return;
        e.preventDefault();
        finish();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="commit-dialog-title">{t(request?.merge ? 'commit.titleMerge' : 'commit.title', { branch })}</h2>
        <p className="subtle">{t('commit.files', { files: files.join(', ') })}</p>
        <div className="field">
          <label htmlFor="commit-message">{t('commit.messageLabel')}</label>
          <input ref={input} id="commit-message" type="text" value={message} onChange={(e) => setMessage(e.target.value)} autoComplete="off" spellCheck />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={quickCommit} onChange={(e) => setQuickCommit(e.target.checked)} />
          <span>{t('commit.quick')}</span>
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={finish}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('commit.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
