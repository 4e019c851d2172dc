// The Engines part of the implementation settings: every engine main knows, found on PATH or not, with a Re-detect
// button for a CLI installed while the app runs.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useImplementEnginesStore } from '../../stores/implementEngines';
import { ErrorNotice } from '../ErrorNotice';
import { EngineCard } from './EngineCard';

export function EnginesSection() {
  const { t } = useTranslation();
  const engines = useImplementEnginesStore((s) => s.engines);
  const loadError = useImplementEnginesStore((s) => s.loadError);
  const detecting = useImplementEnginesStore((s) => s.detecting);
  const load = useImplementEnginesStore((s) => s.load);
  useEffect(() => void load(), [load]);

  return (
    <section className="engine-settings" aria-labelledby="engines-heading" data-testid="engine-settings" aria-busy={detecting || undefined}>
      <div className="panel-head">
        <h3 id="engines-heading">{t('implement.engines.heading')}</h3>
        <span className="header-spacer" />
        <button type="button" className="button" onClick={() => void load(true)} disabled={detecting} data-testid="engines-redetect">
          {detecting ? t('implement.engines.detecting') : t('implement.engines.redetect')}
        </button>
      </div>
      <p className="subtle">{t('implement.engines.intro')}</p>
      <ErrorNotice error={loadError} title={t('implement.engines.loadFailed')} onRetry={() => void load(true)} />
      {engines && (
        <ul className="engine-list">
          {engines.map((engine) => (
            <li key={engine.id}>
              <EngineCard engine={engine} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
