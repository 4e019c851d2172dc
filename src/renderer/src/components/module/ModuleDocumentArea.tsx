// The module page's main area on a document: the five documents (and the Changes entry) above the editor, with the
// implementation log's "Generate from history" bar when that document is open.

import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../../shared/documents';
import type { ModuleDetail } from '../../../../shared/types';
import { moduleDoc } from '../../lib/docRef';
import { DocumentList } from '../DocumentList';
import { HistoryLogBar } from '../reports/HistoryLogBar';
import { ChangesLink } from './ChangesLink';

// Monaco and the markdown renderer are only needed here: keep them out of the board's initial bundle.
const DocumentEditor = lazy(() => import('../DocumentEditor'));

interface Props {
  detail: ModuleDetail;
  selected: DocKind;
  baseBranch: string;
  onSwitchDoc: (index: number) => void;
  onPreviousModule?: () => void;
  onNextModule?: () => void;
}

export function ModuleDocumentArea({ detail, selected, baseBranch, onSwitchDoc, onPreviousModule, onNextModule }: Props) {
  const { t } = useTranslation();
  const { card } = detail;
  return (
    <section className="module-main module-docs module-documents" aria-labelledby="docs-heading">
      <h2 id="docs-heading" className="visually-hidden">
        {t('module.documents')}
      </h2>
      <div className="main-switch">
        <DocumentList moduleId={card.id} docs={card.docs} draftKinds={card.draftKinds} selected={selected} />
        <ChangesLink card={card} current={false} />
      </div>
      {selected === 'implementation-log' && <HistoryLogBar moduleId={card.id} />}
      <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
        <DocumentEditor
          doc={moduleDoc(card.id, selected)}
          subject={card.title}
          branch={card.branch}
          baseBranch={baseBranch}
          branchTip={card.tip}
          docState={card.docs.find((d) => d.kind === selected)?.state}
          onSwitchDoc={onSwitchDoc}
          onPreviousModule={onPreviousModule}
          onNextModule={onNextModule}
        />
      </Suspense>
    </section>
  );
}
