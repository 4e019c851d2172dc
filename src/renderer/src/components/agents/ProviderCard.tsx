// One provider on the settings screen: where its key comes from (never the key itself), set or clear the
// key, its base URL and models, and a connection test reporting auth, quota and latency.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderInfo } from '../../../../shared/types-agents';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { ErrorNotice } from '../ErrorNotice';
import { PlainHttpNote } from '../PlainHttpNote';
import { ConnectionTestResult } from './ConnectionTestResult';

interface Props {
  provider: ProviderInfo;
}

export function ProviderCard({ provider: p }: Props) {
  const { t } = useTranslation();
  const error = useAgentsSettingsStore((s) => s.errors[p.id] ?? null);
  const test = useAgentsSettingsStore((s) => s.tests[p.id]);
  const { setKey, clearKey, saveProvider, testProvider } = useAgentsSettingsStore.getState();
  const [key, setKeyText] = useState('');
  const [baseUrl, setBaseUrl] = useState(p.baseUrl ?? '');
  const [models, setModels] = useState(p.models.join(', '));
  const [model, setModel] = useState(p.defaultModel);
  const id = `provider-${p.id}`;

  const submitKey = async (event: React.FormEvent) => {
    event.preventDefault();
    if (await setKey(p.id, key)) setKeyText('');
  };
  const submitSettings = (event: React.FormEvent) => {
    event.preventDefault();
    const list = models.split(/[\s,]+/).filter(Boolean);
    const defaultModel = list.includes(p.defaultModel) ? p.defaultModel : (list[0] ?? p.defaultModel);
    void saveProvider({
      id: p.id, title: p.title, kind: p.kind, baseUrl: p.kind === 'offline' ? null : baseUrl.trim(), models: list, defaultModel,
      keyEnv: p.keyEnv, needsKey: p.needsKey, contextWindow: p.contextWindow, contextTokens: p.contextTokens, maxOutputTokens: p.maxOutputTokens, stallSeconds: p.stallSeconds,
    });
  };

  return (
    <article className="provider-card" aria-labelledby={`${id}-title`} data-testid="provider-card" data-provider-id={p.id}>
      <header className="provider-head">
        <h3 id={`${id}-title`}>{p.title}</h3>
        <span className={`tag key-${p.keySource}`} data-testid="key-source">
          {t(`agents.providers.keySource.${p.keySource}`, { env: p.keyEnv ?? '' })}
        </span>
        {p.halted && (
          <span className="tag tag-danger" role="status">
            {t('agents.providers.halted', { code: p.halted.code })}
          </span>
        )}
      </header>
      {p.halted && <p className="notice notice-warning">{p.halted.message}</p>}
      {p.kind === 'offline' ? (
        <p className="subtle">{t('agents.providers.offlineNote')}</p>
      ) : (
        <form className="provider-form" onSubmit={submitSettings}>
          <label htmlFor={`${id}-url`}>{t('agents.providers.baseUrl')}</label>
          <input id={`${id}-url`} className="input" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} />
          <PlainHttpNote url={baseUrl} />
          <label htmlFor={`${id}-models`}>{t('agents.providers.models')}</label>
          <input id={`${id}-models`} className="input" value={models} onChange={(e) => setModels(e.target.value)} spellCheck={false} />
          <div className="form-actions">
            <button type="submit" className="button">
              {t('agents.providers.save')}
            </button>
          </div>
        </form>
      )}
      {p.needsKey && (
        <form className="provider-form key-form" onSubmit={(e) => void submitKey(e)}>
          <label htmlFor={`${id}-key`}>{t('agents.providers.key')}</label>
          <input id={`${id}-key`} className="input" type="password" autoComplete="off" value={key} onChange={(e) => setKeyText(e.target.value)} placeholder={t('agents.providers.keyPlaceholder')} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={key.trim() === ''}>
              {t('agents.providers.setKey')}
            </button>
            <button type="button" className="button" disabled={p.keySource !== 'stored'} onClick={() => void clearKey(p.id)}>
              {t('agents.providers.clearKey')}
            </button>
          </div>
        </form>
      )}
      <div className="provider-form">
        <label htmlFor={`${id}-test-model`}>{t('agents.providers.testModel')}</label>
        <select id={`${id}-test-model`} className="input" value={model} onChange={(e) => setModel(e.target.value)}>
          {p.models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <div className="form-actions">
          <button type="button" className="button" disabled={test === 'testing'} onClick={() => void testProvider(p.id, model)}>
            {test === 'testing' ? t('agents.providers.testing') : t('agents.providers.test')}
          </button>
        </div>
      </div>
      {test && test !== 'testing' && <ConnectionTestResult test={test} />}
      <ErrorNotice error={error} title={t('agents.providers.actionFailed', { provider: p.title })} />
    </article>
  );
}
