// One remote batch in a sentence: while it runs, how many runs are out and what the returned records cost so far
// (and what the runs out may still spend); at its end, done n, failed n, ... and the cost of the budget; for checks,
// how many passed (checks spend nothing on a provider: no cost unless a record reported one).

import { useTranslation } from 'react-i18next';
import type { RemoteBatch, RemoteRun, RemoteRunState } from '../../../../shared/types-remote';
import { formatUsd } from '../../lib/agentFormat';
import { checkVerdictCounts } from '../checks/remoteCheckView';
import { countOf } from './remoteView';

const END_STATES: RemoteRunState[] = ['failed', 'cancelled', 'timed-out', 'skipped'];

export function RemoteBatchSummary({ batch, runs }: { batch: RemoteBatch; runs: RemoteRun[] }) {
  const { t } = useTranslation();
  const costKnown = runs.every((r) => r.costKnown);
  const cost = costKnown ? formatUsd(batch.spentUsd) : t('remote.summary.costPartlyUnknown', { cost: formatUsd(batch.spentUsd) });
  const budget = batch.budgetUsd === null ? null : formatUsd(batch.budgetUsd);
  const total = batch.runIds.length;
  const showCost = batch.kind !== 'check' || batch.spentUsd > 0 || batch.committedUsd > 0;
  const checks = batch.kind === 'check' ? checkVerdictCounts(runs) : null;
  if (batch.state === 'running') {
    const out = countOf(batch, runs, 'queued') + countOf(batch, runs, 'dispatched') + countOf(batch, runs, 'running');
    return (
      <p className="remote-summary" data-testid="remote-batch-summary" data-state="running">
        {t('remote.summary.running', { out, total, done: total - out })}{' '}
        {showCost && (budget ? t('remote.summary.costOfBudget', { cost, budget }) : t('remote.summary.cost', { cost }))}
        {batch.committedUsd > 0 && <> {t('remote.summary.outstanding', { cost: formatUsd(batch.committedUsd) })}</>}
      </p>
    );
  }
  const ended = END_STATES.map((s) => ({ s, n: countOf(batch, runs, s) })).filter((e) => e.n > 0);
  return (
    <p className="remote-summary" data-testid="remote-batch-summary" data-state={batch.state}>
      <strong>{t(batch.state === 'cancelled' ? 'remote.summary.cancelled' : 'remote.summary.finished')}</strong>{' '}
      <span data-testid="remote-summary-done">{t('remote.summary.done', { count: countOf(batch, runs, 'done') })}</span>
      {ended.map((e) => (
        <span key={e.s} data-testid={`remote-summary-${e.s}`}>
          {', '}
          {t(`remote.summary.${e.s}`, { count: e.n })}
        </span>
      ))}
      {'. '}
      {checks && (
        <span data-testid="remote-summary-checks">
          {t('remote.summary.checks', checks)}{' '}
        </span>
      )}
      {showCost && <span data-testid="remote-summary-cost">{budget ? t('remote.summary.costOfBudget', { cost, budget }) : t('remote.summary.cost', { cost })}</span>}
    </p>
  );
}
