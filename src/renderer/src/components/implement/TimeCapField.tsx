// The time cap of the runs (minutes): optional for engines that report cost, required for those that report none,
// since then no budget can stop them.

import { useTranslation } from 'react-i18next';
import { parseTimeCap } from '../../lib/engineInput';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  required: boolean;
  /** The settings' default, used when the field is left empty (engines that report cost only). */
  fallback: number | undefined;
}

export function TimeCapField({ id, value, onChange, required, fallback }: Props) {
  const { t } = useTranslation();
  const cap = parseTimeCap(value);
  const bad = Number.isNaN(cap);
  const hint = bad
    ? t('implement.dialog.timeCapBad')
    : required
      ? t('implement.dialog.timeCapRequired')
      : t('implement.dialog.timeCapHint', { count: fallback ?? 30 });
  return (
    <div className="field">
      <label htmlFor={id}>{t(required ? 'implement.dialog.timeCapNeeded' : 'implement.dialog.timeCap')}</label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        placeholder={required ? undefined : String(fallback ?? '')}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={bad || undefined}
        aria-describedby={`${id}-hint`}
        data-testid="implement-time-cap"
      />
      <p className={`hint${bad ? ' field-problem' : ''}`} id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
