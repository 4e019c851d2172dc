// The agent batch dialog: modules (selected or all), documents, provider and model, a budget cap; then the
// estimate per module and in total, and the approval ("N runs, about X tokens, about $Y: approve?").

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_KINDS, type DocKind } from '../../../../shared/documents';
import type { BatchEstimate, BatchRequest } from '../../../../shared/types-agents';
import { api, asApiError, type ApiError } from '../../api';
import { formatTokens } from '../../lib/agentFormat';
import { useAgentsRunsStore } from '../../stores/agentsRuns';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { useBatchDialogStore } from '../../stores/agentsBatchDialog';
import { useBoardStore } from '../../stores/board';
import { useRouteStore } from '../../stores/route';
import { ErrorNotice } from '../ErrorNotice';
import { EstimateTable } from './EstimateTable';
import { ModuleChooser } from './ModuleChooser';
import { ProviderModelPicker } from './ProviderModelPicker';
import './agents.css';

export function BatchDialog() {
  const { t } = useTranslation();
  const request = useBatchDialogStore((s) => s.request);
  const close = useBatchDialogStore((s) => s.close);
  const providers = useAgentsSettingsStore((s) => s.providers);
  const settings = useAgentsSettingsStore((s) => s.settings);
  const moduleCount = useBoardStore((s) => s.board?.modules.length ?? 0);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [modules, setModules] = useState<string[] | 'all'>('all');
  const [kinds, setKinds] = useState<DocKind[]>(['as-is']);
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [budget, setBudget] = useState('');
  const [estimate, setEstimate] = useState<BatchEstimate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) {
      returnFocus.current = document.activeElement;
      setModules(request.modules);
      setKinds(request.kinds);
      setEstimate(null);
      setError(null);
      if (providers.length === 0) void useAgentsSettingsStore.getState().load();
      el.showModal();
    } else if (!request && el.open) el.close();
  }, [request]);

  useEffect(() => {
    if (!provider && providers.length > 0) {
      const first = providers.find((p) => p.id === settings?.defaultProvider) ?? providers[0]!;
      setProvider(first.id);
      setModel(first.defaultModel);
    }
  }, [providers, settings, provider]);

  const finish = () => {
    close();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };
  const budgetUsd = budget.trim() === '' ? undefined : Number(budget);
  const budgetBad = budgetUsd !== undefined && (!Number.isFinite(budgetUsd) || budgetUsd < 0);
  const batch = (): BatchRequest => ({ modules, kinds, provider, model, budgetUsd });

  const runEstimate = async (event: React.FormEvent) => {
    event.preventDefault();
    if (budgetBad || kinds.length === 0 || (modules !== 'all' && modules.length === 0)) return;
    setBusy(true);
    try {
      setEstimate(await api.estimateBatch(batch()));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    setBusy(true);
    const started = await useAgentsRunsStore.getState().startBatch(batch());
    setBusy(false);
    if (!started) return setError(useAgentsRunsStore.getState().error);
    const stay = request?.fixed;
    finish();
    if (!stay) useRouteStore.getState().navigate({ page: 'agent-runs', batchId: started.batchId });
  };

  // totals.runs counts the runs that can start; blocked ones are counted apart.
  const runnable = estimate ? estimate.totals.runs : 0;
  return (
    <dialog
      ref={dialog}
      className="dialog batch-dialog"
      aria-labelledby="batch-dialog-title"
      data-testid="batch-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish();
      }}
    >
      {request && (
        <form onSubmit={(e) => void runEstimate(e)} noValidate>
          <h2 id="batch-dialog-title">{t(request.fixed ? 'agents.batch.titleOne' : 'agents.batch.title')}</h2>
          {!estimate && (
            <>
              {!request.fixed && <ModuleChooser value={modules} onChange={setModules} total={moduleCount} />}
              {request.fixed ? (
                <p className="subtle">{t('agents.batch.oneDoc', { module: request.modules[0], doc: t(`doc.${request.kinds[0]}.long`) })}</p>
              ) : (
                <fieldset className="kind-choice">
                  <legend>{t('agents.batch.kinds')}</legend>
                  {DOC_KINDS.map((k) => (
                    <label key={k} className="checkbox">
                      <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((list) => (e.target.checked ? [...list, k] : list.filter((x) => x !== k)))} />
                      <span>{t(`doc.${k}.long`)}</span>
                    </label>
                  ))}
                </fieldset>
              )}
              <ProviderModelPicker providers={providers} provider={provider} model={model} onChange={(p, m) => (setProvider(p), setModel(m))} />
              <div className="field">
                <label htmlFor="batch-budget">{t('agents.batch.budget')}</label>
                <input id="batch-budget" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} aria-invalid={budgetBad || undefined} aria-describedby="batch-budget-hint" />
                <p className="hint" id="batch-budget-hint">
                  {budgetBad ? t('agents.batch.budgetBad') : t('agents.batch.budgetHint')}
                </p>
              </div>
            </>
          )}
          {estimate && <EstimateTable estimate={estimate} />}
          {estimate?.cannotStart && (
            <div className="notice notice-error" role="alert" id="batch-cannot-start" data-testid="estimate-cannot-start">
              <div className="notice-text">
                <strong className="notice-title">{t('agents.batch.cannotStart')}</strong>
                <span>{estimate.cannotStart.message}</span>
                <span className="error-code">{t('error.code', { code: estimate.cannotStart.code })}</span>
              </div>
              {(estimate.cannotStart.code === 'KEY_MISSING' || estimate.cannotStart.code === 'PRICE_MISSING') && (
                <a className="button" href="#/settings/agents" onClick={() => close()}>
                  {t('agents.batch.openSettings')}
                </a>
              )}
            </div>
          )}
          {estimate && (
            <p className="approve-question" data-testid="approve-question">
              {runnable === 0
                ? t('agents.batch.nothingToRun')
                : t('agents.batch.approveQuestion', {
                    count: runnable,
                    tokens: formatTokens(estimate.totals.inputTokens + estimate.totals.outputTokens),
                    cost: estimate.totals.costUsd === null ? t('agents.batch.unknownCost') : `$${estimate.totals.costUsd.toFixed(2)}`,
                  })}
            </p>
          )}
          <ErrorNotice error={error} title={t('agents.batch.failed')} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={finish}>
              {t('action.cancel')}
            </button>
            {estimate ? (
              <>
                <button type="button" className="button" onClick={() => setEstimate(null)}>
                  {t('agents.batch.back')}
                </button>
                <button
                  type="button"
                  className="button primary"
                  disabled={busy || runnable === 0 || !!estimate.cannotStart}
                  aria-describedby={estimate.cannotStart ? 'batch-cannot-start' : undefined}
                  onClick={() => void approve()}
                >
                  {t('agents.batch.approve', { count: runnable })}
                </button>
              </>
            ) : (
              <button type="submit" className="button primary" disabled={busy || kinds.length === 0 || !provider}>
                {busy ? t('agents.batch.estimating') : t('agents.batch.estimate')}
              </button>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
}
