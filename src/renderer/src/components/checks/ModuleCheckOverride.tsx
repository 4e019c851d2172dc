// A module's own check command or time limit, replacing the workspace's for this module only; saved by
// committing the manifest like the workspace's settings. Empty fields fall back to the workspace's.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleCheck } from '../../../../shared/checks-config';
import { useChecksStore } from '../../stores/checks';

interface Props {
  moduleId: string;
  current: ModuleCheck | undefined;
  onDone: () => void;
}

export function ModuleCheckOverride({ moduleId, current, onDone }: Props) {
  const { t } = useTranslation();
  const [command, setCommand] = useState(current?.command ?? '');
  const [timeout, setTimeoutText] = useState(current?.timeoutSeconds ? String(current.timeoutSeconds) : '');
  const [saving, setSaving] = useState(false);
  const seconds = Number(timeout);
  const timeoutBad = timeout.trim() !== '' && (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400);

  async function save(check: ModuleCheck | null) {
    setSaving(true);
    const ok = await useChecksStore.getState().saveOverride(moduleId, check);
    setSaving(false);
    if (ok) onDone();
  }

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (timeoutBad) return;
    const check: ModuleCheck = {};
    if (command.trim()) check.command = command.trim();
    if (timeout.trim()) check.timeoutSeconds = seconds;
    void save(Object.keys(check).length ? check : null);
  }

  return (
    <form className="check-settings" onSubmit={onSubmit} aria-labelledby="check-override-heading" data-testid="check-override-form">
      <h3 id="check-override-heading">{t('checks.override.heading')}</h3>
      <p className="subtle">{t('checks.override.explain')}</p>
      <div className="check-settings-fields">
        <div className="field check-command-field">
          <label htmlFor="check-override-command">{t('checks.settings.command')}</label>
          <input id="check-override-command" value={command} spellCheck={false} autoComplete="off" onChange={(e) => setCommand(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="check-override-timeout">{t('checks.settings.timeout')}</label>
          <input id="check-override-timeout" type="number" min={1} max={86400} step={1} value={timeout} aria-invalid={timeoutBad || undefined} onChange={(e) => setTimeoutText(e.target.value)} />
        </div>
      </div>
      <div className="check-settings-actions">
        <button type="submit" className="button primary" disabled={saving || timeoutBad}>
          {t('checks.settings.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
        {current && (
          <button type="button" className="button link" disabled={saving} onClick={() => void save(null)}>
            {t('checks.override.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
