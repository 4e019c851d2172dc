// What a deploy of the chosen environment would send out now: the branch and commit, the deploy it compares with,
// the modules merged since (with their check and CI state), what stops a deploy now, and the Deploy button.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../../format';
import { useDeployStore } from '../../stores/deploy';
import { useDeployRunStore } from '../../stores/deployRun';
import { DeployCredentialsForm } from './DeployCredentialsForm';
import { DeployError } from './DeployError';
import { PlannedModuleTable } from './PlannedModuleTable';

export function DeployPlanView() {
  const { t } = useTranslation();
  const plan = useDeployStore((s) => s.plan);
  const planError = useDeployStore((s) => s.planError);
  const planLoading = useDeployStore((s) => s.planLoading);
  const selected = useDeployStore((s) => s.selected);
  const refresh = useDeployStore((s) => s.refreshSelected);
  const starting = useDeployRunStore((s) => s.starting);
  const startError = useDeployRunStore((s) => s.startError);
  const askToDeploy = useDeployRunStore((s) => s.askToDeploy);
  const followedId = useDeployRunStore((s) => (selected ? s.following[selected] : undefined));
  // Until its record is written, a deploy still holds the environment.
  const running = useDeployRunStore((s) => (followedId && s.runs[followedId] ? s.runs[followedId]!.phase !== 'finished' : false));
  const [credentialsOpen, setCredentialsOpen] = useState(false);

  if (!plan) {
    return (
      <section className="deploy-section" aria-labelledby="deploy-plan-heading">
        <h2 id="deploy-plan-heading">{t('deploy.plan.heading', { environment: selected })}</h2>
        {planLoading && <p className="subtle">{t('deploy.plan.loading')}</p>}
        <DeployError error={planError} title={t('deploy.plan.failed')} onRetry={() => void refresh()} />
      </section>
    );
  }

  const env = plan.environment.def.name;
  const { target, since } = plan;
  const blocked = plan.blockers.length > 0 || !target.commit || running || starting;
  return (
    <section className="deploy-section deploy-plan" aria-labelledby="deploy-plan-heading" data-testid="deploy-plan">
      <h2 id="deploy-plan-heading">{t('deploy.plan.heading', { environment: env })}</h2>
      <p data-testid="deploy-target">
        {target.commit
          ? t('deploy.plan.target', { branch: target.branch, commit: target.commit.slice(0, 7), how: plan.environment.describe })
          : t('deploy.plan.noBranch', { branch: target.branch })}
      </p>
      <p className="subtle" data-testid="deploy-since">
        {since
          ? t('deploy.plan.since', { commit: since.commit.slice(0, 7), when: formatRelative(since.finishedAt), by: since.by })
          : t('deploy.plan.never', { branch: target.branch })}
      </p>
      {plan.upToDate && (
        <p className="notice notice-info" role="status" data-testid="deploy-up-to-date">
          {t('deploy.plan.upToDate', { commit: target.commit?.slice(0, 7) ?? '' })}
        </p>
      )}
      <PlannedModuleTable plan={plan} />
      {plan.environment.def.method.type === 'command' && (
        <p className="subtle" data-testid="deploy-credentials">
          {plan.credentialNames.length ? t('deploy.plan.credentials', { names: plan.credentialNames.join(', ') }) : t('deploy.plan.noCredentials')}{' '}
          {!credentialsOpen && (
            <button type="button" className="button link" onClick={() => setCredentialsOpen(true)}>
              {t('deploy.plan.editCredentials')}
            </button>
          )}
        </p>
      )}
      {credentialsOpen && <DeployCredentialsForm key={env} environment={env} onDone={() => setCredentialsOpen(false)} />}
      {plan.untrusted && (
        <p className="notice notice-warning" data-testid="deploy-untrusted">
          {t('deploy.plan.untrusted')}
        </p>
      )}
      {plan.blockers.length > 0 && (
        <div className="notice notice-warning" data-testid="deploy-blockers">
          <div className="notice-text">
            <strong className="notice-title">{t('deploy.plan.blocked')}</strong>
            <ul className="deploy-blocker-list">
              {plan.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <DeployError error={startError} title={t('deploy.plan.startFailed')} />
      <div className="deploy-actions">
        <button type="button" className="button primary" disabled={blocked} onClick={() => askToDeploy(plan)} data-testid="deploy-start">
          {t('deploy.plan.deploy', { environment: env })}
        </button>
        <button type="button" className="button" disabled={planLoading} onClick={() => void refresh()}>
          {t('deploy.plan.refresh')}
        </button>
        {running && <span className="subtle">{t('deploy.plan.runningNow')}</span>}
      </div>
    </section>
  );
}
