// Editing the manifest's environments from the app: the list with Edit and Remove, Add, one environment's form at a
// time, and Save, which commits the list to the manifest on the workspace branch (so the team shares it).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentDef } from '../../../../shared/deploy-config';
import { draftFromDef, emptyDraft } from '../../lib/environmentDraft';
import { useDeployStore } from '../../stores/deploy';
import { DeployError } from './DeployError';
import { EnvironmentForm } from './EnvironmentForm';

interface Props {
  environments: EnvironmentDef[];
  onDone: () => void;
}

export function EnvironmentsEditor({ environments, onDone }: Props) {
  const { t } = useTranslation();
  const [list, setList] = useState(environments);
  // The index being edited, list.length for a new one, null for none.
  const [editing, setEditing] = useState<number | null>(environments.length === 0 ? 0 : null);
  const saving = useDeployStore((s) => s.saving);
  const saveError = useDeployStore((s) => s.saveError);
  const changed = JSON.stringify(list) !== JSON.stringify(environments);

  // A failure from an earlier visit is not this one's.
  useEffect(() => useDeployStore.getState().clearSaveError(), []);

  async function save() {
    if (await useDeployStore.getState().saveEnvironments(list)) onDone();
  }

  function put(def: EnvironmentDef) {
    setList((l) => (editing !== null && editing < l.length ? l.map((e, i) => (i === editing ? def : e)) : [...l, def]));
    setEditing(null);
  }

  return (
    <section className="deploy-section environments-editor" aria-labelledby="environments-editor-heading" data-testid="environments-editor">
      <h2 id="environments-editor-heading">{t('deploy.editor.heading')}</h2>
      <p className="subtle">{t('deploy.editor.explain')}</p>
      {list.length > 0 && (
        <ul className="environment-list">
          {list.map((env, i) => (
            <li key={env.name} data-environment={env.name}>
              <strong>{env.name}</strong> <span className="subtle">{t(`deploy.method.${env.method.type}`)}</span>
              <button type="button" className="button link" disabled={editing !== null} onClick={() => setEditing(i)} aria-label={t('deploy.editor.editOne', { name: env.name })}>
                {t('deploy.editor.edit')}
              </button>
              <button type="button" className="button link" disabled={editing !== null} onClick={() => setList((l) => l.filter((_, j) => j !== i))} aria-label={t('deploy.editor.removeOne', { name: env.name })}>
                {t('deploy.editor.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing !== null ? (
        <EnvironmentForm
          key={editing}
          initial={editing < list.length ? draftFromDef(list[editing]!) : emptyDraft()}
          otherNames={list.filter((_, i) => i !== editing).map((e) => e.name)}
          onSubmit={put}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing(list.length)} data-testid="add-environment">
          {t('deploy.editor.add')}
        </button>
      )}
      <DeployError error={saveError} title={t('deploy.editor.saveFailed')} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="button" className="button primary" disabled={!changed || saving || editing !== null} onClick={() => void save()} data-testid="save-environments">
          {t('deploy.editor.save')}
        </button>
      </div>
    </section>
  );
}
