// The module page's pull-request section: the module's recorded pull requests with their states, "Refresh" to ask
// GitHub again, and the form that opens one.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../../shared/types';
import { ApiError } from '../../api';
import { usePullsStore } from '../../stores/pulls';
import { ErrorNotice } from '../ErrorNotice';
import { OpenPullRequestForm } from './OpenPullRequestForm';
import { PullRequestLink } from './PullRequestLink';
import './pulls.css';

interface Props {
  card: ModuleCard;
  baseBranch: string;
}

export function PullRequestPanel({ card, baseBranch }: Props) {
  const { t } = useTranslation();
  const records = usePullsStore((s) => s.records);
  const refreshing = usePullsStore((s) => s.refreshing);
  const refreshError = usePullsStore((s) => s.refreshError);
  const refreshErrors = usePullsStore((s) => s.refreshErrors);
  const mine = (records ?? []).filter((r) => r.moduleId === card.id);

  useEffect(() => {
    if (usePullsStore.getState().records === null) void usePullsStore.getState().load();
  }, []);

  return (
    <section className="module-pulls" aria-labelledby="pulls-heading" data-testid="pull-panel">
      <div className="pull-form">
        <h2 id="pulls-heading">{t('pulls.heading')}</h2>
        {mine.length > 0 && (
          <button type="button" className="button small" onClick={() => void usePullsStore.getState().refresh()} disabled={refreshing} aria-label={t('pulls.refreshLabel')} data-testid="refresh-pulls">
            {refreshing ? t('pulls.refreshing') : t('pulls.refresh')}
          </button>
        )}
      </div>
      {mine.length > 0 && (
        <ul className="pull-list" aria-label={t('pulls.listLabel')}>
          {mine.map((pull) => (
            <PullRequestLink key={pull.remote} pull={pull} />
          ))}
        </ul>
      )}
      <ErrorNotice error={refreshError} title={t('pulls.refreshFailed')} />
      {refreshErrors.map(({ remote, error }) => (
        <ErrorNotice key={remote} error={new ApiError(error.code, error.message, error.data)} title={t('pulls.refreshRemoteFailed', { remote })} />
      ))}
      <OpenPullRequestForm card={card} baseBranch={baseBranch} />
    </section>
  );
}
