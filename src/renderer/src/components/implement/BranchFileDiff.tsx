// One file of the module branch: at the fork point and at the tip (readBranchFile), as a read-only Monaco diff.

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ChangedFile, FileSides } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorNotice } from '../ErrorNotice';
import { shortOid } from './format';

const CodeDiff = lazy(() => import('./CodeDiff'));

export function BranchFileDiff({ moduleId, tip, file }: { moduleId: string; tip: string; file: ChangedFile }) {
  const { t } = useTranslation();
  const [sides, setSides] = useState<FileSides | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () => {
    setError(null);
    api.readBranchFile({ moduleId, path: file.path, tip }).then(setSides, (e) => setError(asApiError(e)));
  };
  useEffect(load, [moduleId, file.path, tip]);

  const path = displayPath(file.path);
  return (
    <section className="file-diff" aria-label={t('implement.diff.of', { path })} data-testid="branch-file-diff" data-path={file.path}>
      <h3>{path}</h3>
      <ErrorNotice error={error} title={t('implement.diff.loadFailed')} onRetry={load} />
      {!sides && !error && <p className="subtle">{t('implement.diff.loading')}</p>}
      {sides?.binary && <p className="notice notice-info">{t('implement.review.binaryFile')}</p>}
      {sides && !sides.binary && (
        <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
          <CodeDiff
            id={`branch-${moduleId}-${tip}-${file.path}`}
            path={file.path}
            before={sides.before}
            after={sides.after}
            beforeLabel={t('implement.diff.forkPoint', { path })}
            afterLabel={t('implement.diff.branchTip', { path, commit: shortOid(tip) })}
          />
        </Suspense>
      )}
    </section>
  );
}
