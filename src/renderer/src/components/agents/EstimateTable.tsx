// A batch's estimate: tokens and dollars per run and in total; runs that cannot start (no files match) flagged.

import { useTranslation } from 'react-i18next';
import type { BatchEstimate } from '../../../../shared/types-agents';
import { formatTokens, formatUsd } from '../../lib/agentFormat';
import { countEstimateFlags, estimateFlag } from '../../lib/estimateFlags';

export function EstimateTable({ estimate }: { estimate: BatchEstimate }) {
  const { t } = useTranslation();
  const { totals, budget } = estimate;
  const flags = countEstimateFlags(estimate.runs);
  const flagDetail = [flags.blocked ? t('agents.estimate.blockedCount', { count: flags.blocked }) : null, flags.noCode ? t('agents.estimate.noCodeCount', { count: flags.noCode }) : null]
    .filter(Boolean)
    .join(', ');
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
            {estimate.runs.map((r) => {
              const flag = estimateFlag(r);
              return (
                <tr key={`${r.moduleId}/${r.kind}`} data-testid="estimate-row" data-module-id={r.moduleId} data-flag={flag ?? undefined} className={flag ? 'row-blocked' : undefined}>
                  <th scope="row">
                    <span className="estimate-module">{r.moduleId}</span>
                    {(flag || r.warnings.length > 0) && (
                      // One line per note, so a tag and a warning never run together.
                      <ul className="estimate-notes">
                        {r.blocked && (
                          <li>
                            <span className="tag tag-warning" data-testid="estimate-blocked">
                              {r.blocked}
                            </span>
                          </li>
                        )}
                        {flag === 'no-code' && (
                          <li>
                            <span className="tag tag-warning" data-testid="estimate-no-code">
                              {t('agents.estimate.noCode')}
                            </span>
                          </li>
                        )}
                        {r.warnings.map((w) => (
                          <li key={w} className="hint" data-testid="estimate-warning">
                            {w}
                          </li>
                        ))}
                      </ul>
                    )}
                  </th>
                  <td>{t(`doc.${r.kind}.short`)}</td>
                  <td className="num">{formatTokens(r.inputTokens)}</td>
                  <td className="num">{formatTokens(r.outputTokens)}</td>
                  <td className="num">{formatUsd(r.costUsd)}</td>
                  <td className="num">{t('agents.estimate.filesOf', { sent: r.filesSent, matched: r.matchedFiles })}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('agents.runs.total')}</th>
              <td data-testid="estimate-flagged">{flags.flagged === 0 ? t('agents.estimate.noneFlagged') : t('agents.estimate.flagged', { count: flags.flagged, detail: flagDetail })}</td>
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
