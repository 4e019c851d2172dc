// An implementation estimate: per module the context size and the cost as a range (turns x tokens per turn), or
// "cost unknown" for an engine that reports none, modules that cannot run with the reason (no TO-BE design, no
// branch, the offline analyzer), and the caps.

import { useTranslation } from 'react-i18next';
import type { ImplementEstimate } from '../../../../shared/types-implement';
import { formatTokens, formatUsd } from '../../lib/agentFormat';
import { formatRange } from './format';

export function ImplementEstimateTable({ estimate, engineTitle }: { estimate: ImplementEstimate; engineTitle: string }) {
  const { t } = useTranslation();
  const { totals, budget } = estimate;
  const range = (low: number | null, high: number | null) => (estimate.costKnown ? formatRange(low, high) : t('implement.cost.unknown'));
  return (
    <div className="estimate" data-testid="implement-estimate" data-cost-known={estimate.costKnown}>
      <p className="subtle">
        {estimate.engine === 'builtin'
          ? t('agents.estimate.with', { provider: estimate.provider, model: estimate.model })
          : t('implement.estimate.withEngine', { engine: engineTitle, model: estimate.model || t('implement.estimate.defaultModel') })}
        {' · '}
        {t('implement.estimate.maxTurns', { count: estimate.maxTurns })}
        {budget.batchUsd !== null && <> · {t('agents.estimate.batchBudget', { cap: formatUsd(budget.batchUsd) })}</>}
        {budget.workspaceUsd !== null && <> · {t('agents.estimate.workspaceBudget', { spent: formatUsd(budget.workspaceSpentUsd), cap: formatUsd(budget.workspaceUsd) })}</>}
      </p>
      {estimate.summary && <p className="subtle">{estimate.summary}</p>}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('implement.estimate.caption')}>
        <table className="run-table">
          <caption className="visually-hidden">{t('implement.estimate.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agents.runs.module')}</th>
              <th scope="col" className="num">{t('implement.estimate.context')}</th>
              <th scope="col" className="num">{t('implement.estimate.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {estimate.runs.map((r) => (
              <tr key={r.moduleId} data-testid="implement-estimate-row" data-module-id={r.moduleId} className={r.blocked ? 'row-blocked' : undefined}>
                <th scope="row">
                  {r.moduleId}
                  {r.blocked && (
                    <span className="tag tag-warning" data-testid="implement-blocked">
                      {r.blocked}
                    </span>
                  )}
                </th>
                <td className="num">{formatTokens(r.contextTokens)}</td>
                <td className="num">{r.blocked ? '—' : range(r.lowUsd, r.highUsd)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('agents.runs.total')}</th>
              <td className="num">{t('agents.estimate.blocked', { count: totals.blocked })}</td>
              <td className="num" data-testid="implement-estimate-total">{range(totals.lowUsd, totals.highUsd)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
