// Which modules a batch implements: ticked in a list that starts with those whose TO-BE is approved; a module
// without a TO-BE design says so (it cannot run).

import { useTranslation } from 'react-i18next';
import { approvedModules, hasDesign } from '../../lib/implementStatus';
import { useBoardStore } from '../../stores/board';

// One empty list for every render: a selector answering a new [] each time makes React re-render without end.
const EMPTY: never[] = [];

interface Props {
  value: string[];
  onChange: (value: string[]) => void;
}

export function ImplementModuleChooser({ value, onChange }: Props) {
  const { t } = useTranslation();
  const modules = useBoardStore((s) => s.board?.modules ?? EMPTY);
  const approved = approvedModules(modules);
  return (
    <fieldset className="module-choice" data-testid="implement-modules">
      <legend>{t('implement.dialog.modules', { count: value.length })}</legend>
      <div className="input-row">
        <button type="button" className="button small" onClick={() => onChange(approved)} disabled={approved.length === 0}>
          {t('implement.dialog.pickApproved', { count: approved.length })}
        </button>
        <button type="button" className="button small" onClick={() => onChange([])}>
          {t('implement.dialog.pickNone')}
        </button>
      </div>
      <ul className="module-checklist" aria-label={t('agents.batch.moduleList')}>
        {modules.map((m) => (
          <li key={m.id}>
            <label className="checkbox">
              <input type="checkbox" checked={value.includes(m.id)} onChange={(e) => onChange(e.target.checked ? [...value, m.id] : value.filter((id) => id !== m.id))} />
              <span>{m.title}</span>
              {approved.includes(m.id) ? (
                <span className="tag">{t('implement.dialog.designApproved')}</span>
              ) : (
                !hasDesign(m) && <span className="tag tag-warning">{t('implement.dialog.noDesign')}</span>
              )}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
