// A module's implementation runs, newest first: state, why it stopped, turns, tokens, cost and the check; each
// opens its transcript and review.

import { useTranslation } from 'react-i18next';
import type { ImplementRun } from '../../../../shared/types-implement';
import { formatDateTime } from '../../format';
import { formatTokens } from '../../lib/agentFormat';
import { engineName, isCliEngine, runCost } from './format';

interface Props {
  moduleId: string;
  runs: ImplementRun[];
  openRunId: string | null;
}

export function ImplementRunList({ moduleId, runs, openRunId }: Props) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="subtle" data-testid="no-implement-runs">{t('implement.runs.none')}</p>;
  return (
    <section aria-labelledby="implement-runs-heading">
      <h2 id="implement-runs-heading">{t('implement.runs.heading')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="implement-runs-heading">
        <table className="run-table" data-testid="implement-runs">
          <thead>
            <tr>
              <th scope="col">{t('implement.runs.started')}</th>
              <th scope="col">{t('implement.runs.state')}</th>
              <th scope="col">{t('implement.runs.stop')}</th>
              <th scope="col">{t('implement.runs.model')}</th>
              <th scope="col" className="num">{t('implement.runs.turns')}</th>
              <th scope="col" className="num">{t('implement.runs.tokens')}</th>
              <th scope="col" className="num">{t('implement.runs.cost')}</th>
              <th scope="col" className="num">{t('implement.runs.files')}</th>
              <th scope="col">{t('implement.runs.check')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} data-testid="implement-run-row" data-run-id={r.runId} data-state={r.state} aria-current={r.runId === openRunId ? 'true' : undefined}>
                <th scope="row">
                  <a href={`#/module/${moduleId}/changes/run/${encodeURIComponent(r.runId)}`}>{formatDateTime(r.startedAt ?? r.queuedAt)}</a>
                </th>
                <td>
                  <span className={`tag state-${stateClass(r.state)}`}>{t(`implement.state.${r.state}`)}</span>
                </td>
                <td>{r.stop ? t(`implement.stop.${r.stop}`) : ''}</td>
                <td>
                  {isCliEngine(r.engine) ? (
                    <>
                      {engineName(t, r.engine)} {r.model && <code>{r.model}</code>}
                    </>
                  ) : (
                    <code>{`${r.provider}/${r.model}`}</code>
                  )}
                </td>
                <td className="num">{r.turns}</td>
                <td className="num">{formatTokens(r.tokensIn + r.tokensOut)}</td>
                <td className="num">{runCost(t, r)}</td>
                <td className="num">{r.changedFiles}</td>
                <td>{r.check ? t(`implement.check.${r.check.state}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The agents' state colours: live runs blue, review and committed green, failed red, the rest muted. */
export function stateClass(state: ImplementRun['state']): string {
  if (state === 'queued' || state === 'preparing' || state === 'running' || state === 'checking') return 'running';
  if (state === 'review' || state === 'committed') return 'succeeded';
  if (state === 'failed') return 'failed';
  return 'cancelled';
}
