// The module page's main area on the Changes view: the documents (to go back to one) and the Changes entry above
// the runs, their transcripts and review, or the branch against the base.

import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleDetail } from '../../../../shared/types';
import type { ChangesView } from '../../lib/route';
import { DocumentList } from '../DocumentList';
import { ChangesLink } from './ChangesLink';

// The Changes view brings Monaco and the review: fetched when first opened.
const ChangesPage = lazy(() => import('../implement/ChangesPage'));

export function ModuleChangesArea({ detail, view }: { detail: ModuleDetail; view: ChangesView }) {
  const { t } = useTranslation();
  const { card } = detail;
  return (
    <div className="module-main module-changes">
      <div className="main-switch">
        <DocumentList moduleId={card.id} docs={card.docs} draftKinds={card.draftKinds} selected={null} />
        <ChangesLink card={card} current={true} />
      </div>
      <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
        <ChangesPage moduleId={card.id} view={view} />
      </Suspense>
    </div>
  );
}
