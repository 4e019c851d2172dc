// "Your unsaved changes from 14:02 were restored": shown when a document reopens with its draft.

import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';

interface Props {
  label: string;
  savedAt: string;
  onDiscard: () => void;
  onDismiss: () => void;
}

export function DraftRestoredNotice({ label, savedAt, onDiscard, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-info" data-testid="draft-restored">
      <div className="notice-text">
        <span>{t('editor.draftRestored', { doc: label, time: formatDateTime(savedAt) })}</span>
      </div>
      <button type="button" className="button" onClick={onDiscard}>
        {t('editor.discardDraft')}
      </button>
      <button type="button" className="button" onClick={onDismiss}>
        {t('action.dismiss')}
      </button>
    </div>
  );
}
