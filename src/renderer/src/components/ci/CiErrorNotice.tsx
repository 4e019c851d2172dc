// Why CI could not be read, as main's error names it (missing token or permission, rate limit and until when, the
// repository not found), with the way to Remotes where a token fixes it and, when an older answer is still shown,
// when that was. No remote, or a host Fleet Control does not read, is one quiet line: nothing is broken there.

import { useTranslation } from 'react-i18next';
import type { CiSnapshot } from '../../../../shared/types-ci';
import { ApiError } from '../../api';
import { formatTime } from '../../format';
import { ErrorNotice } from '../ErrorNotice';

/** Errors that only say CI is not available here; they are not something to fix now. */
export const QUIET_CI_ERRORS = new Set(['REMOTE_NOT_FOUND', 'UNSUPPORTED']);
const TOKEN_ERRORS = new Set(['TOKEN_MISSING', 'AUTH_FAILED', 'PERMISSION_DENIED']);

export function CiErrorNotice({ snapshot, testId }: { snapshot: CiSnapshot; testId: string }) {
  const { t } = useTranslation();
  const error = snapshot.error;
  if (!error) return null;
  if (QUIET_CI_ERRORS.has(error.code)) {
    return (
      <p className="subtle ci-quiet" data-testid={testId} data-code={error.code}>
        {t('ci.error.quiet', { message: error.message })}
      </p>
    );
  }
  const remote = snapshot.remote;
  return (
    <div className="ci-error" data-testid={testId} data-code={error.code}>
      <ErrorNotice error={new ApiError(error.code, error.message, error.data)} title={remote ? t('ci.error.title', { remote }) : t('ci.error.titleNoRemote')} />
      {TOKEN_ERRORS.has(error.code) && (
        <p className="ci-error-next">
          <a href="#/settings/remotes">{t('ci.error.remotes')}</a>
        </p>
      )}
      {snapshot.status && <p className="subtle">{t('ci.error.stale', { remote: snapshot.status.remote, time: formatTime(snapshot.status.readAt) })}</p>}
    </div>
  );
}
