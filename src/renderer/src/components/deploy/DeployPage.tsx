// The Deploy screen (#/deploy[/<environment>]): pick an environment, read what a deploy would send out, confirm,
// follow the run to the end, and read the environment's deployment history. Loaded when first opened.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import { useDeployStore } from '../../stores/deploy';
import { useDeployRunStore } from '../../stores/deployRun';
import { useRouteStore } from '../../stores/route';
import { DeployConfirmDialog } from './DeployConfirmDialog';
import { DeployError } from './DeployError';
import { DeployHistory } from './DeployHistory';
import { DeployPlanView } from './DeployPlanView';
import { DeployRunPanel } from './DeployRunPanel';
import { EnvironmentPicker } from './EnvironmentPicker';
import { EnvironmentsEditor } from './EnvironmentsEditor';
import { NoEnvironments } from './NoEnvironments';
import './deploy.css';

export default function DeployPage({ environment }: { environment: string | null }) {
  const { t } = useTranslation();
  const view = useDeployStore((s) => s.view);
  const loading = useDeployStore((s) => s.loading);
  const loadError = useDeployStore((s) => s.loadError);
  const selected = useDeployStore((s) => s.selected);
  const load = useDeployStore((s) => s.load);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    document.title = `${t('deploy.title')} · ${t('app.name')}`;
  }, [t]);

  // Read once when the screen opens (the store keeps the choice when the address names none).
  useEffect(() => {
    void load(environment);
  }, [load]);

  // The address chooses (the picker navigates, and Back goes to the previous choice)...
  useEffect(() => {
    const s = useDeployStore.getState();
    if (s.view && environment && environment !== s.selected && s.view.environments.some((e) => e.def.name === environment)) void s.select(environment);
  }, [environment]);

  // ...and follows the store's choice when it names none, so a reload keeps it.
  useEffect(() => {
    if (selected && !environment) useRouteStore.getState().navigate({ page: 'deploy', environment: selected }, { replace: true });
  }, [selected, environment]);

  // A deploy running now (started elsewhere, or before this window opened) is followed here too.
  useEffect(() => {
    for (const env of view?.environments ?? []) {
      const followed = useDeployRunStore.getState().following[env.def.name];
      if (env.active && env.active !== followed) void useDeployRunStore.getState().follow(env.def.name, env.active);
    }
  }, [view]);

  // Escape closes the editor, then goes back to the board (a dialog takes its own Escape).
  useKeyboardShortcut('Escape', () => {
    if (document.querySelector('dialog[open]')) return false;
    if (editing) setEditing(false);
    else useRouteStore.getState().navigate({ page: 'board' });
  });

  const environments = view?.environments ?? [];
  return (
    <div className="page deploy-page" data-testid="deploy-page">
      <div className="page-heading">
        <h1>{t('deploy.title')}</h1>
        <p className="subtle">{t('deploy.intro')}</p>
      </div>
      <DeployError error={loadError} title={t('deploy.loadFailed')} onRetry={() => void load(environment)} />
      {loading && !view && <p className="subtle">{t('deploy.loading')}</p>}
      {view && environments.length === 0 && !editing && <NoEnvironments onAdd={() => setEditing(true)} />}
      {editing && view && <EnvironmentsEditor environments={environments.map((e) => e.def)} onDone={() => setEditing(false)} />}
      {environments.length > 0 && (
        <>
          <div className="deploy-setup">
            <EnvironmentPicker />
            {!editing && (
              <button type="button" className="button" onClick={() => setEditing(true)} data-testid="edit-environments">
                {t('deploy.editEnvironments')}
              </button>
            )}
          </div>
          {selected && (
            <>
              <DeployPlanView />
              <DeployRunPanel environment={selected} />
              <DeployHistory environment={selected} />
            </>
          )}
        </>
      )}
      <DeployConfirmDialog />
    </div>
  );
}
