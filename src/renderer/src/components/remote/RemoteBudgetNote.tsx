// Under a remote batch's estimate: how the budget is shared (each run gets its share of what remains, at least its
// lowest estimate), when dispatching stops, and a budget too small for one run or for every run, said before approval.

import { useTranslation } from 'react-i18next';
import type { ImplementEstimate } from '../../../../shared/types-implement';
import { formatUsd } from '../../lib/agentFormat';
import { runsCovered } from './remoteBudget';

export function RemoteBudgetNote({ estimate, budgetUsd }: { estimate: ImplementEstimate; budgetUsd: number | undefined }) {
  const { t } = useTranslation();
  const runs = estimate.runs.filter((r) => !r.blocked);
  if (runs.length === 0) return null;
  if (budgetUsd === undefined) {
    return (
      <p className="notice notice-warning" data-testid="remote-budget-required">
        {t('remote.where.budgetRequired')}
      </p>
    );
  }
  const lows = runs.map((r) => r.lowUsd).filter((n): n is number => n !== null);
  const budget = formatUsd(budgetUsd);
  const covered = lows.length === runs.length ? runsCovered(lows, budgetUsd) : runs.length;
  return (
    <div className="remote-budget" data-testid="remote-budget-note">
      <p className="subtle">
        {t('remote.budget.share', { count: runs.length, budget, share: formatUsd(budgetUsd / runs.length) })} {t('remote.budget.stops')}
      </p>
      {covered === 0 && (
        <p className="notice notice-warning" data-testid="remote-budget-too-small">
          {t('remote.budget.tooSmall', { budget, low: formatUsd(Math.min(...lows)) })}
        </p>
      )}
      {covered > 0 && covered < runs.length && (
        <p className="notice notice-warning" data-testid="remote-budget-fewer">
          {t('remote.budget.fewer', { budget, covered, count: runs.length })}
        </p>
      )}
    </div>
  );
}
