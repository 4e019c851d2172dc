// The workspace's check command, time limit and concurrency, committed to the manifest on the workspace
// branch when saved (so the team shares them). Remove clears checks from the manifest.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecksConfig } from '../../../../shared/checks-config';
import { useChecksStore } from '../../stores/checks';

interface Props {
  current: ChecksConfig | null;
  onDone: () => void;
}

export function CheckSettingsForm({ current, onDone }: Props) {
  const { t } = useTranslation();
  const [command, setCommand] = useState(current?.command ?? '');
  const [timeout, setTimeoutText] = useState(String(current?.timeoutSeconds ?? 600));
  const [concurrency, setConcurrency] = useState(String(current?.concurrency ?? 2));
  const [saving, setSaving] = useState(false);
  const seconds = Number(timeout);
  const parallel = Number(concurrency);
  const timeoutBad = !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400;
  const concurrencyBad = !Number.isInteger(parallel) || parallel < 1 || parallel > 16;
  const commandBad = command.trim() === '';

  async function save(checks: ChecksConfig | null) {
    setSaving(true);
    const ok = await useChecksStore.getState().saveSettings(checks);
    setSaving(false);
    if (ok) onDone();
  }

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (commandBad || timeoutBad || concurrencyBad) return;
    void save({ command: command.trim(), timeoutSeconds: seconds, concurrency: parallel });
  }

  return (
    <form className="check-settings" onSubmit={onSubmit} aria-labelledby="check-settings-heading" data-testid="check-settings-form">
      <h3 id="check-settings-heading">{t('checks.settings.heading')}</h3>
      <p className="subtle">{t('checks.settings.explain')}</p>
      <div className="check-settings-fields">
        <div className="field check-command-field">
          <label htmlFor="check-command">{t('checks.settings.command')}</label>
          <input id="check-command" value={command} placeholder="npm test" spellCheck={false} autoComplete="off" aria-invalid={commandBad || undefined} onChange={(e) => setCommand(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="check-timeout">{t('checks.settings.timeout')}</label>
          <input id="check-timeout" type="number" min={1} max={86400} step={1} value={timeout} aria-invalid={timeoutBad || undefined} aria-describedby="check-timeout-hint" onChange={(e) => setTimeoutText(e.target.value)} />
          <span id="check-timeout-hint" className="hint">
            {t('checks.settings.timeoutHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="check-concurrency">{t('checks.settings.concurrency')}</label>
          <input id="check-concurrency" type="number" min={1} max={16} step={1} value={concurrency} aria-invalid={concurrencyBad || undefined} onChange={(e) => setConcurrency(e.target.value)} />
        </div>
      </div>
      <div className="check-settings-actions">
        <button type="submit" className="button primary" disabled={saving || commandBad || timeoutBad || concurrencyBad} data-testid="save-check-settings">
          {t('checks.settings.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
        {current && (
          <button type="button" className="button link" disabled={saving} onClick={() => void save(null)}>
            {t('checks.settings.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
