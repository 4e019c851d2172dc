// Confirms a saved pattern list: the commit on the workspace branch it made (or that nothing changed).

import { useTranslation } from 'react-i18next';
import type { SavedPatterns } from '../../../../shared/types-scope';

export function SavedPatternsNotice({ saved }: { saved: SavedPatterns }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice-success" role="status" data-testid="patterns-saved">
      {saved.commit
        ? t('scope.saved', { commit: saved.commit.slice(0, 8), branch: saved.workspaceBranch })
        : t('scope.unchanged')}
    </p>
  );
}
