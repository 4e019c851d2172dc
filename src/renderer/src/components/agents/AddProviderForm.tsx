// Adds an OpenAI-compatible server (a local Ollama or LM Studio, or any other) by its base URL.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentsSettingsStore } from '../../stores/agentsSettings';
import { ErrorNotice } from '../ErrorNotice';
import { PlainHttpNote } from '../PlainHttpNote';

export function AddProviderForm() {
  const { t } = useTranslation();
  const saveProvider = useAgentsSettingsStore((s) => s.saveProvider);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [baseUrl, setBaseUrl] = useState('http://127.0.0.1:8080/v1');
  const [model, setModel] = useState('');
  const error = useAgentsSettingsStore((s) => (id ? (s.errors[id] ?? null) : null));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const ok = await saveProvider({
      id: id.trim(), title: title.trim() || id.trim(), kind: 'openai-compatible', baseUrl: baseUrl.trim(), models: [model.trim()], defaultModel: model.trim(),
      keyEnv: null, needsKey: false, contextWindow: 32_768, contextTokens: 16_000, maxOutputTokens: 4_096, stallSeconds: 300,
    });
    if (ok) {
      await useAgentsSettingsStore.getState().load();
      setId('');
      setTitle('');
      setModel('');
    }
  };

  return (
    <form className="provider-card provider-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-provider-heading">
      <h3 id="add-provider-heading">{t('agents.providers.add.heading')}</h3>
      <label htmlFor="add-provider-id">{t('agents.providers.add.id')}</label>
      <input id="add-provider-id" value={id} onChange={(e) => setId(e.target.value)} spellCheck={false} required />
      <label htmlFor="add-provider-title">{t('agents.providers.add.title')}</label>
      <input id="add-provider-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="add-provider-url">{t('agents.providers.baseUrl')}</label>
      <input id="add-provider-url" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} required />
      <PlainHttpNote url={baseUrl} />
      <label htmlFor="add-provider-model">{t('agents.providers.add.model')}</label>
      <input id="add-provider-model" value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} required />
      <div className="form-actions">
        <button type="submit" className="button" disabled={!id.trim() || !model.trim()}>
          {t('agents.providers.add.submit')}
        </button>
      </div>
      <ErrorNotice error={error} title={t('agents.providers.actionFailed', { provider: id })} />
    </form>
  );
}
