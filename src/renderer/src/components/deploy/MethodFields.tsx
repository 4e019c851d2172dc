// The method part of the environment form: which method, then its own fields (workflow file, pipeline, command,
// the git remote whose token is used, inputs or parameters as NAME=value lines).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentDraft } from '../../lib/environmentDraft';

interface Props {
  draft: EnvironmentDraft;
  change: <K extends keyof EnvironmentDraft>(field: K, value: EnvironmentDraft[K]) => void;
  invalid: (field: keyof EnvironmentDraft, hintId?: string) => Record<string, unknown>;
  fieldError: (field: keyof EnvironmentDraft) => ReactNode;
}

const METHODS = ['command', 'github-actions', 'azure-pipelines'] as const;

export function MethodFields({ draft, change, invalid, fieldError }: Props) {
  const { t } = useTranslation();
  const pipelineMethod = draft.method !== 'command';
  return (
    <fieldset className="environment-method">
      <legend>{t('deploy.form.method')}</legend>
      <div className="deploy-method-options">
        {METHODS.map((method) => (
          <label key={method} className="deploy-method-option">
            <input type="radio" name="env-method" value={method} checked={draft.method === method} onChange={() => change('method', method)} />
            {t(`deploy.method.${method}`)}
          </label>
        ))}
      </div>
      {draft.method === 'command' && (
        <div className="field">
          <label htmlFor="env-command">{t('deploy.form.command')}</label>
          <input id="env-command" value={draft.command} placeholder="./scripts/deploy.sh staging" spellCheck={false} autoComplete="off" onChange={(e) => change('command', e.target.value)} {...invalid('command', 'env-command-hint')} />
          <span id="env-command-hint" className="hint">
            {t('deploy.form.commandHint')}
          </span>
          {fieldError('command')}
        </div>
      )}
      {draft.method === 'github-actions' && (
        <div className="field">
          <label htmlFor="env-workflow">{t('deploy.form.workflow')}</label>
          <input id="env-workflow" value={draft.workflow} placeholder="deploy.yml" spellCheck={false} autoComplete="off" onChange={(e) => change('workflow', e.target.value)} {...invalid('workflow')} />
          {fieldError('workflow')}
        </div>
      )}
      {draft.method === 'azure-pipelines' && (
        <div className="field">
          <label htmlFor="env-pipeline">{t('deploy.form.pipeline')}</label>
          <input id="env-pipeline" value={draft.pipeline} placeholder="12" spellCheck={false} autoComplete="off" onChange={(e) => change('pipeline', e.target.value)} {...invalid('pipeline')} />
          {fieldError('pipeline')}
        </div>
      )}
      {pipelineMethod && (
        <>
          <div className="field">
            <label htmlFor="env-remote">{t('deploy.form.remote')}</label>
            <input id="env-remote" value={draft.remote} placeholder="origin" spellCheck={false} autoComplete="off" onChange={(e) => change('remote', e.target.value)} {...invalid('remote', 'env-remote-hint')} />
            <span id="env-remote-hint" className="hint">
              {t(draft.method === 'github-actions' ? 'deploy.form.remoteHintGitHub' : 'deploy.form.remoteHintAzure')}
            </span>
            {fieldError('remote')}
          </div>
          <div className="field">
            <label htmlFor="env-pairs">{t(draft.method === 'github-actions' ? 'deploy.form.inputs' : 'deploy.form.parameters')}</label>
            <textarea id="env-pairs" rows={3} value={draft.pairs} placeholder="environment=staging" spellCheck={false} onChange={(e) => change('pairs', e.target.value)} {...invalid('pairs', 'env-pairs-hint')} />
            <span id="env-pairs-hint" className="hint">
              {t('deploy.form.pairsHint')}
            </span>
            {fieldError('pairs')}
          </div>
        </>
      )}
    </fieldset>
  );
}
