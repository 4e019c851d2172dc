// Review of a remote run's change, like a local run's: main fetches the review branch and lists the review commit's
// files against the tip the run started from; one opens in the Monaco diff; then Accept or Discard. Nothing is
// offered for accepting before the files were read (main refuses it too).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteRun, RemoteRunChanges } from '../../../../shared/types-remote';
import { api, asApiError, type ApiError } from '../../api';
import { useRemoteBatchStore } from '../../stores/remoteBatch';
import { ErrorNotice } from '../ErrorNotice';
import { ChangedFileList } from '../implement/ChangedFileList';
import { DiscardButton } from '../implement/DiscardButton';
import { shortOid } from '../implement/format';
import { RemoteAcceptForm } from './RemoteAcceptForm';
import { RemoteFileDiff } from './RemoteFileDiff';
import { REVIEW_PROBLEMS, RemoteReviewProblem } from './RemoteReviewProblem';

export function RemoteRunReview({ run }: { run: RemoteRun }) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState<RemoteRunChanges | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = () => {
    setError(null);
    api.getRemoteRunChanges({ runId: run.runId }).then(
      (c) => {
        setChanges(c);
        setOpen((o) => (o && c.files.some((f) => f.path === o) ? o : (c.files.find((f) => f.kind === 'code') ?? c.files[0])?.path ?? null));
      },
      (e) => setError(asApiError(e)),
    );
  };
  useEffect(load, [run.runId, run.reviewCommit]);

  const discard = async () => {
    useRemoteBatchStore.getState().putRun(await api.discardRemoteRun({ runId: run.runId }));
  };
  const file = changes?.files.find((f) => f.path === open);
  return (
    <section className="implement-review" aria-labelledby="remote-review-heading" data-testid="remote-review">
      <h3 id="remote-review-heading">{t('implement.review.heading')}</h3>
      {error && REVIEW_PROBLEMS.has(error.code) ? <RemoteReviewProblem run={run} error={error} /> : <ErrorNotice error={error} title={t('remote.review.loadFailed')} onRetry={load} />}
      {!changes && !error && <p className="subtle">{t('remote.review.fetching', { branch: run.reviewBranch ?? '' })}</p>}
      {changes && (
        <>
          <p className="subtle">{t('remote.review.intro', { commit: shortOid(changes.reviewCommit), tip: shortOid(changes.tip), branch: changes.reviewBranch })}</p>
          {changes.files.length === 0 ? (
            <p className="notice notice-warning" data-testid="review-no-files">
              {t('implement.review.noFiles')}
            </p>
          ) : (
            <div className="review-layout">
              <ChangedFileList files={changes.files} open={open} onOpen={setOpen} />
              {file && <RemoteFileDiff key={`${changes.reviewCommit}:${file.path}`} runId={run.runId} tip={changes.tip} commit={changes.reviewCommit} file={file} />}
            </div>
          )}
          <RemoteAcceptForm run={run} files={changes.files.length} />
        </>
      )}
      <DiscardButton runId={run.runId} discard={discard} question={t('remote.discard.question', { branch: run.reviewBranch ?? '' })} />
    </section>
  );
}
