// Workspace-wide agent settings: the budget all runs of this workspace may spend, the default provider, how many
// runs go at once, and whether batches a quit interrupted resume by themselves.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { formatUsd } from '../../lib/agentFormat';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { ErrorNotice } from '../ErrorNotice';

export function AgentDefaultsForm() {
  const { t } = useTranslation();
  const settings = useAgentsSettingsStore((s) => s.settings);
  const providers = useAgentsSettingsStore((s) => s.providers);
  const [budget, setBudget] = useState('');
  const [provider, setProvider] = useState('');
  const [concurrency, setConcurrency] = useState('4');
  const [autoResume, setAutoResume] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings) return;
    setBudget(settings.workspaceBudgetUsd === null ? '' : String(settings.workspaceBudgetUsd));
    setProvider(settings.defaultProvider);
    setConcurrency(String(settings.defaultConcurrency));
    setAutoResume(settings.autoResume);
  }, [settings]);

  if (!settings) return null;
  const budgetValue = budget.trim() === '' ? null : Number(budget);
  const budgetBad = budgetValue !== null && (!Number.isFinite(budgetValue) || budgetValue < 0);
  const concurrencyValue = Number(concurrency);
  const concurrencyBad = !Number.isInteger(concurrencyValue) || concurrencyValue < 1 || concurrencyValue > 32;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (budgetBad || concurrencyBad) return;
    try {
      const next = await api.saveAgentSettings({ workspaceBudgetUsd: budgetValue, defaultProvider: provider, defaultConcurrency: concurrencyValue, autoResume });
      useAgentsSettingsStore.setState({ settings: next });
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(asApiError(e));
      setSaved(false);
    }
  };

  const budgetHint = budgetBad ? t('agents.batch.budgetBad') : budgetValue === null ? t('agents.defaults.budgetHintNoCap') : t('agents.defaults.budgetHint', { cap: formatUsd(budgetValue) });
  return (
    <form className="provider-card provider-form settings-form" onSubmit={(e) => void save(e)} noValidate data-testid="agent-defaults">
      <label htmlFor="ws-budget">{t('agents.defaults.budget')}</label>
      <div>
        <input id="ws-budget" inputMode="decimal" value={budget} onChange={(e) => (setBudget(e.target.value), setSaved(false))} aria-invalid={budgetBad || undefined} aria-describedby="ws-budget-hint" />
        <p className={budgetBad ? 'field-error' : 'hint'} id="ws-budget-hint" data-testid="ws-budget-hint">
          {budgetHint}
        </p>
      </div>
      <label htmlFor="ws-provider">{t('agents.defaults.provider')}</label>
      <select id="ws-provider" value={provider} onChange={(e) => (setProvider(e.target.value), setSaved(false))}>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <label htmlFor="ws-concurrency">{t('agents.defaults.concurrency')}</label>
      <div>
        <input id="ws-concurrency" inputMode="numeric" value={concurrency} onChange={(e) => (setConcurrency(e.target.value), setSaved(false))} aria-invalid={concurrencyBad || undefined} aria-describedby="ws-concurrency-hint" />
        <p className={concurrencyBad ? 'field-error' : 'hint'} id="ws-concurrency-hint">
          {concurrencyBad ? t('agents.defaults.concurrencyBad') : t('agents.defaults.concurrencyHint')}
        </p>
      </div>
      <div>
        <label className="checkbox">
          <input type="checkbox" checked={autoResume} onChange={(e) => (setAutoResume(e.target.checked), setSaved(false))} aria-describedby="ws-auto-resume-hint" data-testid="auto-resume" />
          <span>{t('agents.defaults.autoResume')}</span>
        </label>
        <p className="hint" id="ws-auto-resume-hint">
          {t('agents.defaults.autoResumeHint')}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary">
          {t('agents.defaults.save')}
        </button>
        {saved && (
          <span role="status" className="subtle">
            {t('agents.defaults.saved')}
          </span>
        )}
      </div>
      <ErrorNotice error={error} title={t('agents.defaults.saveFailed')} />
    </form>
  );
}
