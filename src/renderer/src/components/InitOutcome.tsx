// What init did: branches created and already there, or why it stopped.

import { useTranslation } from 'react-i18next';
import type { JobFinished } from '../../../shared/types';
import { errorText } from '../errorText';

interface Props {
  finished: JobFinished;
  onDismiss: () => void;
}

export function InitOutcome({ finished, onDismiss }: Props) {
  const { t } = useTranslation();
  const result = finished.kind === 'init' ? finished.result : undefined;
  const cancelled = finished.error?.code === 'CANCELLED';
  const tone = finished.ok ? 'notice-success' : cancelled ? 'notice-info' : 'notice-error';
  return (
    <section className={`notice ${tone} init-outcome`} aria-labelledby="init-outcome-heading" data-testid="init-outcome">
      <div className="notice-text" role={finished.ok ? 'status' : 'alert'}>
        <h2 id="init-outcome-heading" className="notice-title">
          {finished.ok ? t('init.doneTitle') : cancelled ? t('init.cancelledTitle') : t('init.failedTitle')}
        </h2>
        {finished.ok && result && (
          <span>
            {t('init.created', { count: result.createdBranches.length })}{' '}
            {result.existingBranches.length > 0 && `${t('init.existing', { count: result.existingBranches.length })} `}
            {result.manifestCommitted ? t('init.manifestCommitted', { branch: result.workspaceBranch }) : t('init.manifestKept', { branch: result.workspaceBranch })}
          </span>
        )}
        {!finished.ok && finished.error && (
          <span>
            {errorText(finished.error)} <span className="error-code">{t('error.code', { code: finished.error.code })}</span>
          </span>
        )}
      </div>
      <button type="button" className="button" onClick={onDismiss}>
        {t('action.dismiss')}
      </button>
    </section>
  );
}
