// A follow-up instruction for a run in review: the same conversation continues in the same working copy.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';

export function FollowUpForm({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      useImplementRunsStore.getState().putRun(await api.followUpRun({ runId, instruction: text.trim() }));
      setText('');
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="follow-up" onSubmit={(e) => void send(e)} data-testid="follow-up">
      <div className="field">
        <label htmlFor="follow-up-text">{t('implement.followUp.label')}</label>
        <textarea id="follow-up-text" rows={2} value={text} maxLength={20_000} onChange={(e) => setText(e.target.value)} aria-describedby="follow-up-hint" />
        <p className="hint" id="follow-up-hint">
          {t('implement.followUp.hint')}
        </p>
      </div>
      <ErrorNotice error={error} title={t('implement.followUp.failed')} />
      <button type="submit" className="button" disabled={busy || !text.trim()}>
        {t('implement.followUp.send')}
      </button>
    </form>
  );
}
