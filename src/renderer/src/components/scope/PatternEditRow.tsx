// One editable pattern: its text, how many files it matches on the branch, its problem, and Remove.

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';

interface Props {
  index: number;
  value: string;
  /** Files it matches in the latest preview; null while unknown. */
  count: number | null;
  problem: string | null;
  onChange: (text: string) => void;
  onRemove: () => void;
}

export function PatternEditRow({ index, value, count, problem, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const id = `pattern-row-${index}`;
  const problemId = `${id}-problem`;
  const countId = `${id}-count`;
  return (
    <li className={`pattern-edit-row${problem ? ' has-problem' : count === 0 ? ' no-match' : ''}`} data-testid="pattern-row">
      <input
        id={id}
        value={value}
        aria-label={t('scope.rowLabel', { n: index + 1 })}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${countId} ${problemId}` : countId}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={countId} className="pattern-count" data-testid="pattern-count">
        {problem ? '' : count === null ? '…' : count === 0 ? t('files.noMatch') : t('scope.fileCount', { count, formatted: formatNumber(count) })}
      </span>
      <button type="button" className="button small" onClick={onRemove} aria-label={t('scope.removeLabel', { pattern: value || t('scope.emptyRow') })}>
        {t('scope.remove')}
      </button>
      {problem && (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      )}
    </li>
  );
}
