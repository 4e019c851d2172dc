// Asks before deploying: the environment, the branch and commit, how many modules go out; for an environment that
// asks for it (production, or one from the base branch) the user types its name first. Enter deploys once the
// confirmation is complete, Escape cancels.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmationMatches } from '../../lib/deployView';
import { useDeployRunStore } from '../../stores/deployRun';

export function DeployConfirmDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const plan = useDeployRunStore((s) => s.confirming);
  const close = useDeployRunStore((s) => s.closeConfirm);
  const confirm = useDeployRunStore((s) => s.deployConfirmed);
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const go = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (plan && !el.open) {
      setTyped('');
      el.showModal();
      // The name field when the name is asked for, else Deploy itself: Enter confirms, Escape cancels. (showModal
      // alone would focus the module list, the first focusable element.)
      (input.current ?? go.current)?.focus();
    } else if (!plan && el.open) el.close();
  }, [plan]);

  const env = plan?.environment.def.name ?? '';
  const byName = plan?.confirmation === 'name';
  const ready = !!plan && confirmationMatches(plan.confirmation, env, typed);

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (ready) void confirm(typed);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog deploy-confirm"
      aria-labelledby="deploy-confirm-title"
      aria-describedby="deploy-confirm-text"
      data-testid="deploy-confirm"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      {plan && (
        <form onSubmit={onSubmit}>
          <h2 id="deploy-confirm-title">{t('deploy.confirm.title', { environment: env })}</h2>
          <p id="deploy-confirm-text">
            {t('deploy.confirm.text', { branch: plan.target.branch, commit: plan.target.commit?.slice(0, 7) ?? '', count: plan.modules.length, how: plan.environment.describe })}
          </p>
          {plan.modules.length > 0 && (
            <div className="confirm-list" tabIndex={0} role="region" aria-label={t('deploy.confirm.listLabel')}>
              <ul>
                {plan.modules.map((m) => (
                  <li key={m.moduleId}>
                    <code>{m.moduleId}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {byName && (
            <div className="field deploy-confirm-name">
              <label htmlFor="deploy-confirm-input">{t('deploy.confirm.typeName', { environment: env })}</label>
              <input
                id="deploy-confirm-input"
                value={typed}
                autoComplete="off"
                spellCheck={false}
                ref={input}
                aria-invalid={typed !== '' && !ready ? true : undefined}
                aria-describedby="deploy-confirm-hint"
                onChange={(e) => setTyped(e.target.value)}
                data-testid="deploy-confirm-input"
              />
              <span id="deploy-confirm-hint" className="hint">
                {t('deploy.confirm.typeHint')}
              </span>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={!ready} ref={go} data-testid="deploy-confirm-go">
              {t('deploy.confirm.go', { environment: env })}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
