// The header's link to the Deploy screen, and its shortcut: D anywhere outside a text field.

import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../../hooks/useKeyboardShortcut';
import { useRouteStore } from '../../stores/route';

export const DEPLOY_SHORTCUT = 'd';

export function DeployNavLink({ current }: { current: boolean }) {
  const { t } = useTranslation();
  useKeyboardShortcut(DEPLOY_SHORTCUT, () => {
    // Not behind an open dialog: the key belongs to it.
    if (document.querySelector('dialog[open]')) return false;
    useRouteStore.getState().navigate({ page: 'deploy', environment: null });
  });
  return (
    <a href="#/deploy" aria-current={current ? 'page' : undefined} aria-keyshortcuts="D" data-testid="deploy-nav">
      {t('deploy.nav')}
    </a>
  );
}
