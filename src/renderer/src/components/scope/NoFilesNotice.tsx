// The flag on a module whose patterns match no file: an agent would have no code to read, so say it before any run.

import { useTranslation } from 'react-i18next';

export function NoFilesNotice({ onEdit }: { onEdit?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" data-testid="no-files-block">
      <div className="notice-text">
        <strong className="notice-title">
          <span aria-hidden="true">⚠ </span>
          {t('files.noneTitle')}
        </strong>
        <span>{t('scope.noneBody')}</span>
      </div>
      {onEdit && (
        <button type="button" className="button" onClick={onEdit}>
          {t('scope.editToFix')}
        </button>
      )}
    </div>
  );
}
