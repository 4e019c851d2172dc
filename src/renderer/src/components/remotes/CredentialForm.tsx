// Sets a remote's credential: a token alone, or a user name and a token. Write-only: nothing is read back.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api';
import { useRemotesStore } from '../../stores/remotes';
import { ErrorNotice } from '../ErrorNotice';

interface Props {
  remote: string;
  onDone: () => void;
  onCancel?: () => void;
  /** Shown above the fields, e.g. why the credentials are asked for. */
  reason?: string;
}

export function CredentialForm({ remote, onDone, onCancel, reason }: Props) {
  const { t } = useTranslation();
  const setCredential = useRemotesStore((s) => s.setCredential);
  const [withUser, setWithUser] = useState(false);
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const idBase = `credential-${remote}`;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    const failed = await setCredential({ name: remote, token, username: withUser && username.trim() ? username.trim() : undefined });
    setSaving(false);
    setError(failed);
    if (!failed) {
      setToken('');
      onDone();
    }
  }

  return (
    <form className="credential-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('remotes.credentialFor', { remote })}>
      {reason && <p className="subtle">{reason}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={withUser} onChange={(e) => setWithUser(e.target.checked)} />
        <span>{t('remotes.withUsername')}</span>
      </label>
      {withUser && (
        <div className="field">
          <label htmlFor={`${idBase}-user`}>{t('remotes.usernameLabel')}</label>
          <input id={`${idBase}-user`} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${idBase}-token`}>{t('remotes.tokenLabel')}</label>
        <input id={`${idBase}-token`} type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div className="remote-form-actions">
        <button type="submit" className="button primary" disabled={saving || token.trim() === ''}>
          {t('remotes.saveCredential')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        )}
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
