// The run's steps: a GitHub run's jobs, an Azure run's stages, or the command; each with its state, its link and
// how long it took.

import { useTranslation } from 'react-i18next';
import type { DeployStep } from '../../../../shared/types-deploy';
import { formatDuration } from '../../lib/agentFormat';

function took(step: DeployStep): string {
  if (!step.startedAt || !step.finishedAt) return '';
  return formatDuration(Math.max(0, new Date(step.finishedAt).getTime() - new Date(step.startedAt).getTime()));
}

export function DeploySteps({ steps }: { steps: DeployStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return null;
  return (
    <table className="deploy-table deploy-steps" data-testid="deploy-steps">
      <caption className="visually-hidden">{t('deploy.run.stepsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('deploy.run.step')}</th>
          <th scope="col">{t('deploy.run.stepState')}</th>
          <th scope="col">{t('deploy.run.stepTook')}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step, i) => (
          <tr key={`${i}:${step.name}`} data-testid="deploy-step" data-state={step.state}>
            <th scope="row">
              {step.url ? (
                <a href={step.url} target="_blank" rel="noreferrer">
                  {step.name}
                </a>
              ) : (
                step.name
              )}
            </th>
            <td>
              <span className={`deploy-step-state deploy-step-${step.state}`}>{t(`deploy.stepState.${step.state}`)}</span>
            </td>
            <td className="num">{took(step)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
