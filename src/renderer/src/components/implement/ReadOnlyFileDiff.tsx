// One file's two sides, read once from main, as a read-only Monaco diff (lazily loaded): the module branch's view and a
// remote run's review both show a file this way, with their own loader and side labels.

import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { FileSides } from '../../../../shared/types-implement';
import { asApiError, type ApiError } from '../../api';
import { ErrorNotice } from '../ErrorNotice';

const CodeDiff = lazy(() => import('./CodeDiff'));

interface Props {
  path: string;
  /** Reads the sides; called again when `sidesKey` changes and on retry. */
  load: () => Promise<FileSides>;
  sidesKey: string;
  /** The diff's model id (unique per file and version). */
  diffId: string;
  testId: string;
  heading: 'h3' | 'h4';
  labels: (path: string) => { before: string; after: string };
}

export function ReadOnlyFileDiff({ path: filePath, load, sidesKey, diffId, testId, heading: Heading, labels }: Props) {
  const { t } = useTranslation();
  const [sides, setSides] = useState<FileSides | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const read = () => {
    setError(null);
    load().then(setSides, (e) => setError(asApiError(e)));
  };
  useEffect(read, [sidesKey]);

  const path = displayPath(filePath);
  const { before, after } = labels(path);
  return (
    <section className="file-diff" aria-label={t('implement.diff.of', { path })} data-testid={testId} data-path={filePath}>
      <Heading>{path}</Heading>
      <ErrorNotice error={error} title={t('implement.diff.loadFailed')} onRetry={read} />
      {!sides && !error && <p className="subtle">{t('implement.diff.loading')}</p>}
      {sides?.binary && <p className="notice notice-info">{t('implement.review.binaryFile')}</p>}
      {sides && !sides.binary && (
        <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
          <CodeDiff id={diffId} path={filePath} before={sides.before} after={sides.after} beforeLabel={before} afterLabel={after} />
        </Suspense>
      )}
    </section>
  );
}
