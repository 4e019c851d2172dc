// Asks before merging: names the target branch and how many modules, lists them in the order they will go,
// says that a conflict stops the run before anything is written for that module, and warns (listing them) when
// modules whose documents are not written are among them: they merge as cleanly as any, but are not done.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMergeRunStore } from '../../stores/mergeRun';
import { useMergeStore } from '../../stores/merge';

export function MergeConfirmDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const request = useMergeRunStore((s) => s.confirming);
  const close = useMergeRunStore((s) => s.closeConfirm);
  const confirm = useMergeRunStore((s) => s.mergeConfirmed);
  const forecast = useMergeStore((s) => s.forecast);
  const unwritten = (request?.modules ?? []).flatMap((id) => forecast?.modules.filter((m) => m.moduleId === id && m.unwrittenDocs.length > 0) ?? []);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) el.showModal();
    else if (!request && el.open) el.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      className="dialog merge-confirm"
      aria-labelledby="merge-confirm-title"
      aria-describedby="merge-confirm-text"
      data-testid="merge-confirm"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      {request && (
        <>
          <h2 id="merge-confirm-title">{t('merges.confirm.title', { count: request.modules.length, branch: request.branch })}</h2>
          <p id="merge-confirm-text">{t(request.kind === 'base' ? 'merges.confirm.textBase' : 'merges.confirm.textIntegration', { branch: request.branch })}</p>
          {/* A long list scrolls: focusable so the keyboard can scroll it too. */}
          <div className="confirm-list" tabIndex={0} role="region" aria-label={t('merges.confirm.listLabel')}>
            <ol>
              {request.modules.map((id) => (
                <li key={id}>
                  <code>{id}</code>
                </li>
              ))}
            </ol>
          </div>
          {unwritten.length > 0 && (
            <div className="notice notice-warning" data-testid="merge-unwritten-warning">
              <div className="notice-text">
                <strong className="notice-title">{t('merges.confirm.unwrittenTitle', { count: unwritten.length })}</strong>
                <span>{t('merges.confirm.unwrittenText')}</span>
                <ul className="unwritten-list">
                  {unwritten.map((m) => (
                    <li key={m.moduleId}>
                      <code>{m.moduleId}</code>: {m.unwrittenDocs.map((kind) => t(`doc.${kind}.long`)).join(', ')}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('action.cancel')}
            </button>
            <button type="button" className="button primary" onClick={() => void confirm()} data-testid="merge-confirm-go" autoFocus>
              {t('merges.confirm.go', { count: request.modules.length, branch: request.branch })}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
