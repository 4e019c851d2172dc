// An error from main as the user sees it: its message, its stable code, and a retry when one makes sense.

import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';
import { errorText } from '../errorText';

interface Props {
  error: ApiError | null;
  title?: string;
  onRetry?: () => void;
  id?: string;
}

export function ErrorNotice({ error, title, onRetry, id }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <div className="notice-text">
        {title && <strong className="notice-title">{title}</strong>}
        <span>{errorText(error)}</span>
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
