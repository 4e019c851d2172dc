// The credentials one environment's deploy command gets on this machine, by name: a value stored in the secret store
// (never shown again; an empty field keeps it) or passed from the app's environment. Never in the manifest.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeployCredentials } from '../../../../shared/types-deploy';
import { api, asApiError, type ApiError } from '../../api';
import { useDeployStore } from '../../stores/deploy';
import { DeployError } from './DeployError';

interface Row {
  key: number;
  name: string;
  source: 'value' | 'environment';
  value: string;
  stored: boolean;
}

let nextKey = 0;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function rowsOf(credentials: DeployCredentials): Row[] {
  return credentials.credentials.map((c) => ({ key: nextKey++, name: c.name, source: c.source, value: '', stored: c.hasValue }));
}

export function DeployCredentialsForm({ environment, onDone }: { environment: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.getDeployCredentials({ environment }).then((c) => setRows(rowsOf(c)), (e: unknown) => setError(asApiError(e)));
  }, [environment]);

  if (!rows) return <DeployError error={error} title={t('deploy.credentials.loadFailed')} />;
  const update = (key: number, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const bad = (row: Row) => !NAME.test(row.name.trim()) || row.name.trim().startsWith('FLEET_');
  const missingValue = (row: Row) => row.source === 'value' && !row.stored && row.value === '';
  const blocked = rows.some((r) => bad(r) || missingValue(r));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (blocked || !rows) return;
    setSaving(true);
    setError(null);
    try {
      const credentials = rows.map((r) => ({ name: r.name.trim(), source: r.source, ...(r.source === 'value' && r.value !== '' ? { value: r.value } : {}) }));
      await api.saveDeployCredentials({ environment, credentials });
      void useDeployStore.getState().refreshSelected();
      onDone();
    } catch (e) {
      setError(asApiError(e));
    }
    setSaving(false);
  }

  return (
    <form className="environment-form" onSubmit={(e) => void onSubmit(e)} aria-labelledby="deploy-credentials-heading" data-testid="deploy-credentials-form">
      <h3 id="deploy-credentials-heading">{t('deploy.credentials.heading', { environment })}</h3>
      <p className="subtle">{t('deploy.credentials.explain')}</p>
      {rows.map((row, index) => (
        <div key={row.key} className="environment-fields" data-testid="deploy-credential-row">
          <div className="field">
            <label htmlFor={`cred-name-${row.key}`}>{t('launcher.nameOf', { index: index + 1 })}</label>
            <input id={`cred-name-${row.key}`} value={row.name} spellCheck={false} autoComplete="off" aria-invalid={(row.name !== '' && bad(row)) || undefined} onChange={(e) => update(row.key, { name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`cred-source-${row.key}`}>{t('launcher.source')}</label>
            <select id={`cred-source-${row.key}`} value={row.source} onChange={(e) => update(row.key, { source: e.target.value as Row['source'] })}>
              <option value="value">{t('deploy.credentials.stored')}</option>
              <option value="environment">{t('launcher.fromEnvironment')}</option>
            </select>
          </div>
          {row.source === 'value' && (
            <div className="field">
              <label htmlFor={`cred-value-${row.key}`}>{t('launcher.value')}</label>
              <input id={`cred-value-${row.key}`} type="password" value={row.value} autoComplete="off" placeholder={row.stored ? t('launcher.storedPlaceholder') : ''} onChange={(e) => update(row.key, { value: e.target.value })} />
            </div>
          )}
          <button type="button" className="button link" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
            {t('launcher.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => setRows([...rows, { key: nextKey++, name: '', source: 'value', value: '', stored: false }])}>
        {t('deploy.credentials.add')}
      </button>
      <DeployError error={error} title={t('deploy.credentials.saveFailed')} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={saving || blocked}>
          {t('launcher.save')}
        </button>
      </div>
    </form>
  );
}
