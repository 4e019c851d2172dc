// What the document-state icons mean.

import { useTranslation } from 'react-i18next';
import { DOC_STATES } from '../../../shared/documents';
import { StateIcon } from './StateIcon';

export function StateLegend() {
  const { t } = useTranslation();
  return (
    <div className="state-legend">
      <span className="subtle">{t('board.legend')}</span>
      <ul>
        {DOC_STATES.map((state) => (
          <li key={state} className={`doc-badge state-${state}`}>
            <StateIcon state={state} />
            {t(`docState.${state}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
