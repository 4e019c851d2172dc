// A batch's estimate: tokens and dollars per run and in total; runs that cannot start (no files match) flagged.

import { useTranslation } from 'react-i18next';
import type { BatchEstimate } from '../../../../shared/types-agents';
import { formatTokens, formatUsd } from '../../lib/agentFormat';

export function EstimateTable({ estimate }: { estimate: BatchEstimate }) {
  const { t } = useTranslation();
  const { totals, budget } = estimate;
  return (
    <div className="estimate" data-testid="batch-estimate">
      <p className="subtle">
        {t('agents.estimate.with', { provider: estimate.provider, model: estimate.model })}
        {budget.batchUsd !== null && <> · {t('agents.estimate.batchBudget', { cap: formatUsd(budget.batchUsd) })}</>}
        {budget.workspaceUsd !== null && <> · {t('agents.estimate.workspaceBudget', { spent: formatUsd(budget.workspaceSpentUsd), cap: formatUsd(budget.workspaceUsd) })}</>}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('agents.estimate.caption')}>
        <table className="run-table">
          <caption className="visually-hidden">{t('agents.estimate.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agents.runs.module')}</th>
              <th scope="col">{t('agents.runs.doc')}</th>
              <th scope="col" className="num">{t('agents.estimate.input')}</th>
              <th scope="col" className="num">{t('agents.estimate.output')}</th>
              <th scope="col" className="num">{t('agents.estimate.cost')}</th>
              <th scope="col" className="num">{t('agents.runs.files')}</th>
            </tr>
          </thead>
          <tbody>
            {estimate.runs.map((r) => (
              <tr key={`${r.moduleId}/${r.kind}`} data-testid="estimate-row" data-module-id={r.moduleId} className={r.blocked || r.matchedFiles === 0 ? 'row-blocked' : undefined}>
                <th scope="row">
                  {r.moduleId}
                  {r.blocked && (
                    <span className="tag tag-warning" data-testid="estimate-blocked">
                      {r.blocked}
                    </span>
                  )}
                  {!r.blocked && r.matchedFiles === 0 && (
                    <span className="tag tag-warning" data-testid="estimate-no-code">
                      {t('agents.estimate.noCode')}
                    </span>
                  )}
                  {r.warnings.map((w) => (
                    <span key={w} className="hint">
                      {w}
                    </span>
                  ))}
                </th>
                <td>{t(`doc.${r.kind}.short`)}</td>
                <td className="num">{formatTokens(r.inputTokens)}</td>
                <td className="num">{formatTokens(r.outputTokens)}</td>
                <td className="num">{formatUsd(r.costUsd)}</td>
                <td className="num">{t('agents.estimate.filesOf', { sent: r.filesSent, matched: r.matchedFiles })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('agents.runs.total')}</th>
              <td>{t('agents.estimate.blocked', { count: totals.blocked })}</td>
              <td className="num">{formatTokens(totals.inputTokens)}</td>
              <td className="num">{formatTokens(totals.outputTokens)}</td>
              <td className="num">{formatUsd(totals.costUsd)}</td>
              <td className="num">{t('agents.estimate.worstCase', { cost: formatUsd(totals.worstCaseUsd) })}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
