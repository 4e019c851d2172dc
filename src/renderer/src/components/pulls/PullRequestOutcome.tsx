// What the last "Open pull request" did for a module: opened (or found) one, a push in progress, or the error,
// with "Push <branch> to <remote>" when GitHub does not have the branch yet.

import { useTranslation } from 'react-i18next';
import { usePullsStore } from '../../stores/pulls';
import { ErrorNotice } from '../ErrorNotice';

interface Props {
  moduleId: string;
  branch: string;
  remote: string;
  target: string | undefined;
}

export function PullRequestOutcome({ moduleId, branch, remote, target }: Props) {
  const { t } = useTranslation();
  const outcome = usePullsStore((s) => s.outcome[moduleId]);
  const error = usePullsStore((s) => s.errors[moduleId]);
  const busy = usePullsStore((s) => s.busy[moduleId]);
  const needsPush = error?.code === 'BRANCH_NOT_PUSHED' && error.data?.role === 'head' && error.data?.remote === remote;

  return (
    <>
      <p className="pull-status" role="status" data-testid="pull-status">
        {busy === 'pushing' && t('pulls.pushing', { branch, remote })}
        {!busy && outcome && t(outcome.outcome === 'created' ? 'pulls.created' : 'pulls.existed', { number: outcome.pull.number })}
      </p>
      <ErrorNotice error={error ?? null} title={t('pulls.openFailed')} />
      {needsPush && !busy && (
        <button type="button" className="button" onClick={() => void usePullsStore.getState().pushThenOpen(moduleId, branch, remote, target)} data-testid="push-then-open">
          {t('pulls.pushFirst', { branch, remote })}
        </button>
      )}
    </>
  );
}
