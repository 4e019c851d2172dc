// Discard a run in review, after a confirmation: its working copy goes, its record stays.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';

export function DiscardButton({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const discard = async () => {
    try {
      useImplementRunsStore.getState().putRun(await api.discardRun({ runId }));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
    setConfirming(false);
  };

  return (
    <div className="discard-run">
      <ErrorNotice error={error} title={t('implement.discard.failed')} />
      {confirming ? (
        <div className="notice notice-warning" role="group" aria-labelledby="discard-question">
          <span className="notice-text" id="discard-question">
            {t('implement.discard.question')}
          </span>
          <button type="button" className="button danger" onClick={() => void discard()} data-testid="discard-confirm">
            {t('implement.discard.yes')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t('implement.discard.no')}
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="discard-run">
          {t('implement.discard.button')}
        </button>
      )}
    </div>
  );
}
