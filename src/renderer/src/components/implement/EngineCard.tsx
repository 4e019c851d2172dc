// One engine in the settings: found (path, version) or why not (with the install hint to copy), what it enforces
// and what it cannot, whether it reports cost and can resume, and the key it is given (if the user gave one).

import { useTranslation } from 'react-i18next';
import type { EngineInfo } from '../../../../shared/types-engines';
import { CopyButton } from './CopyButton';
import { CustomTemplateForm } from './CustomTemplateForm';
import { EngineKeyForm } from './EngineKeyForm';

export function EngineCard({ engine }: { engine: EngineInfo }) {
  const { t } = useTranslation();
  const heading = `engine-${engine.id}-title`;
  const ready = !engine.problem;
  return (
    <article className="engine-card" aria-labelledby={heading} data-testid="engine-card" data-engine-id={engine.id} data-ready={ready}>
      <div className="engine-head">
        <h4 id={heading}>{engine.title}</h4>
        <span className={`tag ${ready ? 'state-succeeded' : 'tag-warning'}`} data-testid="engine-state">
          {ready ? (engine.program ? t('implement.engines.found') : t('implement.engines.ready')) : t('implement.engines.missing')}
        </span>
      </div>
      {engine.path && (
        <p className="engine-found" data-testid="engine-found">
          {t('implement.engines.path')} <code>{engine.path}</code>
          {engine.version && (
            <>
              {' · '}
              {t('implement.engines.version')} <code data-testid="engine-version">{engine.version}</code>
            </>
          )}
        </p>
      )}
      {engine.problem && (
        <div className="engine-missing">
          <p data-testid="engine-problem">{engine.problem}</p>
          <p className="engine-install">
            <span>{t('implement.engines.install')}</span> <code data-testid="engine-install">{engine.installHint}</code>{' '}
            <CopyButton text={engine.installHint} label={t('implement.engines.copyLabel', { engine: engine.title })} />
          </p>
        </div>
      )}
      <ul className="engine-traits">
        <li data-testid="engine-cost">{engine.reportsCost ? t('implement.engines.reportsCost') : t('implement.engines.costUnknown')}</li>
        <li>{engine.canResume ? t('implement.engines.resumes') : t('implement.engines.noResume')}</li>
        {engine.variables.length > 0 && (
          <li>
            {t('implement.engines.variables')} {engine.variables.map((v, i) => (
              <span key={v}>
                {i > 0 && ', '}
                <code>{v}</code>
              </span>
            ))}
          </li>
        )}
        {engine.configPaths.length > 0 && (
          <li>
            {t('implement.engines.configPaths')} {engine.configPaths.map((p, i) => (
              <span key={p}>
                {i > 0 && ', '}
                <code>~/{p}</code>
              </span>
            ))}
          </li>
        )}
      </ul>
      {(engine.enforces.length > 0 || engine.cannot.length > 0) && (
        <div className="engine-permissions">
          {engine.enforces.length > 0 && (
            <div>
              <h5>{t('implement.engines.enforces')}</h5>
              <ul data-testid="engine-enforces">
                {engine.enforces.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          {engine.cannot.length > 0 && (
            <div>
              <h5>{t('implement.engines.cannot')}</h5>
              <ul data-testid="engine-cannot">
                {engine.cannot.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {engine.id === 'custom' && <CustomTemplateForm />}
      {engine.id === 'builtin' ? <p className="subtle">{t('implement.engines.builtinKeys')}</p> : <EngineKeyForm engine={engine} />}
    </article>
  );
}
