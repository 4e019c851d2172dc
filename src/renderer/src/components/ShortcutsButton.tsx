// The header's way to the keyboard shortcuts sheet, for those who do not know about "?".

import { useTranslation } from 'react-i18next';
import { useShortcutsStore } from '../stores/shortcuts';

export function ShortcutsButton() {
  const { t } = useTranslation();
  const setOpen = useShortcutsStore((s) => s.setOpen);
  return (
    <button type="button" className="button" onClick={() => setOpen(true)} aria-keyshortcuts="?" data-testid="shortcuts-button">
      <span aria-hidden="true">⌨ </span>
      {t('shortcuts.button')}
    </button>
  );
}
