// A deploy error as the user sees it: main's sentence (which names the permission, the workflow, the time to wait),
// its code, and what to do about it; a token problem links to the remotes settings where tokens are kept.

import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api';
import { errorText } from '../../errorText';

/** Codes with advice of their own under deploy.errorHint. */
const HINTED = new Set([
  'TOKEN_MISSING',
  'AUTH_FAILED',
  'PERMISSION_DENIED',
  'WORKFLOW_NOT_FOUND',
  'WORKFLOW_NOT_DISPATCHABLE',
  'REF_NOT_FOUND',
  'RATE_LIMITED',
  'RUN_NOT_STARTED',
  'PIPELINE_NOT_FOUND',
  'ORGANIZATION_NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'CONFIRMATION_REQUIRED',
  'BRANCH_MOVED',
  'DEPLOY_RUNNING',
  'ENVIRONMENT_NOT_FOUND',
  'REMOTE_NOT_FOUND',
  'COMMAND_NOT_TRUSTED',
]);
const TOKEN_CODES = new Set(['TOKEN_MISSING', 'AUTH_FAILED', 'PERMISSION_DENIED', 'REMOTE_NOT_FOUND']);

interface Props {
  error: ApiError | { code: string; message: string } | null;
  title?: string;
  onRetry?: () => void;
}

export function DeployError({ error, title, onRetry }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="deploy-error" data-code={error.code}>
      <div className="notice-text">
        {title && <strong className="notice-title">{title}</strong>}
        <span>{errorText(error)}</span>
        {HINTED.has(error.code) && <span data-testid="deploy-error-hint">{t(`deploy.errorHint.${error.code}`)}</span>}
        {TOKEN_CODES.has(error.code) && <a href="#/settings/remotes">{t('deploy.errorHint.remotesLink')}</a>}
        <span className="error-code">{t('error.code', { code: error.code })}</span>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}
