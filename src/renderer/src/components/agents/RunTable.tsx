// Run records with live state: module, document, provider/model, tokens, cost, duration, files sent, outcome,
// review (a finished run's draft waits for it); a running run can be cancelled. Totals below.

import { useTranslation } from 'react-i18next';
import type { RunTotals } from '../../../../shared/types-agents';
import { formatDuration, formatTokens, formatUsd } from '../../lib/agentFormat';
import { useAgentsRunsStore, type RunView } from '../../stores/agentsRuns';
import { RunReviewCell } from './RunReviewCell';

interface Props {
  runs: RunView[];
  totals: RunTotals | null;
  label: string;
}

export function RunTable({ runs, totals, label }: Props) {
  const { t } = useTranslation();
  const cancelRun = useAgentsRunsStore((s) => s.cancelRun);
  const sum = totals ?? computeTotals(runs);
  if (runs.length === 0) return <p className="subtle">{t('agents.runs.noRecords')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="run-table" data-testid="run-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agents.runs.module')}</th>
            <th scope="col">{t('agents.runs.doc')}</th>
            <th scope="col">{t('agents.runs.outcome')}</th>
            <th scope="col">{t('agents.runs.model')}</th>
            <th scope="col" className="num">{t('agents.runs.tokens')}</th>
            <th scope="col" className="num">{t('agents.runs.cost')}</th>
            <th scope="col" className="num">{t('agents.runs.duration')}</th>
            <th scope="col" className="num">{t('agents.runs.files')}</th>
            <th scope="col">{t('agents.review.column')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('agents.runs.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const rec = r.record;
            const live = r.state === 'running' || r.state === 'queued';
            return (
              <tr key={r.runId} data-testid="run-row" data-module-id={r.moduleId} data-state={r.state}>
                <th scope="row">
                  <a href={`#/module/${r.moduleId}/${r.kind}`}>{r.moduleId}</a>
                </th>
                <td>{t(`doc.${r.kind}.short`)}</td>
                <td>
                  <span className={`tag state-${r.state}`}>{t(`agents.runState.${r.state}`)}</span>
                  {live && r.outputChars > 0 && <span className="hint"> {t('agents.runs.chars', { count: r.outputChars })}</span>}
                  {r.message && (
                    <span className={rec?.error ? 'field-error run-message' : 'hint run-message'} data-testid="run-message">
                      {rec?.error ? `${rec.error.code}: ${r.message}` : r.message}
                    </span>
                  )}
                </td>
                <td>{rec ? `${rec.provider}/${rec.model}` : ''}</td>
                <td className="num">{rec ? `${formatTokens(rec.tokensIn)} / ${formatTokens(rec.tokensOut)}` : ''}</td>
                <td className="num">{rec ? formatUsd(rec.costUsd) : ''}</td>
                <td className="num">{rec && rec.finishedAt ? formatDuration(rec.durationMs) : ''}</td>
                <td className="num">{rec ? rec.filesSent.length : ''}</td>
                <td>
                  <RunReviewCell run={r} />
                </td>
                <td>
                  {live && (
                    <button type="button" className="button small" aria-label={t('agents.runs.cancelRunOf', { module: r.moduleId, doc: t(`doc.${r.kind}.long`) })} onClick={() => void cancelRun(r.runId)}>
                      {t('agents.runs.cancelRun')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="run-totals">
            <th scope="row">{t('agents.runs.total')}</th>
            <td />
            <td>{t('agents.runs.outcomes', { ok: sum.succeeded, failed: sum.failed, cancelled: sum.cancelled, queued: sum.queued })}</td>
            <td />
            <td className="num">{`${formatTokens(sum.tokensIn)} / ${formatTokens(sum.tokensOut)}`}</td>
            <td className="num">{formatUsd(sum.costUsd)}</td>
            <td className="num">{formatDuration(sum.durationMs)}</td>
            <td />
            <td />
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function computeTotals(runs: RunView[]): RunTotals {
  const sum: RunTotals = { runs: runs.length, succeeded: 0, failed: 0, cancelled: 0, skipped: 0, queued: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, durationMs: 0 };
  for (const r of runs) {
    if (r.state === 'queued' || r.state === 'running') sum.queued++;
    else sum[r.state]++;
    sum.tokensIn += r.record?.tokensIn ?? 0;
    sum.tokensOut += r.record?.tokensOut ?? 0;
    sum.costUsd += r.record?.costUsd ?? 0;
    sum.durationMs += r.record?.durationMs ?? 0;
  }
  return sum;
}
