// Discard a run in review, after a confirmation: its working copy goes, its record stays. A remote run's review
// passes its own `discard` (its review branch goes) and question.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';

interface Props {
  runId: string;
  /** Replaces the local run's discard (a remote run's). */
  discard?: () => Promise<void>;
  question?: string;
}

export function DiscardButton({ runId, discard: discardOther, question }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const discard = async () => {
    try {
      if (discardOther) await discardOther();
      else useImplementRunsStore.getState().putRun(await api.discardRun({ runId }));
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
            {question ?? t('implement.discard.question')}
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
