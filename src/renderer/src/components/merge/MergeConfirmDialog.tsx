// Asks before merging: names the target branch and how many modules, lists them in the order they will go,
// and says that a conflict stops the run before anything is written for that module.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMergeRunStore } from '../../stores/mergeRun';

export function MergeConfirmDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const request = useMergeRunStore((s) => s.confirming);
  const close = useMergeRunStore((s) => s.closeConfirm);
  const confirm = useMergeRunStore((s) => s.mergeConfirmed);

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
