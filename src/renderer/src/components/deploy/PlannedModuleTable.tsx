// The modules a deploy sends out (merged since the environment's last successful deploy), each with the commit the
// target holds, its latest check and its CI state; none when nothing new was merged.

import { useTranslation } from 'react-i18next';
import type { DeployPlan, PlannedModule } from '../../../../shared/types-deploy';
import { formatHash } from '../../lib/route';

function CheckCell({ check }: { check: PlannedModule['check'] }) {
  const { t } = useTranslation();
  if (!check) return <span className="subtle">{t('deploy.modules.neverChecked')}</span>;
  const label = t(`checks.state.${check.state}`);
  return <span className={`deploy-check check-${check.state}`}>{check.stale ? t('checks.badge.stale', { state: label }) : label}</span>;
}

function CiCell({ ci }: { ci: PlannedModule['ci'] }) {
  const { t } = useTranslation();
  const label = t(`deploy.ci.${ci?.state ?? 'unknown'}`);
  if (ci?.url) {
    return (
      <a href={ci.url} target="_blank" rel="noreferrer" className={`deploy-ci deploy-ci-${ci.state}`}>
        {label}
      </a>
    );
  }
  return <span className={`deploy-ci deploy-ci-${ci?.state ?? 'unknown'}`}>{label}</span>;
}

export function PlannedModuleTable({ plan }: { plan: DeployPlan }) {
  const { t } = useTranslation();
  if (plan.modules.length === 0) {
    return (
      <p className="subtle" data-testid="deploy-no-modules">
        {t('deploy.modules.none')}
      </p>
    );
  }
  return (
    <table className="deploy-table" data-testid="deploy-modules">
      <caption>{t('deploy.modules.caption', { count: plan.modules.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('deploy.modules.module')}</th>
          <th scope="col">{t('deploy.modules.commit')}</th>
          <th scope="col">{t('deploy.modules.check')}</th>
          <th scope="col">{t('deploy.modules.ci')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.modules.map((m) => (
          <tr key={m.moduleId} data-testid="deploy-module" data-module-id={m.moduleId}>
            <th scope="row">
              <a href={formatHash({ page: 'module', moduleId: m.moduleId, doc: null })}>{m.title}</a> <code className="subtle">{m.moduleId}</code>
            </th>
            <td>{m.commit ? <code title={m.commit}>{m.commit.slice(0, 7)}</code> : <span className="subtle">–</span>}</td>
            <td>
              <CheckCell check={m.check} />
            </td>
            <td>
              <CiCell ci={m.ci} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
