// The Implement dialog: modules (one from its page, or a choice from the board: those whose TO-BE is approved
// first), the engine (built-in loop or an agent CLI), provider and model, an optional instruction, a budget, a time
// cap (required for an engine that reports no cost) and concurrency; then the estimate as a range per module with
// the reasons a module cannot run, and the approval that starts the runs: here, or one CI run per module on GitHub
// Actions or Azure Pipelines (components/remote), each with its share of the budget. Loaded lazily.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineId } from '../../../../shared/types-engines';
import type { ImplementEstimate, ImplementRequest } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { parseTimeCap } from '../../lib/engineInput';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { useImplementDialogStore, type ImplementDialogRequest } from '../../stores/implementDialog';
import { engineOf, useImplementEnginesStore } from '../../stores/implementEngines';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { useImplementSettingsStore } from '../../stores/implementSettings';
import { useRouteStore } from '../../stores/route';
import { ErrorNotice } from '../ErrorNotice';
import { RemoteBudgetNote } from '../remote/RemoteBudgetNote';
import type { RunWhere } from '../remote/remoteTargets';
import { RunWhereChoice } from '../remote/RunWhereChoice';
import { startRemoteBatch } from '../remote/startRemoteBatch';
import { ProviderModelPicker } from '../agents/ProviderModelPicker';
import { ApproveQuestion } from './ApproveQuestion';
import { EngineChoice } from './EngineChoice';
import { EngineNotes } from './EngineNotes';
import { ImplementEstimateTable } from './ImplementEstimateTable';
import { ImplementModuleChooser } from './ImplementModuleChooser';
import { TimeCapField } from './TimeCapField';
import '../agents/agents.css';
import './implement.css';

// shared/providers' OFFLINE_PROVIDER_ID; importing it would pull the provider schemas (zod) into this chunk.
const OFFLINE_PROVIDER_ID = 'offline';

export default function ImplementDialog({ request }: { request: ImplementDialogRequest }) {
  const { t } = useTranslation();
  const close = useImplementDialogStore((s) => s.close);
  const providers = useAgentsSettingsStore((s) => s.providers);
  const agentSettings = useAgentsSettingsStore((s) => s.settings);
  const settings = useImplementSettingsStore((s) => s.settings);
  const engines = useImplementEnginesStore((s) => s.engines);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [modules, setModules] = useState<string[]>(request.modules);
  const [engineId, setEngineId] = useState<EngineId>('builtin');
  const [cliModel, setCliModel] = useState('');
  const [timeCap, setTimeCap] = useState('');
  /** Main answered TIME_CAP_REQUIRED: the engine's cost is unknown here (no price either), so the cap is required. */
  const [capAsked, setCapAsked] = useState(false);
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [instruction, setInstruction] = useState('');
  const [budget, setBudget] = useState('');
  const [concurrency, setConcurrency] = useState('');
  const [estimate, setEstimate] = useState<ImplementEstimate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [where, setWhere] = useState<RunWhere>({ target: 'here' });
  const remote = where.target === 'here' ? null : where;

  useEffect(() => {
    returnFocus.current = document.activeElement;
    dialog.current?.showModal();
    if (useAgentsSettingsStore.getState().providers.length === 0) void useAgentsSettingsStore.getState().load();
    if (!useImplementSettingsStore.getState().settings) void useImplementSettingsStore.getState().load();
    if (!useImplementEnginesStore.getState().engines) void useImplementEnginesStore.getState().load();
  }, []);

  // The first provider that can implement: the workspace's default unless it is the offline analyzer.
  useEffect(() => {
    if (provider || providers.length === 0) return;
    const usable = providers.filter((p) => p.id !== OFFLINE_PROVIDER_ID);
    const first = usable.find((p) => p.id === agentSettings?.defaultProvider) ?? usable[0] ?? providers[0]!;
    setProvider(first.id);
    setModel(first.defaultModel);
  }, [providers, agentSettings, provider]);

  const finish = () => {
    close();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };
  const budgetUsd = budget.trim() === '' ? undefined : Number(budget);
  const budgetBad = budgetUsd !== undefined && (!Number.isFinite(budgetUsd) || budgetUsd < 0);
  const concurrencyN = concurrency.trim() === '' ? undefined : Number(concurrency);
  const concurrencyBad = concurrencyN !== undefined && (!Number.isInteger(concurrencyN) || concurrencyN < 1 || concurrencyN > 16);
  const engine = engineOf(engines, engineId);
  const builtin = engineId === 'builtin';
  // An engine that reports no cost can only be stopped by time: the cap is required before approval.
  const capRequired = !builtin && (engine?.reportsCost === false || capAsked);
  const cap = parseTimeCap(timeCap);
  const capMissing = cap === null || Number.isNaN(cap);
  const offline = builtin && provider === OFFLINE_PROVIDER_ID;
  const canEstimate = modules.length > 0 && (builtin ? !!provider : !!engine && !engine.problem);
  const build = (): ImplementRequest => ({
    modules,
    engine: engineId,
    ...(builtin ? { provider, model } : { model: cliModel.trim() || undefined }),
    budgetUsd,
    maxMinutes: cap === null || Number.isNaN(cap) ? undefined : cap,
    concurrency: request.fixed ? undefined : concurrencyN,
    instruction: instruction.trim() || undefined,
  });

  const runEstimate = async (event: React.FormEvent) => {
    event.preventDefault();
    if (budgetBad || concurrencyBad || Number.isNaN(cap) || !canEstimate) return;
    setBusy(true);
    try {
      setEstimate(await api.estimateImplement(build()));
      setError(null);
    } catch (e) {
      const failed = asApiError(e);
      setError(failed);
      if (failed.code === 'TIME_CAP_REQUIRED') {
        setCapAsked(true);
        document.getElementById('implement-time-cap')?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    setBusy(true);
    try {
      if (remote && estimate) {
        const { runs } = await startRemoteBatch(build(), remote, estimate, builtin ? (providers.find((p) => p.id === provider)?.baseUrl ?? null) : null);
        finish();
        const first = runs[0];
        if (request.fixed && first) useRouteStore.getState().navigate({ page: 'module-changes', moduleId: first.moduleId, view: { kind: 'remote', runId: first.runId } });
        return;
      }
      const started = await api.startImplement(build());
      await useImplementRunsStore.getState().loadRuns();
      finish();
      const first = started.runIds[0];
      if (request.fixed && first) useRouteStore.getState().navigate({ page: 'module-changes', moduleId: modules[0]!, view: { kind: 'runs', runId: first } });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const runnable = estimate ? estimate.totals.runs : 0;
  // A remote batch shares its budget between runs (main requires one) and takes no instruction (the runner job has no such input).
  const remoteBlocked = !!remote && (budgetUsd === undefined || instruction.trim() !== '');
  const title = request.fixed ? t('implement.dialog.titleOne', { module: modules[0] }) : t('implement.dialog.title');
  return (
    <dialog
      ref={dialog}
      className="dialog batch-dialog implement-dialog"
      aria-labelledby="implement-dialog-title"
      data-testid="implement-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish();
      }}
      onKeyDown={(e) => {
        // Handled here so the page behind (Escape: back to the board) does not take it too.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        finish();
      }}
    >
      <form onSubmit={(e) => void runEstimate(e)} noValidate>
        <h2 id="implement-dialog-title">{title}</h2>
        {!estimate && (
          <>
            <p className="subtle">{t('implement.dialog.intro')}</p>
            {!request.fixed && <ImplementModuleChooser value={modules} onChange={setModules} />}
            <RunWhereChoice value={where} onChange={setWhere} />
            <EngineChoice engines={engines} value={engineId} onChange={(id) => (setEngineId(id), setCapAsked(false))} />
            {builtin ? (
              <ProviderModelPicker providers={providers} provider={provider} model={model} onChange={(p, m) => (setProvider(p), setModel(m))} />
            ) : (
              <div className="field">
                <label htmlFor="implement-cli-model">{t('implement.dialog.cliModel')}</label>
                <input id="implement-cli-model" value={cliModel} maxLength={200} spellCheck={false} onChange={(e) => setCliModel(e.target.value)} aria-describedby="implement-cli-model-hint" />
                <p className="hint" id="implement-cli-model-hint">
                  {t('implement.dialog.cliModelHint', { engine: engine?.title ?? engineId })}
                </p>
              </div>
            )}
            {offline && (
              <p className="notice notice-warning" role="status" data-testid="implement-offline">
                {t('implement.dialog.offline')}
              </p>
            )}
            <div className="field">
              <label htmlFor="implement-instruction">{t('implement.dialog.instruction')}</label>
              <textarea id="implement-instruction" rows={3} value={instruction} maxLength={20_000} onChange={(e) => setInstruction(e.target.value)} aria-describedby="implement-instruction-hint" />
              <p className="hint" id="implement-instruction-hint">
                {remote ? t('remote.where.noInstruction') : t('implement.dialog.instructionHint')}
              </p>
            </div>
            <div className="picker-row">
              <div className="field">
                <label htmlFor="implement-budget">{t('implement.dialog.budget')}</label>
                <input id="implement-budget" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} aria-invalid={budgetBad || undefined} aria-describedby="implement-budget-hint" />
                <p className="hint" id="implement-budget-hint">
                  {budgetBad ? t('agents.batch.budgetBad') : remote ? t('remote.where.budgetRequired') : t('implement.dialog.budgetHint')}
                </p>
              </div>
              <TimeCapField id="implement-time-cap" value={timeCap} onChange={setTimeCap} required={capRequired} fallback={settings?.maxMinutes} />
              {!request.fixed && (
                <div className="field">
                  <label htmlFor="implement-concurrency">{t('implement.dialog.concurrency')}</label>
                  <input
                    id="implement-concurrency"
                    inputMode="numeric"
                    value={concurrency}
                    placeholder={String(settings?.defaultConcurrency ?? 2)}
                    onChange={(e) => setConcurrency(e.target.value)}
                    aria-invalid={concurrencyBad || undefined}
                    aria-describedby="implement-concurrency-hint"
                  />
                  <p className="hint" id="implement-concurrency-hint">
                    {concurrencyBad ? t('implement.dialog.concurrencyBad') : t('implement.dialog.concurrencyHint', { count: settings?.defaultConcurrency ?? 2 })}
                  </p>
                </div>
              )}
            </div>
            {!builtin && engine && <EngineNotes engine={engine} />}
          </>
        )}
        {estimate && <ImplementEstimateTable estimate={estimate} engineTitle={engine?.title ?? estimate.engine} />}
        {estimate && !estimate.costKnown && (
          <TimeCapField id="implement-time-cap-estimate" value={timeCap} onChange={setTimeCap} required fallback={settings?.maxMinutes} />
        )}
        {estimate && estimate.engine !== 'builtin' && engine && <EngineNotes engine={engine} />}
        {estimate && remote && <RemoteBudgetNote estimate={estimate} budgetUsd={budgetUsd} />}
        {estimate && remote && instruction.trim() !== '' && (
          <p className="notice notice-warning" data-testid="remote-no-instruction">
            {t('remote.where.noInstruction')}
          </p>
        )}
        {estimate && <ApproveQuestion estimate={estimate} engineTitle={engine?.title ?? estimate.engine} cap={capMissing ? null : cap} />}
        <ErrorNotice error={error} title={remote ? t('remote.start.failed') : t('implement.dialog.failed')} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={finish}>
            {t('action.cancel')}
          </button>
          {estimate ? (
            <>
              <button type="button" className="button" onClick={() => setEstimate(null)}>
                {t('agents.batch.back')}
              </button>
              <button type="button" className="button primary" disabled={busy || runnable === 0 || (!estimate.costKnown && capMissing) || Number.isNaN(cap) || remoteBlocked} onClick={() => void approve()} data-testid="implement-approve">
                {remote ? t('remote.start.approve', { count: runnable, where: t(`remote.target.${remote.target}`) }) : t('implement.dialog.approve', { count: runnable })}
              </button>
            </>
          ) : (
            <button type="submit" className="button primary" disabled={busy || !canEstimate}>
              {busy ? t('agents.batch.estimating') : t('agents.batch.estimate')}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

