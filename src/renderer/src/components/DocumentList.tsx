// The module's five documents with their states; the selected one is kept in the URL.

import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../shared/documents';
import type { DocStatus } from '../../../shared/types';
import { formatHash } from '../lib/route';
import { StateIcon } from './StateIcon';

interface Props {
  moduleId: string;
  docs: DocStatus[];
  draftKinds: DocKind[];
  /** The open document, or null when the main area shows something else (the Changes view). */
  selected: DocKind | null;
}

export function DocumentList({ moduleId, docs, draftKinds, selected }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="document-list" aria-label={t('module.documents')}>
      {docs.map((doc) => (
        <li key={doc.kind}>
          <a
            href={formatHash({ page: 'module', moduleId, doc: doc.kind })}
            className={`document-link state-${doc.state}`}
            aria-current={doc.kind === selected ? 'true' : undefined}
            data-testid="document-link"
            data-doc-kind={doc.kind}
          >
            <span className="document-name">
              {/* A narrow module page shows the short name (as on the cards); readers always get the long one. */}
              <span className="doc-name-long">{t(`doc.${doc.kind}.long`)}</span>
              <span className="doc-name-short" aria-hidden="true">
                {t(`doc.${doc.kind}.short`)}
              </span>
              <span className="document-file">{doc.fileName}</span>
            </span>
            <span className={`doc-badge state-${doc.state}`}>
              <StateIcon state={doc.state} />
              {t(`docState.${doc.state}`)}
            </span>
            {draftKinds.includes(doc.kind) && <span className="chip chip-draft">{t('docState.draft')}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}
