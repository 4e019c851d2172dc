// The header's link to the merge screen, and its shortcut: M anywhere outside a text field.

import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import { useRouteStore } from '../../stores/route';

export const MERGE_SHORTCUT = 'm';

export function MergeNavLink({ current }: { current: boolean }) {
  const { t } = useTranslation();
  useKeyboardShortcut(MERGE_SHORTCUT, () => {
    // Not behind an open dialog: the key belongs to it.
    if (document.querySelector('dialog[open]')) return false;
    useRouteStore.getState().navigate({ page: 'merge' });
  });
  return (
    <a href="#/merge" aria-current={current ? 'page' : undefined} aria-keyshortcuts="M" data-testid="merge-nav">
      {t('merges.nav')}
    </a>
  );
}
