// The commands run_command may run, one prefix or glob per row; with the warning that they run on this machine.

import { useTranslation } from 'react-i18next';

export function AllowListEditor({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="allow-list" data-testid="allow-list">
      <legend>{t('implement.settings.allowList')}</legend>
      <p className="notice notice-warning" id="allow-list-warning">
        {t('implement.settings.allowWarning')}
      </p>
      {value.length === 0 && <p className="subtle">{t('implement.settings.allowEmpty')}</p>}
      <ul className="allow-rows">
        {value.map((entry, i) => (
          <li key={i} className="input-row">
            <label className="visually-hidden" htmlFor={`allow-${i}`}>
              {t('implement.settings.allowEntry', { index: i + 1 })}
            </label>
            <input
              id={`allow-${i}`}
              value={entry}
              spellCheck={false}
              autoComplete="off"
              placeholder="npm test"
              aria-describedby="allow-list-warning"
              aria-invalid={entry.trim() === '' || undefined}
              onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <button type="button" className="button small" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('implement.settings.allowRemove', { index: i + 1 })}>
              {t('implement.settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button small" onClick={() => onChange([...value, ''])} disabled={value.length >= 100}>
        {t('implement.settings.allowAdd')}
      </button>
    </fieldset>
  );
}
