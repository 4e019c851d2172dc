// The run panel (#/runs[/<batch>]): the batches, the chosen batch's progress bar, its runs live (cancel one
// or all), why a queue stopped, and the run records with totals.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { useBatchDialogStore } from '../../stores/agentsBatchDialog';
import { ErrorNotice } from '../ErrorNotice';
import { BatchPanel } from './BatchPanel';
import './agents.css';

export function RunsPage({ batchId }: { batchId: string | null }) {
  const { t } = useTranslation();
  const batches = useAgentsRunsStore((s) => s.batches);
  const error = useAgentsRunsStore((s) => s.error);
  const loadBatches = useAgentsRunsStore((s) => s.loadBatches);
  const list = Object.values(batches).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const shown = batchId ? batches[batchId] : list[0];

  useEffect(() => {
    document.title = `${t('agents.runs.title')} · ${t('app.name')}`;
    void loadBatches();
  }, [loadBatches, t]);

  return (
    <div className="page agents-page" data-testid="runs-page">
      <div className="page-heading page-heading-row">
        <h1>{t('agents.runs.title')}</h1>
        <button type="button" className="button primary" onClick={() => useBatchDialogStore.getState().show({ modules: 'all', kinds: ['as-is'], fixed: false })}>
          {t('agents.batch.open')}
        </button>
      </div>
      <ErrorNotice error={error} title={t('agents.runs.failed')} />
      {list.length === 0 && <p className="subtle">{t('agents.runs.none')}</p>}
      {list.length > 0 && (
        <nav aria-label={t('agents.runs.batches')}>
          <ul className="batch-list">
            {list.map((b) => (
              <li key={b.batchId}>
                <a href={`#/runs/${encodeURIComponent(b.batchId)}`} aria-current={shown?.batchId === b.batchId ? 'page' : undefined}>
                  {t('agents.runs.batchLink', { when: new Date(b.createdAt).toLocaleString(), model: `${b.provider}/${b.model}`, count: b.runIds.length })}
                </a>
                <span className={`tag state-${b.state}`}>{t(`agents.batchState.${b.state}`)}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {shown && <BatchPanel batch={shown} />}
    </div>
  );
}
