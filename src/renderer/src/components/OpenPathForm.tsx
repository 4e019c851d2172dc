// "Open a repository by path": the field, and main's error message right under it when opening fails.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceStore } from '../stores/workspace';
import { errorText } from '../errorText';

export function OpenPathForm({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const opening = useWorkspaceStore((s) => s.opening);
  const error = useWorkspaceStore((s) => (s.openErrorKey === 'path' ? s.openError : null));
  const open = useWorkspaceStore((s) => s.open);
  const clearOpenError = useWorkspaceStore((s) => s.clearOpenError);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) return;
    if (await open(trimmed)) onOpened();
  }

  return (
    <form className="open-path-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label htmlFor="workspace-path">{t('start.pathLabel')}</label>
        <div className="input-row">
          <input
            id="workspace-path"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              if (error) clearOpenError();
            }}
            placeholder={t('start.pathPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'workspace-path-error workspace-path-hint' : 'workspace-path-hint'}
          />
          <button type="submit" className="button primary" disabled={opening !== null || path.trim() === ''}>
            {opening === 'path' ? t('start.opening') : t('start.open')}
          </button>
        </div>
        <p id="workspace-path-hint" className="subtle hint">
          {t('start.pathHint')}
        </p>
        <p id="workspace-path-error" className="field-error" role="alert" data-testid="open-error">
          {error ? (
            <>
              {errorText(error)} <span className="error-code">{t('error.code', { code: error.code })}</span>
            </>
          ) : null}
        </p>
      </div>
    </form>
  );
}
