// The engine of a run in the Implement dialog: the built-in loop or an agent CLI; an engine that cannot run here is
// offered disabled with the reason beside it. A CLI's model is free text (empty: the CLI's own default).

import { useTranslation } from 'react-i18next';
import type { EngineId, EngineInfo } from '../../../../shared/types-engines';
import { useImplementEnginesStore } from '../../stores/implementEngines';

interface Props {
  engines: EngineInfo[] | null;
  value: EngineId;
  onChange: (engine: EngineId) => void;
}

export function EngineChoice({ engines, value, onChange }: Props) {
  const { t } = useTranslation();
  const loadError = useImplementEnginesStore((s) => s.loadError);
  const detecting = useImplementEnginesStore((s) => s.detecting);
  // Without the list (still detecting, or main could not answer) the built-in loop is still there.
  const shown = engines ?? [];
  const hasBuiltin = shown.some((e) => e.id === 'builtin');
  return (
    <fieldset className="engine-choice" data-testid="engine-choice">
      <legend>{t('implement.dialog.engine')}</legend>
      {!hasBuiltin && (
        <label className="engine-option">
          <input type="radio" name="implement-engine" value="builtin" checked={value === 'builtin'} onChange={() => onChange('builtin')} />
          <span className="engine-option-title">{t('implement.engine.names.builtin')}</span>
        </label>
      )}
      {shown.map((engine) => {
        const note = `engine-note-${engine.id}`;
        const name = `engine-name-${engine.id}`;
        return (
          <label key={engine.id} className={`engine-option${engine.problem ? ' engine-option-disabled' : ''}`} data-testid="engine-option" data-engine-id={engine.id}>
            <input
              type="radio"
              name="implement-engine"
              value={engine.id}
              checked={value === engine.id}
              disabled={!!engine.problem}
              onChange={() => onChange(engine.id)}
              aria-labelledby={name}
              aria-describedby={note}
            />
            <span className="engine-option-title" id={name}>
              {engine.title}
            </span>
            <span className="subtle" id={note}>
              {engine.problem ?? [engine.version, engine.reportsCost ? null : t('implement.cost.unknown')].filter(Boolean).join(' · ')}
            </span>
          </label>
        );
      })}
      {!engines && (
        <p className="hint" role="status">
          {loadError ? t('implement.dialog.enginesUnavailable', { reason: loadError.message }) : detecting ? t('implement.dialog.enginesDetecting') : ''}
        </p>
      )}
    </fieldset>
  );
}
