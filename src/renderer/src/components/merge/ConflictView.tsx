// The three-way view of one conflicting path, read-only: what the target changed since the merge base, what
// the module changed, and git's line merge with its conflict markers. Loaded lazily (it brings Monaco).

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ThreeWayFile } from '../../../../shared/types-merge';
import { useMergeRunStore, type ConflictState } from '../../stores/mergeRun';
import { DiffLabels } from '../DiffLabels';
import { DocDiffEditor } from '../DocDiffEditor';
import { ErrorNotice } from '../ErrorNotice';
import { MergedText } from './MergedText';
import '../../styles/editor.css';
import './merge-conflict.css';

export default function ConflictView({ conflict }: { conflict: ConflictState }) {
  const { t } = useTranslation();
  const close = useMergeRunStore((s) => s.closeConflict);
  const reopen = useMergeRunStore((s) => s.openConflict);
  const { moduleId, path, targetBranch, file } = conflict;
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from a list or by a stopped merge: bring it into view and put the reader at its heading.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <section className="merge-section conflict-view" aria-labelledby="conflict-heading" data-testid="conflict-view" data-path={path}>
      <div className="section-head">
        <h2 id="conflict-heading" tabIndex={-1} ref={heading}>
          {t('merges.conflict.heading', { path: displayPath(path), module: moduleId, branch: targetBranch })}
        </h2>
        <button type="button" className="button" onClick={close}>
          {t('action.close')}
        </button>
      </div>
      {conflict.loading && <p className="subtle">{t('merges.conflict.loading')}</p>}
      <ErrorNotice error={conflict.error} title={t('merges.conflict.failed')} onRetry={() => void reopen(moduleId, path)} />
      {file && <ThreeSides file={file} moduleId={moduleId} targetBranch={targetBranch} />}
    </section>
  );
}

function ThreeSides({ file, moduleId, targetBranch }: { file: ThreeWayFile; moduleId: string; targetBranch: string }) {
  const { t } = useTranslation();
  if (file.binary) return <p className="notice notice-info">{t('merges.conflict.binary')}</p>;
  const id = `${moduleId}-${file.path}`.replace(/[^a-z0-9]/gi, '-');
  const side = (text: string | null, label: string) => ({ label: text === null ? t('merges.conflict.noFile', { side: label }) : label, text: text ?? '' });
  const base = side(file.base, t('merges.conflict.base'));
  const ours = side(file.ours, t('merges.conflict.ours', { branch: targetBranch }));
  const theirs = side(file.theirs, t('merges.conflict.theirs', { module: moduleId }));

  return (
    <>
      <p className="subtle">{t('merges.conflict.explain', { branch: targetBranch, module: moduleId })}</p>
      <h3>{t('merges.conflict.oursHeading', { branch: targetBranch })}</h3>
      <DiffLabels original={base.label} modified={ours.label} />
      <DocDiffEditor key={`ours-${id}`} id={`conflict-ours-${id}`} original={base} modified={ours} testId="conflict-ours" />
      <h3>{t('merges.conflict.theirsHeading', { module: moduleId })}</h3>
      <DiffLabels original={base.label} modified={theirs.label} />
      <DocDiffEditor key={`theirs-${id}`} id={`conflict-theirs-${id}`} original={base} modified={theirs} testId="conflict-theirs" />
      <h3 id="conflict-merged-heading">{t('merges.conflict.mergedHeading')}</h3>
      {file.merged === null ? <p className="subtle">{t('merges.conflict.noMerged')}</p> : <MergedText text={file.merged} labelledBy="conflict-merged-heading" />}
    </>
  );
}
