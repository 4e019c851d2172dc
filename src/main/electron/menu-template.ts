// The native menu as data: the app's main actions with their accelerators, the recent workspaces, the repository's
// folder, updates. Pure (only electron's types), so what each platform gets is unit-tested without a binary.

import type { MenuItemConstructorOptions } from 'electron';
import type { RecentWorkspace, WorkspaceSummary } from '../../shared/types';
import type { MenuRoute } from './menu-navigation';
import { APP_NAME } from './window-title';

export interface MenuActions {
  openWorkspace: () => void;
  openRecent: (path: string) => void;
  navigate: (route: MenuRoute) => void;
  showShortcuts: () => void;
  revealRepository: () => void;
  checkForUpdates: () => void;
  showAbout: () => void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  dev: boolean;
  workspace: Pick<WorkspaceSummary, 'path' | 'initialised'> | null;
  recent: RecentWorkspace[];
  /** Whether "Check for Updates…" is offered (packaged builds with a feed only) and its label now. */
  updates: { available: boolean; label: string; enabled: boolean };
}

/** Recent workspaces shown in the submenu. */
export const RECENT_LIMIT = 10;

/** "Reveal in Finder" on macOS, "Show in Explorer" on Windows, "Show in File Manager" on Linux. */
export function revealLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Reveal Repository in Finder';
  if (platform === 'win32') return 'Show Repository in Explorer';
  return 'Show Repository in File Manager';
}

/** The whole application menu for `state`; `actions` are what each item does. */
export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = state.platform === 'darwin';
  const open = state.workspace !== null;
  const updates: MenuItemConstructorOptions[] = state.updates.available ? [{ id: 'check-for-updates', label: state.updates.label, enabled: state.updates.enabled, click: actions.checkForUpdates }] : [];
  const settings: MenuItemConstructorOptions = { id: 'settings', label: isMac ? 'Settings…' : '&Settings…', accelerator: 'CmdOrCtrl+,', enabled: open, click: () => actions.navigate('settings') };
  const recent = state.recent.slice(0, RECENT_LIMIT);
  return [
    ...(isMac
      ? [
          {
            label: APP_NAME,
            submenu: [
              { label: `About ${APP_NAME}`, click: actions.showAbout },
              ...updates,
              { type: 'separator' as const },
              settings,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: '&File',
      submenu: [
        { id: 'open-workspace', label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.map((entry) => ({ label: `${entry.name} — ${entry.path}`, click: () => actions.openRecent(entry.path) })),
        },
        // No accelerator: Cmd/Ctrl+Shift+O is the editor's "go to heading" in Monaco.
        { label: 'Workspaces', click: () => actions.navigate('workspaces') },
        { type: 'separator' },
        { id: 'reveal-repository', label: revealLabel(state.platform), accelerator: 'CmdOrCtrl+Shift+F', enabled: open, click: actions.revealRepository },
        ...(isMac ? [] : [{ type: 'separator' as const }, settings]),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Without an Edit menu, copy and paste shortcuts do not work in text fields on macOS.
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { id: 'board', label: 'Board', accelerator: 'CmdOrCtrl+Shift+B', enabled: open, click: () => actions.navigate('board') },
        { id: 'merge', label: 'Merge', accelerator: 'CmdOrCtrl+Shift+M', enabled: open && state.workspace?.initialised === true, click: () => actions.navigate('merge') },
        { id: 'runs', label: 'Runs', accelerator: 'CmdOrCtrl+Shift+R', enabled: open, click: () => actions.navigate('runs') },
        { id: 'remotes', label: 'Remotes', enabled: open, click: () => actions.navigate('remotes') },
        { type: 'separator' },
        ...(state.dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        // The page's own "?" opens the sheet; Cmd/Ctrl+/ is the editor's comment toggle, so the item has no accelerator.
        { id: 'shortcuts', label: 'Keyboard Shortcuts', click: actions.showShortcuts },
        ...(isMac ? [] : [{ type: 'separator' as const }, ...updates, { label: `About ${APP_NAME}`, click: actions.showAbout }]),
      ],
    },
  ];
}
