// Saving found the workspace branch moved since the edit began: say so and offer to reload its manifest.

import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api';
import { errorText } from '../../errorText';

export function BranchMovedNotice({ error, onReload }: { error: ApiError; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="alert" data-testid="patterns-branch-moved">
      <div className="notice-text">
        <strong className="notice-title">{t('scope.movedTitle')}</strong>
        <span>{errorText(error)}</span>
      </div>
      <button type="button" className="button" onClick={onReload}>
        {t('scope.reload')}
      </button>
    </div>
  );
}
