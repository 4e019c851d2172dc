// One file of a run in review: both sides read from main (readRunFile), shown in the lazily loaded Monaco diff
// with the right side editable; saving writes it into the run's working copy (editRunFile).

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ChangedFile, FileSides } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';

const CodeDiff = lazy(() => import('./CodeDiff'));

export function RunFileDiff({ runId, file }: { runId: string; file: ChangedFile }) {
  const { t } = useTranslation();
  const [sides, setSides] = useState<FileSides | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const load = () => {
    setError(null);
    api.readRunFile({ runId, path: file.path }).then(setSides, (e) => setError(asApiError(e)));
  };
  useEffect(load, [runId, file.path]);

  const save = async (content: string) => {
    try {
      useImplementRunsStore.getState().putDetail(await api.editRunFile({ runId, path: file.path, content }));
      setSaveError(null);
      return true;
    } catch (e) {
      setSaveError(asApiError(e));
      return false;
    }
  };

  const path = displayPath(file.path);
  return (
    <section className="file-diff" aria-label={t('implement.diff.of', { path })} data-testid="run-file-diff" data-path={file.path}>
      <h4>{path}</h4>
      <ErrorNotice error={error} title={t('implement.diff.loadFailed')} onRetry={load} />
      <ErrorNotice error={saveError} title={t('implement.diff.saveFailed')} />
      {!sides && !error && <p className="subtle">{t('implement.diff.loading')}</p>}
      {sides?.binary && <p className="notice notice-info">{t('implement.review.binaryFile')}</p>}
      {sides && !sides.binary && (
        <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
          <CodeDiff
            id={`run-${runId}-${file.path}`}
            path={file.path}
            before={sides.before}
            after={sides.after}
            beforeLabel={t('implement.diff.startTip', { path })}
            afterLabel={t('implement.diff.workingCopy', { path })}
            onSave={sides.after === null ? undefined : save}
          />
        </Suspense>
      )}
    </section>
  );
}
