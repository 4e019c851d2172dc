// Settings → Remotes → CI runners: "Check remote runs every N seconds", how often the app asks the CI host about the
// remote runs it follows (saved with the workspace's implementation settings; the app and `serve` both honour it).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOTE_POLL_SECONDS } from '../../../../shared/types-remote';
import type { ApiError } from '../../api';
import { useImplementSettingsStore } from '../../stores/implementSettings';
import { ErrorNotice } from '../ErrorNotice';
import { SaveActions } from '../SaveActions';

const { min, max } = REMOTE_POLL_SECONDS;

export function RunnerPollSetting() {
  const { t } = useTranslation();
  const settings = useImplementSettingsStore((s) => s.settings);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!useImplementSettingsStore.getState().settings) void useImplementSettingsStore.getState().load();
  }, []);
  useEffect(() => {
    if (settings && value === null) setValue(String(settings.remotePollSeconds ?? REMOTE_POLL_SECONDS.default));
  }, [settings, value]);

  if (value === null) return null;
  const n = Number(value);
  const bad = value.trim() === '' || !Number.isInteger(n) || n < min || n > max;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const current = useImplementSettingsStore.getState().settings;
    if (bad || !current) return;
    const failed = await useImplementSettingsStore.getState().save({ ...current, remotePollSeconds: n });
    setError(failed);
    setSaved(!failed);
  };

  return (
    <form className="runner-poll" onSubmit={(e) => void submit(e)} noValidate data-testid="runner-poll">
      <div className="field">
        <label htmlFor="runner-poll-seconds">{t('runner.poll.label')}</label>
        <input
          id="runner-poll-seconds"
          inputMode="numeric"
          value={value}
          onChange={(e) => (setValue(e.target.value), setSaved(false))}
          aria-invalid={bad || undefined}
          aria-describedby="runner-poll-hint"
        />
        <p className="hint" id="runner-poll-hint">
          {bad ? t('runner.poll.range', { min, max }) : t('runner.poll.hint')}
        </p>
      </div>
      <ErrorNotice error={error} title={t('runner.poll.saveFailed')} />
      <SaveActions label={t('runner.poll.save')} savedLabel={t('runner.poll.saved')} saved={saved} disabled={bad} />
    </form>
  );
}
