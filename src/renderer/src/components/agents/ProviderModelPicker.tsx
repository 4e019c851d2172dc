// Provider and model choice for a run or a batch; a halted provider (auth, quota) says so.

import { useTranslation } from 'react-i18next';
import type { ProviderInfo } from '../../../../shared/types-agents';

interface Props {
  providers: ProviderInfo[];
  provider: string;
  model: string;
  onChange: (provider: string, model: string) => void;
}

export function ProviderModelPicker({ providers, provider, model, onChange }: Props) {
  const { t } = useTranslation();
  const current = providers.find((p) => p.id === provider);
  return (
    <div className="picker-row">
      <div className="field">
        <label htmlFor="run-provider">{t('agents.batch.provider')}</label>
        <select id="run-provider" value={provider} onChange={(e) => onChange(e.target.value, providers.find((p) => p.id === e.target.value)?.defaultModel ?? '')}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.halted ? t('agents.batch.providerHalted', { title: p.title }) : p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="run-model">{t('agents.batch.model')}</label>
        <select id="run-model" value={model} onChange={(e) => onChange(provider, e.target.value)}>
          {current?.models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </div>
    </div>
  );
}
