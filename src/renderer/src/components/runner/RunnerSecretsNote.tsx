// Which repository secret (Azure: secret variable of the pipeline) the runner workflow reads (names only, never values) and where on the host to add it.

import { useTranslation } from 'react-i18next';
import type { RunnerSetupState } from '../../../../shared/types-runner-setup';

export function RunnerSecretsNote({ state }: { state: RunnerSetupState }) {
  const { t } = useTranslation();
  const names = state.secretNames;
  return (
    <div className="runner-note" data-testid="runner-secrets">
      <p>
        {t(state.host === 'azure-devops' ? 'runner.secrets.introAzure' : 'runner.secrets.intro')}{' '}
        {names.map((name, i) => (
          <span key={name}>
            {i > 0 && (i === names.length - 1 ? t('runner.secrets.or') : ', ')}
            <code>{name}</code>
          </span>
        ))}
        .
      </p>
      <p className="subtle">{t(state.host === 'azure-devops' ? 'runner.secrets.whereAzure' : 'runner.secrets.whereGitHub')}</p>
      {state.secretsUrl && (
        <a href={state.secretsUrl} target="_blank" rel="noopener noreferrer" data-testid="runner-secrets-link">
          {t(state.host !== 'azure-devops' ? 'runner.secrets.openGitHub' : state.pipelineDefinition ? 'runner.secrets.openAzurePipeline' : 'runner.secrets.openAzure', {
            remote: state.remote,
            name: state.pipelineDefinition?.name ?? '',
          })}
        </a>
      )}
    </div>
  );
}
