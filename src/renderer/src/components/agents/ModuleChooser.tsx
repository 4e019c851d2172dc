// Which modules a batch covers: all of them, or those ticked in the list (modules matching no file say so).

import { useTranslation } from 'react-i18next';
import { useBoardStore } from '../../stores/board';

// One empty list for every render: a selector answering a new [] each time makes React re-render without end.
const EMPTY: never[] = [];

interface Props {
  value: string[] | 'all';
  onChange: (value: string[] | 'all') => void;
  total: number;
}

export function ModuleChooser({ value, onChange, total }: Props) {
  const { t } = useTranslation();
  const modules = useBoardStore((s) => s.board?.modules ?? EMPTY);
  const chosen = value === 'all' ? [] : value;
  return (
    <fieldset className="module-choice">
      <legend>{t('agents.batch.modules')}</legend>
      <label className="checkbox">
        <input type="radio" name="batch-scope" checked={value === 'all'} onChange={() => onChange('all')} />
        <span>{t('agents.batch.allModules', { count: total })}</span>
      </label>
      <label className="checkbox">
        <input type="radio" name="batch-scope" checked={value !== 'all'} onChange={() => onChange([])} />
        <span>{t('agents.batch.someModules', { count: chosen.length })}</span>
      </label>
      {value !== 'all' && (
        <ul className="module-checklist" aria-label={t('agents.batch.moduleList')}>
          {modules.map((m) => (
            <li key={m.id}>
              <label className="checkbox">
                <input type="checkbox" checked={chosen.includes(m.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))} />
                <span>{m.title}</span>
                {m.matchedFiles === 0 && <span className="tag tag-warning">{t('agents.batch.noFiles')}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
