// The five documents of a module as small badges: a state icon, the document's short name, and the state
// in words for screen readers and the tooltip.

import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../shared/documents';
import type { DocStatus } from '../../../shared/types';
import { StateIcon } from './StateIcon';

export function DocBadges({ docs, draftKinds = [] }: { docs: DocStatus[]; draftKinds?: DocKind[] }) {
  const { t } = useTranslation();
  return (
    <ul className="doc-badges" aria-label={t('card.documents')}>
      {docs.map((doc) => {
        const draft = draftKinds.includes(doc.kind);
        const state = draft ? t('docState.withDraft', { state: t(`docState.${doc.state}`) }) : t(`docState.${doc.state}`);
        return (
          <li
            key={doc.kind}
            className={`doc-badge state-${doc.state}`}
            title={`${t(`doc.${doc.kind}.long`)}: ${state}`}
            data-doc-kind={doc.kind}
            data-doc-state={doc.state}
            data-draft={draft || undefined}
          >
            <StateIcon state={doc.state} />
            <span>{t(`doc.${doc.kind}.short`)}</span>
            {draft && (
              <span className="draft-mark" aria-hidden="true">
                ✎
              </span>
            )}
            <span className="visually-hidden">: {state}</span>
          </li>
        );
      })}
    </ul>
  );
}
