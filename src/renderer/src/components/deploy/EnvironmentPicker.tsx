// The environments to choose from: each with where it deploys from, how, and its last deploy (or that one is
// running now). Choosing one changes the address, so Back returns to the previous one.

import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../../shared/types-deploy';
import { formatRelative } from '../../format';
import { useDeployStore } from '../../stores/deploy';
import { useRouteStore } from '../../stores/route';
import { OutcomeChip } from './OutcomeChip';

// One empty list for every render: a selector answering a new [] each time makes React re-render without end.
const EMPTY: never[] = [];

function LastDeploy({ env }: { env: EnvironmentInfo }) {
  const { t } = useTranslation();
  if (env.active) return <span className="chip deploy-running">{t('deploy.picker.running')}</span>;
  if (!env.last) return <span className="subtle">{t('deploy.picker.never')}</span>;
  return (
    <span className="subtle">
      <OutcomeChip outcome={env.last.outcome} /> {t('deploy.picker.last', { when: formatRelative(env.last.finishedAt), commit: env.last.commit.slice(0, 7) })}
    </span>
  );
}

export function EnvironmentPicker() {
  const { t } = useTranslation();
  const environments = useDeployStore((s) => s.view?.environments ?? EMPTY);
  const selected = useDeployStore((s) => s.selected);
  const choose = (name: string) => useRouteStore.getState().navigate({ page: 'deploy', environment: name });

  return (
    <fieldset className="deploy-environments" data-testid="deploy-environments">
      <legend>{t('deploy.picker.legend')}</legend>
      {environments.map((env) => (
        <label key={env.def.name} className="deploy-environment" data-environment={env.def.name}>
          <input type="radio" name="deploy-environment" value={env.def.name} checked={selected === env.def.name} onChange={() => choose(env.def.name)} />
          <span className="deploy-environment-text">
            <span className="deploy-environment-name">
              <strong>{env.def.name}</strong>
              <span className="subtle">{t('deploy.picker.from', { branch: env.branch })}</span>
              {env.confirmation === 'name' && <span className="tag">{t('deploy.picker.typed')}</span>}
            </span>
            <span className="subtle">{env.describe}</span>
            <LastDeploy env={env} />
          </span>
        </label>
      ))}
    </fieldset>
  );
}
