// A remote run's state as a tag (queued, dispatched, running, done, failed, cancelled, timed out, skipped), with what
// happened to its change once done (waiting for review, accepted, discarded, no change), or a check's verdict.

import { useTranslation } from 'react-i18next';
import type { RemoteRun } from '../../../../shared/types-remote';
import { remoteCheckVerdict } from '../checks/remoteCheckView';
import { remoteStateClass } from './remoteView';

export function RemoteRunState({ run }: { run: RemoteRun }) {
  const { t } = useTranslation();
  const verdict = run.kind === 'check' && run.state === 'done' ? remoteCheckVerdict(run) : null;
  const after = run.state !== 'done' || verdict ? null : run.review ? t(`remote.review.${run.review}`) : run.outcome === 'no-change' ? t('remote.review.noChange') : null;
  return (
    <>
      <span className={`tag state-${remoteStateClass(run.state)}`} data-testid="remote-run-state" data-state={run.state}>
        {t(`remote.state.${run.state}`)}
      </span>
      {after && (
        <span className="tag" data-testid="remote-run-review-state" data-review={run.review ?? 'none'}>
          {after}
        </span>
      )}
      {verdict && (
        <span className={`tag state-${verdict === 'passed' ? 'succeeded' : 'failed'}`} data-testid="remote-run-check" data-state={verdict}>
          {t(`checks.state.${verdict}`)}
        </span>
      )}
      {run.attempt > 1 && <span className="subtle"> {t('remote.run.attempt', { n: run.attempt })}</span>}
    </>
  );
}
