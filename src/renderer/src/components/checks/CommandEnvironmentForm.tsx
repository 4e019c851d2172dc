// The workspace's command environment on this machine: how commands run (sandboxed or why not), the variables they
// get beyond the allow-list (a value, or passed from the app's environment), secrets only when marked as such on
// purpose (their values are never shown again), and whether git in them reads the user's own configuration.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { looksSecret } from '../../../../shared/secret-names';
import type { CommandVariableInput } from '../../../../shared/types-launcher';
import { useCommandEnvStore } from '../../stores/commandEnv';
import { ErrorNotice } from '../ErrorNotice';
import { SandboxNote } from './SandboxNote';

interface Row {
  key: number;
  name: string;
  source: 'value' | 'environment';
  value: string;
  secret: boolean;
  /** A secret value is stored already: an empty field keeps it. */
  stored: boolean;
}

let nextKey = 0;

function toInput(row: Row): CommandVariableInput {
  const keepStored = row.secret && row.stored && row.value === '';
  return { name: row.name.trim(), source: row.source, secret: row.secret, ...(row.source === 'value' && !keepStored ? { value: row.value } : {}) };
}

export function CommandEnvironmentForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const environment = useCommandEnvStore((s) => s.environment);
  const error = useCommandEnvStore((s) => s.error);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [userGitConfig, setUserGitConfig] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => void useCommandEnvStore.getState().load(), []);
  useEffect(() => {
    if (!environment || rows) return;
    setRows(environment.variables.map((v) => ({ key: nextKey++, name: v.name, source: v.source, value: v.value ?? '', secret: v.secret, stored: v.secret && v.hasValue })));
    setUserGitConfig(environment.userGitConfig);
  }, [environment, rows]);

  if (!environment || !rows) return <ErrorNotice error={error} title={t('launcher.loadFailed')} />;
  const update = (key: number, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const unconfirmed = (row: Row) => !row.secret && row.name.trim() !== '' && looksSecret(row.name.trim(), row.source === 'value' ? row.value : undefined);
  const blocked = rows.some((r) => r.name.trim() === '' || unconfirmed(r));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (blocked || !rows) return;
    setSaving(true);
    const ok = await useCommandEnvStore.getState().save(rows.map(toInput), userGitConfig);
    setSaving(false);
    if (ok) onDone();
  }

  return (
    <form className="check-settings command-env" onSubmit={(e) => void onSubmit(e)} aria-labelledby="command-env-heading" data-testid="command-env-form">
      <h3 id="command-env-heading">{t('launcher.heading')}</h3>
      <p className="subtle">
        <SandboxNote sandbox={environment.sandbox} />
      </p>
      <p className="subtle">{t('launcher.explain', { names: environment.allowList.join(', ') })}</p>
      {rows.length > 0 && (
        <table className="command-env-table">
          <thead>
            <tr>
              <th scope="col">{t('launcher.name')}</th>
              <th scope="col">{t('launcher.source')}</th>
              <th scope="col">{t('launcher.value')}</th>
              <th scope="col">{t('launcher.secret')}</th>
              <th scope="col"><span className="visually-hidden">{t('launcher.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key} data-testid="command-env-row">
                <td>
                  <input aria-label={t('launcher.nameOf', { index: index + 1 })} value={row.name} spellCheck={false} autoComplete="off" aria-invalid={unconfirmed(row) || undefined} onChange={(e) => update(row.key, { name: e.target.value })} />
                  {unconfirmed(row) && <span className="field-error" role="alert">{t('launcher.looksSecret', { name: row.name.trim() })}</span>}
                </td>
                <td>
                  <select aria-label={t('launcher.sourceOf', { name: row.name })} value={row.source} onChange={(e) => update(row.key, { source: e.target.value as Row['source'] })}>
                    <option value="value">{t('launcher.fromValue')}</option>
                    <option value="environment">{t('launcher.fromEnvironment')}</option>
                  </select>
                </td>
                <td>
                  {row.source === 'value' && (
                    <input aria-label={t('launcher.valueOf', { name: row.name })} type={row.secret ? 'password' : 'text'} value={row.value} autoComplete="off" spellCheck={false} placeholder={row.stored ? t('launcher.storedPlaceholder') : ''} onChange={(e) => update(row.key, { value: e.target.value })} />
                  )}
                </td>
                <td>
                  <input type="checkbox" aria-label={t('launcher.secretOf', { name: row.name })} checked={row.secret} onChange={(e) => update(row.key, { secret: e.target.checked })} data-testid="command-env-secret" />
                </td>
                <td>
                  <button type="button" className="button link" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                    {t('launcher.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="check-settings-actions">
        <button type="button" className="button" onClick={() => setRows([...rows, { key: nextKey++, name: '', source: 'value', value: '', secret: false, stored: false }])} data-testid="command-env-add">
          {t('launcher.add')}
        </button>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={userGitConfig} onChange={(e) => setUserGitConfig(e.target.checked)} data-testid="command-env-git" />
        {t('launcher.userGitConfig')}
      </label>
      <ErrorNotice error={error} title={t('launcher.saveFailed')} />
      <div className="check-settings-actions">
        <button type="submit" className="button primary" disabled={saving || blocked} data-testid="save-command-env">
          {t('launcher.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
