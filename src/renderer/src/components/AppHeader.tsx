// The top bar: product name, the open workspace, primary navigation, a busy indicator and the theme.

import { useTranslation } from 'react-i18next';
import { useWorkspaceStore } from '../stores/workspace';
import { BusyIndicator } from './BusyIndicator';
import { MergeNavLink } from './merge/MergeNavLink';
import { DeployNavLink } from './deploy/DeployNavLink';
import { ShortcutsButton } from './ShortcutsButton';
import { ThemeToggle } from './ThemeToggle';

interface Props {
  page: string;
}

export function AppHeader({ page }: Props) {
  const { t } = useTranslation();
  const workspace = useWorkspaceStore((s) => s.workspace);
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="3" y="3" width="7" height="7" rx="1.5" />
          <rect x="14" y="3" width="7" height="7" rx="1.5" />
          <rect x="3" y="14" width="7" height="7" rx="1.5" />
          <rect x="14" y="14" width="7" height="7" rx="1.5" />
        </svg>
        <span>{t('app.name')}</span>
      </a>
      {workspace && (
        <span className="header-workspace" title={workspace.path}>
          <span className="visually-hidden">{t('header.workspace')} </span>
          <span className="header-workspace-name">{workspace.name}</span>
          {workspace.isDemo && <span className="tag">{t('header.demo')}</span>}
        </span>
      )}
      <nav className="header-nav" aria-label={t('header.navLabel')}>
        {workspace && (
          <a href="#/" aria-current={page === 'board' ? 'page' : undefined}>
            {t('header.board')}
          </a>
        )}
        {workspace?.initialised && (
          <a href="#/workspace-docs" aria-current={page === 'workspace-docs' ? 'page' : undefined}>
            {t('header.workspaceDocs')}
          </a>
        )}
        {workspace?.initialised && <MergeNavLink current={page === 'merge'} />}
        {workspace?.initialised && <DeployNavLink current={page === 'deploy'} />}
        {workspace && (
          <a href="#/settings/remotes" aria-current={page === 'settings-remotes' ? 'page' : undefined}>
            {t('remotes.headerLink')}
          </a>
        )}
        {workspace && (
          <a href="#/runs" aria-current={page === 'agent-runs' ? 'page' : undefined}>
            {t('agents.navRuns')}
          </a>
        )}
        {workspace && (
          <a href="#/settings/agents" aria-current={page === 'agent-settings' ? 'page' : undefined}>
            {t('agents.nav')}
          </a>
        )}
        <a href="#/workspaces" aria-current={page === 'start' ? 'page' : undefined}>
          {t('header.workspaces')}
        </a>
      </nav>
      <span className="header-spacer" />
      <BusyIndicator />
      <ShortcutsButton />
      <ThemeToggle />
    </header>
  );
}
