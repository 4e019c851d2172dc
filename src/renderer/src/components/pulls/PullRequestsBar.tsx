// The board's pull-request row, once any module has one: how many are open, draft, merged or closed, "Refresh"
// to ask GitHub for their states now, and the remotes that could not be asked.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PullRequestState } from '../../../../shared/types-pulls';
import { ApiError } from '../../api';
import { usePullsStore } from '../../stores/pulls';
import { ErrorNotice } from '../ErrorNotice';
import './pulls.css';

const ORDER: PullRequestState[] = ['open', 'draft', 'merged', 'closed'];

export function PullRequestsBar() {
  const { t } = useTranslation();
  const records = usePullsStore((s) => s.records);
  const refreshing = usePullsStore((s) => s.refreshing);
  const refreshError = usePullsStore((s) => s.refreshError);
  const refreshErrors = usePullsStore((s) => s.refreshErrors);

  useEffect(() => {
    if (usePullsStore.getState().records === null) void usePullsStore.getState().load();
  }, []);

  if (!records?.length) return null;
  const counts = ORDER.map((state) => ({ state, count: records.filter((r) => r.state === state).length })).filter((c) => c.count > 0);
  return (
    <div className="pulls-bar" data-testid="pulls-bar">
      <span role="status" data-testid="pulls-summary">
        {t('pulls.summary', { count: records.length })}{' '}
        {counts.map(({ state, count }) => (
          <span key={state} className={`chip pull-chip pull-${state}`}>
            {t('pulls.stateCount', { count, state: t(`pulls.state.${state}`) })}
          </span>
        ))}
      </span>
      <button type="button" className="button" onClick={() => void usePullsStore.getState().refresh()} disabled={refreshing} aria-busy={refreshing} aria-label={t('pulls.refreshLabel')} data-testid="refresh-all-pulls">
        {refreshing ? t('pulls.refreshing') : t('pulls.refresh')}
      </button>
      <ErrorNotice error={refreshError} title={t('pulls.refreshFailed')} />
      {refreshErrors.map(({ remote, error }) => (
        <ErrorNotice key={remote} error={new ApiError(error.code, error.message, error.data)} title={t('pulls.refreshRemoteFailed', { remote })} />
      ))}
    </div>
  );
}
