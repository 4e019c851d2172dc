// The custom engine's command template: one line with {prompt_file} (required), {workdir} and {model}, each filled in
// as one quoted shell word when a run starts. Checked here as the user types, saved with the implementation settings.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api';
import { templateProblem } from '../../lib/engineInput';
import { useImplementEnginesStore } from '../../stores/implementEngines';
import { useImplementSettingsStore } from '../../stores/implementSettings';
import { ErrorNotice } from '../ErrorNotice';
import { SaveActions } from '../SaveActions';

export function CustomTemplateForm() {
  const { t } = useTranslation();
  const settings = useImplementSettingsStore((s) => s.settings);
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setTemplate(settings?.customEngineTemplate ?? ''), [settings?.customEngineTemplate]);

  const problem = templateProblem(template);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const current = useImplementSettingsStore.getState().settings;
    if (problem || !current) return;
    const failed = await useImplementSettingsStore.getState().save({ ...current, customEngineTemplate: template.trim() });
    setError(failed);
    setSaved(!failed);
    // The custom engine's readiness follows its template.
    if (!failed) void useImplementEnginesStore.getState().load();
  };

  return (
    <form className="custom-template" onSubmit={(e) => void submit(e)} noValidate data-testid="custom-template">
      <div className="field">
        <label htmlFor="custom-engine-template">{t('implement.engines.template')}</label>
        <input
          id="custom-engine-template"
          className="mono"
          value={template}
          spellCheck={false}
          placeholder="my-agent --task {prompt_file} --cwd {workdir} --model {model}"
          onChange={(e) => (setTemplate(e.target.value), setSaved(false))}
          aria-invalid={problem ? true : undefined}
          aria-describedby="custom-engine-template-hint custom-engine-template-problem"
        />
        <p className="hint" id="custom-engine-template-hint">
          {t('implement.engines.templateHint')}
        </p>
        <ul className="hint placeholder-list">
          <li>
            <code>{'{prompt_file}'}</code> {t('implement.engines.placeholderPrompt')}
          </li>
          <li>
            <code>{'{workdir}'}</code> {t('implement.engines.placeholderWorkdir')}
          </li>
          <li>
            <code>{'{model}'}</code> {t('implement.engines.placeholderModel')}
          </li>
        </ul>
        <p className="hint field-problem" id="custom-engine-template-problem" data-testid="template-problem">
          {problem ? t(problem.key, problem.values) : ''}
        </p>
      </div>
      <ErrorNotice error={error} title={t('implement.engines.templateFailed')} />
      <SaveActions label={t('implement.engines.templateSave')} savedLabel={t('implement.settings.saved')} saved={saved} disabled={!!problem} />
    </form>
  );
}
