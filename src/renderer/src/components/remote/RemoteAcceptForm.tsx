// Accept a remote run's reviewed change: the module branch moves from the tip the run started from to the review
// commit (compare-and-swap in main) and the review branch is deleted on the remote. Offered only inside the review,
// once its changes were read; a moved branch or a changed review branch comes back as a clear state.

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import { api } from '../../api';
import { useBoardStore } from '../../stores/board';
import { ErrorNotice } from '../ErrorNotice';
import { shortOid } from '../implement/format';
import { REVIEW_PROBLEMS, RemoteReviewProblem } from './RemoteReviewProblem';
import { useRemoteAction } from './useRemoteAction';

export function RemoteAcceptForm({ run, files }: { run: RemoteRun; files: number }) {
  const { t } = useTranslation();
  const { busy, error, act } = useRemoteAction();
  const accept = async () => {
    if (await act(() => api.acceptRemoteRun({ runId: run.runId }))) void useBoardStore.getState().refresh();
  };
  const problem = error && REVIEW_PROBLEMS.has(error.code) ? error : null;
  return (
    <div className="accept-form remote-accept" data-testid="remote-accept-form">
      <p className="hint" id="remote-accept-hint">
        {t('remote.accept.hint', { module: run.moduleId, tip: shortOid(run.tip), commit: shortOid(run.reviewCommit), branch: run.reviewBranch ?? '' })}
      </p>
      {run.check && run.check.state !== 'passed' && run.check.state !== 'not-configured' && (
        <p className="notice notice-warning" data-testid="remote-accept-check-warning">
          {t('implement.accept.checkFailed')}
        </p>
      )}
      {problem ? <RemoteReviewProblem run={run} error={problem} /> : <ErrorNotice error={error} title={t('implement.accept.failed')} />}
      <button type="button" className="button primary" disabled={busy || files === 0} onClick={() => void accept()} aria-describedby="remote-accept-hint" data-testid="remote-accept">
        {busy ? t('implement.accept.accepting') : t('remote.accept.button', { count: files })}
      </button>
    </div>
  );
}
