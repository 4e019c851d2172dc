// Which modules to check: a list of the board's modules with a tick each, and Run for the ticked ones (here, or on
// the CI runner the checks bar names).

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoardStore } from '../../stores/board';

// One empty list for every render: a selector answering a new [] each time makes React re-render without end.
const EMPTY: never[] = [];

interface Props {
  onRun: (modules: string[]) => void;
  disabled: boolean;
  /** The CI target's name when checks go to a CI runner; null to run here. */
  where: string | null;
}

export function CheckModulePicker({ onRun, disabled, where }: Props) {
  const { t } = useTranslation();
  const modules = useBoardStore((s) => s.board?.modules ?? EMPTY);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <fieldset className="check-picker" data-testid="check-picker">
      <legend>{t('checks.picker.legend')}</legend>
      <ul className="check-picker-list">
        {modules.map((m) => (
          <li key={m.id}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(m.id)}
                disabled={!m.branchExists}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
              />
              <span>{m.title}</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="button primary" disabled={disabled || chosen.length === 0} onClick={() => onRun(chosen)} data-testid="run-chosen-checks">
        {where ? t('checks.picker.runOn', { count: chosen.length, where }) : t('checks.picker.run', { count: chosen.length })}
      </button>
    </fieldset>
  );
}
