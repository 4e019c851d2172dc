// Why a remote run's change cannot be reviewed or accepted, as a clear state with what to do: the module branch
// moved since the run started (BRANCH_MOVED), the review branch was deleted (REVIEW_BRANCH_GONE) or pushed to by
// someone else (REVIEW_BRANCH_FORCE_PUSHED), or the run left no readable record (RUNNER_RECORD_MISSING).

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import type { ApiError } from '../../api';
import { useImplementDialogStore } from '../../stores/implementDialog';
import { shortOid } from '../implement/format';

export const REVIEW_PROBLEMS = new Set(['BRANCH_MOVED', 'REVIEW_BRANCH_GONE', 'REVIEW_BRANCH_FORCE_PUSHED', 'RUNNER_RECORD_MISSING']);

export function RemoteReviewProblem({ run, error }: { run: RemoteRun; error: ApiError }) {
  const { t } = useTranslation();
  const data = error.data ?? {};
  const actual = typeof data.actual === 'string' ? data.actual : typeof data.remoteTip === 'string' ? data.remoteTip : null;
  const facts = { module: run.moduleId, branch: run.reviewBranch ?? '', tip: shortOid(run.tip), now: shortOid(actual), commit: shortOid(run.reviewCommit), remote: run.remote };
  const key = error.code === 'BRANCH_MOVED' ? 'moved' : error.code === 'REVIEW_BRANCH_GONE' ? 'gone' : error.code === 'REVIEW_BRANCH_FORCE_PUSHED' ? 'forcePushed' : 'recordMissing';
  return (
    <div className="notice notice-warning remote-problem" role="alert" data-testid="remote-review-problem" data-code={error.code}>
      <div className="notice-text">
        <strong className="notice-title">{t(`remote.problem.${key}.title`, facts)}</strong>
        <span>{t(`remote.problem.${key}.what`, facts)}</span>
        <span>{t(`remote.problem.${key}.todo`, facts)}</span>
        <span className="error-code">{t('error.code', { code: error.code })}</span>
      </div>
      <button type="button" className="button" onClick={() => useImplementDialogStore.getState().show({ modules: [run.moduleId], fixed: true })} data-testid="remote-run-again">
        {t('remote.problem.runAgain')}
      </button>
    </div>
  );
}
