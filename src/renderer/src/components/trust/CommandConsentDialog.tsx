// Asks before a command from the repository runs on this machine for the first time or after it changed: the exact
// command(s), where they come from (the manifest on the workspace branch, its commit and author), the text a
// changed command replaces, and Run / Cancel. Escape cancels; the modal dialog keeps focus inside.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandConsent } from '../../../../shared/types-trust';
import { useCommandConsentStore } from '../../stores/commandConsent';
import { ErrorNotice } from '../ErrorNotice';
import './trust.css';

function ConsentItem({ consent }: { consent: CommandConsent }) {
  const { t } = useTranslation();
  const label = consent.scope === '*' ? t(`trust.kind.${consent.kind}.all`) : t(`trust.kind.${consent.kind}.module`, { module: consent.scope });
  return (
    <li className="consent-item" data-testid="consent-command">
      <span className="consent-label">{label}</span>
      <pre className="consent-command">
        <code>{consent.command}</code>
      </pre>
      {consent.previous !== null && (
        <div className="consent-previous" data-testid="consent-previous">
          <span className="consent-changed">{t('trust.dialog.changed')}</span>
          <pre className="consent-command">
            <del>{consent.previous}</del>
          </pre>
        </div>
      )}
    </li>
  );
}

export function CommandConsentDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const request = useCommandConsentStore((s) => s.request);
  const busy = useCommandConsentStore((s) => s.busy);
  const error = useCommandConsentStore((s) => s.error);
  const { confirm, cancel } = useCommandConsentStore.getState();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) {
      returnFocus.current = document.activeElement;
      el.showModal();
    } else if (!request && el.open) {
      el.close();
      // Back to the button that asked for the run.
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [request]);

  const origin = request?.origin;
  const source = origin
    ? t(origin.commit ? (origin.author ? 'trust.dialog.sourceAuthor' : 'trust.dialog.sourceCommit') : 'trust.dialog.source', {
        file: origin.file,
        branch: origin.branch,
        commit: origin.commit?.slice(0, 8),
        author: origin.author,
      })
    : '';
  return (
    <dialog
      ref={dialog}
      className="dialog consent-dialog"
      aria-labelledby="consent-title"
      aria-describedby="consent-source consent-why"
      data-testid="consent-dialog"
      onCancel={(e) => {
        // Escape: the dialog closes through the store, so the page and the store agree.
        e.preventDefault();
        cancel();
      }}
      onKeyDown={(e) => {
        // Escape cancels here, and must not also reach the page's own Escape (leaving the module page).
        if (e.key !== 'Escape') return;
        e.preventDefault();
        cancel();
      }}
    >
      {request && (
        <>
          <h2 id="consent-title">{t('trust.dialog.title', { count: request.commands.length })}</h2>
          <p id="consent-source" data-testid="consent-source">
            {source}
          </p>
          <p id="consent-why" className="subtle">
            {t('trust.dialog.why', { branch: origin?.branch })}
          </p>
          <ul className="consent-list">
            {request.commands.map((c) => (
              <ConsentItem key={`${c.kind}:${c.scope}`} consent={c} />
            ))}
          </ul>
          <ErrorNotice error={error} title={t('trust.dialog.failed')} />
          <div className="dialog-actions">
            {/* Cancel has the focus first: Enter alone never runs a command the user has not read. */}
            <button type="button" className="button" onClick={cancel} autoFocus data-testid="consent-cancel">
              {t('action.cancel')}
            </button>
            <button type="button" className="button primary" disabled={busy} onClick={() => void confirm()} data-testid="consent-run">
              {t('trust.dialog.run', { count: request.commands.length })}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
