// Add or edit one remote: name and HTTPS address. An SSH address is explained, with its HTTPS form one click away.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api';
import { errorText } from '../../errorText';
import { useRemotesStore } from '../../stores/remotes';
import { PlainHttpNote } from '../PlainHttpNote';

interface Props {
  /** The remote being edited; absent when adding one. */
  editing?: { name: string; url: string };
  /** Prefills the address (the HTTPS form offered for an SSH remote). */
  suggestedUrl?: string;
  onDone: () => void;
  onCancel?: () => void;
}

export function RemoteForm({ editing, suggestedUrl, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const save = useRemotesStore((s) => s.save);
  const [name, setName] = useState(editing?.name ?? (useRemotesStore.getState().remotes?.length ? '' : 'origin'));
  const [url, setUrl] = useState(suggestedUrl ?? editing?.url ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const idBase = editing ? `remote-edit-${editing.name}` : 'remote-add';
  const httpsUrl = error?.code === 'SSH_UNSUPPORTED' || error?.code === 'INVALID_URL' ? (error.data?.httpsUrl as string | undefined) : undefined;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    const failed = await save({ name: name.trim(), url: url.trim(), previousName: editing?.name });
    setSaving(false);
    setError(failed);
    if (!failed) {
      if (!editing) {
        setName('');
        setUrl('');
      }
      onDone();
    }
  }

  return (
    <form className="remote-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="remote-form">
      <div className="field">
        <label htmlFor={`${idBase}-name`}>{t('remotes.nameLabel')}</label>
        <input id={`${idBase}-name`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} required />
      </div>
      <div className="field remote-url-field">
        <label htmlFor={`${idBase}-url`}>{t('remotes.urlLabel')}</label>
        <input
          id={`${idBase}-url`}
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(null);
          }}
          placeholder="https://github.com/org/repo.git"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${idBase}-error`}
        />
      </div>
      <PlainHttpNote url={url} />
      <div className="remote-form-actions">
        <button type="submit" className="button primary" disabled={saving || !name.trim() || !url.trim()}>
          {editing ? t('remotes.saveEdit') : t('remotes.add')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        )}
      </div>
      <div id={`${idBase}-error`} className="field-error remote-form-error" role="alert" data-testid="remote-form-error">
        {error && (
          <>
            {error.code === 'SSH_UNSUPPORTED' && <strong>{t('remotes.sshTitle')} </strong>}
            {errorText(error)} <span className="error-code">{t('error.code', { code: error.code })}</span>
            {httpsUrl && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setUrl(httpsUrl);
                  setError(null);
                }}
              >
                {t('remotes.useHttps', { url: httpsUrl })}
              </button>
            )}
          </>
        )}
      </div>
    </form>
  );
}
