// On a module card: its pull request's number and state (open, draft, closed, merged), when it has one.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { pullForModule, usePullsStore } from '../../stores/pulls';
import './pulls.css';

export function PullRequestChip({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const records = usePullsStore((s) => s.records);
  const pull = pullForModule(records, moduleId);

  useEffect(() => {
    if (usePullsStore.getState().records === null) void usePullsStore.getState().load();
  }, []);

  if (!pull) return null;
  const state = t(`pulls.state.${pull.state}`);
  return (
    <span
      className={`chip pull-chip pull-${pull.state}`}
      role="img"
      aria-label={t('pulls.chipLabel', { number: pull.number, state, remote: pull.remote })}
      data-testid="pull-state"
      data-state={pull.state}
    >
      {t('pulls.chip', { number: pull.number, state })}
    </span>
  );
}
