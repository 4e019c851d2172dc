// A module file read-only at the branch tip (readBranchFile's after side), in a lazily loaded Monaco viewer.

import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { FileSides } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorNotice } from '../ErrorNotice';

const CodeViewer = lazy(() => import('./CodeViewer'));

interface Props {
  moduleId: string;
  path: string;
  tip?: string;
  onClose: () => void;
}

export function BranchFileView({ moduleId, path, tip, onClose }: Props) {
  const { t } = useTranslation();
  const [sides, setSides] = useState<FileSides | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const load = () => {
    setError(null);
    api.readBranchFile({ moduleId, path, ...(tip ? { tip } : {}) }).then(setSides, (e) => setError(asApiError(e)));
  };
  useEffect(load, [moduleId, path, tip]);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  const shown = displayPath(path);
  return (
    <section className="branch-file-view" aria-labelledby="branch-file-heading" data-testid="branch-file-view" data-path={path}>
      <div className="panel-head">
        <h3 id="branch-file-heading" ref={heading} tabIndex={-1}>
          {shown}
        </h3>
        <span className="subtle">{t('implement.files.atTip', { commit: tip?.slice(0, 7) ?? '' })}</span>
        <span className="header-spacer" />
        <button type="button" className="button small" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
      <ErrorNotice error={error} title={t('implement.files.loadFailed')} onRetry={load} />
      {!sides && !error && <p className="subtle">{t('implement.diff.loading')}</p>}
      {sides?.binary && <p className="notice notice-info">{t('implement.review.binaryFile')}</p>}
      {sides && !sides.binary && sides.after === null && <p className="notice notice-info">{t('implement.files.absent')}</p>}
      {sides && !sides.binary && sides.after !== null && (
        <Suspense fallback={<p className="subtle editor-loading">{t('doc.loadingViewer')}</p>}>
          <CodeViewer id={`${moduleId}-${tip ?? 'tip'}`} path={path} text={sides.after} label={t('implement.files.viewerLabel', { path: shown })} />
        </Suspense>
      )}
    </section>
  );
}
