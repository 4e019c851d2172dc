// One file of a remote run's change: at the tip the run started from and at the review commit (readRemoteRunFile),
// in the same lazily loaded Monaco diff as a local run's review, read-only (the commit is the runner's).

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ChangedFile, FileSides } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorNotice } from '../ErrorNotice';
import { shortOid } from '../implement/format';

const CodeDiff = lazy(() => import('../implement/CodeDiff'));

export function RemoteFileDiff({ runId, tip, commit, file }: { runId: string; tip: string; commit: string; file: ChangedFile }) {
  const { t } = useTranslation();
  const [sides, setSides] = useState<FileSides | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () => {
    setError(null);
    api.readRemoteRunFile({ runId, path: file.path }).then(setSides, (e) => setError(asApiError(e)));
  };
  useEffect(load, [runId, file.path]);

  const path = displayPath(file.path);
  return (
    <section className="file-diff" aria-label={t('implement.diff.of', { path })} data-testid="remote-file-diff" data-path={file.path}>
      <h4>{path}</h4>
      <ErrorNotice error={error} title={t('implement.diff.loadFailed')} onRetry={load} />
      {!sides && !error && <p className="subtle">{t('implement.diff.loading')}</p>}
      {sides?.binary && <p className="notice notice-info">{t('implement.review.binaryFile')}</p>}
      {sides && !sides.binary && (
        <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
          <CodeDiff
            id={`remote-${runId}-${commit}-${file.path}`}
            path={file.path}
            before={sides.before}
            after={sides.after}
            beforeLabel={t('remote.diff.startTip', { path, commit: shortOid(tip) })}
            afterLabel={t('remote.diff.reviewCommit', { path, commit: shortOid(commit) })}
          />
        </Suspense>
      )}
    </section>
  );
}
