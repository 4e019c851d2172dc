// One engine's explicit key mapping: which stored provider key it is given and as which variable, or none (the CLI
// uses its own login). Only a mapping made here ever puts a Fleet Control key into a CLI's environment.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineId, EngineInfo } from '../../../../shared/types-engines';
import type { ImplementSettings } from '../../../../shared/types-implement';
import type { ApiError } from '../../api';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { useImplementSettingsStore } from '../../stores/implementSettings';
import { ErrorNotice } from '../ErrorNotice';

/** The variable each CLI reads its key from, offered first (the user may type another). */
const DEFAULT_VARIABLE: Partial<Record<EngineId, string>> = {
  'claude-code': 'ANTHROPIC_API_KEY',
  codex: 'OPENAI_API_KEY',
  gemini: 'GEMINI_API_KEY',
  aider: 'ANTHROPIC_API_KEY',
  opencode: 'ANTHROPIC_API_KEY',
  qwen: 'OPENAI_API_KEY',
};
const VARIABLE = /^[A-Z][A-Z0-9_]{0,63}$/;

export function EngineKeyForm({ engine }: { engine: EngineInfo }) {
  const { t } = useTranslation();
  const settings = useImplementSettingsStore((s) => s.settings);
  const providers = useAgentsSettingsStore((s) => s.providers);
  const stored = providers.filter((p) => p.keySource === 'stored');
  const mapping = settings?.engineKeys[engine.id] ?? null;
  const [provider, setProvider] = useState('');
  const [variable, setVariable] = useState(DEFAULT_VARIABLE[engine.id] ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { provider: `key-provider-${engine.id}`, variable: `key-variable-${engine.id}`, hint: `key-hint-${engine.id}` };
  const chosen = provider || stored[0]?.id || '';
  const variableOk = VARIABLE.test(variable);
  // Empty is not wrong yet (nothing typed); it only keeps the button disabled.
  const variableBad = variable !== '' && !variableOk;

  const store = async (next: ImplementSettings['engineKeys']) => {
    const current = useImplementSettingsStore.getState().settings;
    if (!current) return;
    setBusy(true);
    setError(await useImplementSettingsStore.getState().save({ ...current, engineKeys: next }));
    setBusy(false);
  };
  const give = () => {
    if (!settings || !chosen || !variableOk) return;
    void store({ ...settings.engineKeys, [engine.id]: { provider: chosen, variable } });
  };
  const remove = () => {
    if (!settings) return;
    const next = { ...settings.engineKeys };
    delete next[engine.id];
    void store(next);
  };
  const title = (id: string) => providers.find((p) => p.id === id)?.title ?? id;

  return (
    <div className="engine-key" data-testid="engine-key">
      {mapping ? (
        <p className="engine-key-given" data-testid="engine-key-given">
          <span>{t('implement.engines.keyGiven', { provider: title(mapping.provider), engine: engine.title, variable: mapping.variable })}</span>{' '}
          <button type="button" className="button small" onClick={remove} disabled={busy} aria-label={t('implement.engines.keyRemoveLabel', { engine: engine.title })}>
            {t('implement.engines.keyRemove')}
          </button>
        </p>
      ) : (
        <>
          <p className="subtle">{t('implement.engines.ownLogin', { engine: engine.title })}</p>
          {stored.length === 0 ? (
            <p className="subtle">{t('implement.engines.noStoredKeys')}</p>
          ) : (
            <>
              <div className="engine-key-row">
                <div className="field">
                  <label htmlFor={ids.provider}>{t('implement.engines.keyProvider')}</label>
                  <select id={ids.provider} value={chosen} onChange={(e) => setProvider(e.target.value)}>
                    {stored.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={ids.variable}>{t('implement.engines.keyVariable')}</label>
                  <input id={ids.variable} value={variable} onChange={(e) => setVariable(e.target.value.toUpperCase())} aria-invalid={variableBad || undefined} aria-describedby={ids.hint} spellCheck={false} />
                </div>
                <button type="button" className="button" onClick={give} disabled={busy || !variableOk || !chosen}>
                  {t('implement.engines.keyGive', { engine: engine.title })}
                </button>
              </div>
              <p className={`hint${variableBad ? ' field-problem' : ''}`} id={ids.hint}>
                {variableBad ? t('implement.engines.keyVariableBad') : variable ? t('implement.engines.keyVariableHint', { engine: engine.title, variable }) : t('implement.engines.keyVariableEmpty')}
              </p>
            </>
          )}
        </>
      )}
      <ErrorNotice error={error} title={t('implement.engines.keyFailed')} />
    </div>
  );
}
