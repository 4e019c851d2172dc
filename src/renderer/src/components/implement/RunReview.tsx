// Review of a run waiting for one: the files it changed (one open as a diff against the tip the run started
// from, its right side editable), dropping a file, a follow-up instruction, Discard, and Accept with a message.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImplementRunDetail } from '../../../../shared/types-implement';
import { api, asApiError, type ApiError } from '../../api';
import { useImplementRunsStore } from '../../stores/implementRuns';
import { ErrorNotice } from '../ErrorNotice';
import { AcceptForm } from './AcceptForm';
import { ChangedFileList } from './ChangedFileList';
import { DiscardButton } from './DiscardButton';
import { FollowUpForm } from './FollowUpForm';
import { RunFileDiff } from './RunFileDiff';

export function RunReview({ detail }: { detail: ImplementRunDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(detail.files[0]?.path ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [dropped, setDropped] = useState<string | null>(null);

  // A file dropped or gone from the list closes its diff; the first file opens when none is.
  useEffect(() => {
    if (open && detail.files.some((f) => f.path === open)) return;
    setOpen(detail.files[0]?.path ?? null);
  }, [detail.files, open]);

  const drop = async (path: string) => {
    try {
      useImplementRunsStore.getState().putDetail(await api.dropRunFile({ runId: detail.runId, path }));
      setDropped(path);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const file = detail.files.find((f) => f.path === open);
  return (
    <section className="implement-review" aria-labelledby="review-heading" data-testid="run-review">
      <h3 id="review-heading">{t('implement.review.heading')}</h3>
      <p className="subtle">{t('implement.review.intro', { commit: detail.startTip?.slice(0, 7) ?? '' })}</p>
      {dropped && (
        <p className="notice notice-info" role="status" data-testid="file-dropped">
          {t('implement.review.dropped', { path: dropped })}
        </p>
      )}
      <ErrorNotice error={error} title={t('implement.review.dropFailed')} />
      {detail.files.length === 0 ? (
        <p className="notice notice-warning" data-testid="review-no-files">
          {t('implement.review.noFiles')}
        </p>
      ) : (
        <div className="review-layout">
          <ChangedFileList files={detail.files} open={open} onOpen={setOpen} onDrop={(p) => void drop(p)} />
          {file && <RunFileDiff key={`${detail.runId}:${file.path}:${file.additions}:${file.deletions}:${file.editedByUser ?? false}`} runId={detail.runId} file={file} />}
        </div>
      )}
      <FollowUpForm runId={detail.runId} />
      <AcceptForm detail={detail} />
      <DiscardButton runId={detail.runId} />
    </section>
  );
}
