// Automatic CI repair on the agent settings page: on/off (off by default), how many automatic repairs a branch gets
// until its CI passes again, the budget of each, and the provider and model they run with. Loaded lazily.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CiRepairSettings } from '../../../../../shared/types-ci-repair';
import type { ApiError } from '../../../api';
import { useAgentsSettingsStore } from '../../../stores/agentsSettings';
import { useCiRepairStore } from '../../../stores/ciRepair';
import { ErrorNotice } from '../../ErrorNotice';
import { ProviderModelPicker } from '../../agents/ProviderModelPicker';
import './ci-repair.css';
import { SaveActions } from '../../SaveActions';

interface Form {
  auto: boolean;
  maxPerBranch: string;
  budget: string;
  provider: string;
  model: string;
}

const toForm = (s: CiRepairSettings): Form => ({ auto: s.auto, maxPerBranch: String(s.maxPerBranch), budget: s.budgetUsd === null ? '' : String(s.budgetUsd), provider: s.provider ?? '', model: s.model ?? '' });

export default function CiRepairSettingsSection() {
  const { t } = useTranslation();
  const settings = useCiRepairStore((s) => s.settings);
  const loadError = useCiRepairStore((s) => s.settingsError);
  const providers = useAgentsSettingsStore((s) => s.providers);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => void useCiRepairStore.getState().loadSettings(), []);
  useEffect(() => {
    if (settings && !form) setForm(toForm(settings));
  }, [settings, form]);

  if (!form || !settings) return <ErrorNotice error={loadError} title={t('ciRepair.settings.loadFailed')} onRetry={() => void useCiRepairStore.getState().loadSettings()} />;
  const cap = Number(form.maxPerBranch);
  const capBad = !Number.isInteger(cap) || cap < 1 || cap > 10;
  const budget = form.budget.trim() === '' ? null : Number(form.budget);
  const budgetBad = budget !== null && (!Number.isFinite(budget) || budget < 0);
  const change = (next: Partial<Form>) => (setForm({ ...form, ...next }), setSaved(false));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (capBad || budgetBad) return;
    // The engine and caps set elsewhere (the API, an earlier version) are kept; this form sets what it shows.
    const { provider: _p, model: _m, ...kept } = settings;
    const next: CiRepairSettings = { ...kept, auto: form.auto, maxPerBranch: cap, budgetUsd: budget, ...(form.provider ? { provider: form.provider, model: form.model || undefined } : {}) };
    const failed = await useCiRepairStore.getState().saveSettings(next);
    setError(failed);
    setSaved(!failed);
  };

  return (
    <form className="ci-repair-settings" onSubmit={(e) => void submit(e)} noValidate data-testid="ci-repair-settings">
      <p className="subtle">{t('ciRepair.settings.intro')}</p>
      <label className="checkbox-row">
        <input type="checkbox" checked={form.auto} onChange={(e) => change({ auto: e.target.checked })} data-testid="ci-repair-auto" />
        {t('ciRepair.settings.auto')}
      </label>
      <div className="picker-row">
        <div className="field">
          <label htmlFor="ci-repair-cap">{t('ciRepair.settings.maxPerBranch')}</label>
          <input id="ci-repair-cap" inputMode="numeric" value={form.maxPerBranch} onChange={(e) => change({ maxPerBranch: e.target.value })} aria-invalid={capBad || undefined} aria-describedby="ci-repair-cap-hint" />
          <p className="hint" id="ci-repair-cap-hint">
            {capBad ? t('implement.settings.range', { min: 1, max: 10 }) : t('ciRepair.settings.maxPerBranchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="ci-repair-budget-each">{t('ciRepair.settings.budget')}</label>
          <input id="ci-repair-budget-each" inputMode="decimal" value={form.budget} onChange={(e) => change({ budget: e.target.value })} aria-invalid={budgetBad || undefined} aria-describedby="ci-repair-budget-each-hint" data-testid="ci-repair-budget-each" />
          <p className="hint" id="ci-repair-budget-each-hint">
            {budgetBad ? t('agents.batch.budgetBad') : t('ciRepair.settings.budgetHint')}
          </p>
        </div>
      </div>
      {providers.length > 0 && (
        <ProviderModelPicker providers={providers} provider={form.provider || providers[0]!.id} model={form.model} onChange={(provider, model) => change({ provider, model })} />
      )}
      <ErrorNotice error={error} title={t('ciRepair.settings.saveFailed')} />
      <SaveActions label={t('ciRepair.settings.save')} savedLabel={t('ciRepair.settings.saved')} saved={saved} disabled={capBad || budgetBad} primary testId="ci-repair-settings-save" />
    </form>
  );
}
