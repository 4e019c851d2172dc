// The run choices of a repair, with the Implement dialog's own pieces: the engine, the provider and model (built-in
// loop) or the CLI's model, a budget cap and a time cap (required for an engine that reports no cost).

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineId, EngineInfo } from '../../../../../shared/types-engines';
import { useAgentsSettingsStore } from '../../../stores/agentsSettings';
import { engineOf } from '../../../stores/implementEngines';
import { useImplementSettingsStore } from '../../../stores/implementSettings';
import { ProviderModelPicker } from '../../agents/ProviderModelPicker';
import { EngineChoice } from '../../implement/EngineChoice';
import { EngineNotes } from '../../implement/EngineNotes';
import { TimeCapField } from '../../implement/TimeCapField';

export interface RunChoice {
  engine: EngineId;
  provider: string;
  model: string;
  cliModel: string;
  budget: string;
  timeCap: string;
  /** Main answered TIME_CAP_REQUIRED: the cap is required. */
  capAsked: boolean;
}

// shared/providers' OFFLINE_PROVIDER_ID (importing it would pull the provider schemas into this chunk).
const OFFLINE_PROVIDER_ID = 'offline';

interface Props {
  value: RunChoice;
  onChange: (next: RunChoice) => void;
  engines: EngineInfo[] | null;
}

export function RepairRunFields({ value, onChange, engines }: Props) {
  const { t } = useTranslation();
  const providers = useAgentsSettingsStore((s) => s.providers);
  const defaultProvider = useAgentsSettingsStore((s) => s.settings?.defaultProvider);
  const maxMinutes = useImplementSettingsStore((s) => s.settings?.maxMinutes);
  const engine = engineOf(engines, value.engine);
  const builtin = value.engine === 'builtin';
  const budgetUsd = value.budget.trim() === '' ? undefined : Number(value.budget);
  const budgetBad = budgetUsd !== undefined && (!Number.isFinite(budgetUsd) || budgetUsd < 0);

  // The first provider that can implement: the workspace's default unless it is the offline analyzer.
  useEffect(() => {
    if (value.provider || providers.length === 0) return;
    const usable = providers.filter((p) => p.id !== OFFLINE_PROVIDER_ID);
    const first = usable.find((p) => p.id === defaultProvider) ?? usable[0] ?? providers[0]!;
    onChange({ ...value, provider: first.id, model: first.defaultModel });
  }, [providers, defaultProvider, value, onChange]);

  return (
    <>
      <EngineChoice engines={engines} value={value.engine} onChange={(id) => onChange({ ...value, engine: id, capAsked: false })} />
      {builtin ? (
        <ProviderModelPicker providers={providers} provider={value.provider} model={value.model} onChange={(p, m) => onChange({ ...value, provider: p, model: m })} />
      ) : (
        <div className="field">
          <label htmlFor="ci-repair-cli-model">{t('implement.dialog.cliModel')}</label>
          <input id="ci-repair-cli-model" value={value.cliModel} maxLength={200} spellCheck={false} onChange={(e) => onChange({ ...value, cliModel: e.target.value })} />
        </div>
      )}
      <div className="picker-row">
        <div className="field">
          <label htmlFor="ci-repair-budget">{t('implement.dialog.budget')}</label>
          <input id="ci-repair-budget" inputMode="decimal" value={value.budget} onChange={(e) => onChange({ ...value, budget: e.target.value })} aria-invalid={budgetBad || undefined} aria-describedby="ci-repair-budget-hint" data-testid="ci-repair-budget" />
          <p className="hint" id="ci-repair-budget-hint">
            {budgetBad ? t('agents.batch.budgetBad') : t('implement.dialog.budgetHint')}
          </p>
        </div>
        <TimeCapField id="ci-repair-time-cap" value={value.timeCap} onChange={(timeCap) => onChange({ ...value, timeCap })} required={!builtin && (engine?.reportsCost === false || value.capAsked)} fallback={maxMinutes} />
      </div>
      {!builtin && engine && <EngineNotes engine={engine} />}
    </>
  );
}
