// The native menu, kept minimal: open a workspace, quit, editing shortcuts, zoom, about; reload and
// developer tools only in development.

import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openWorkspace: () => void;
  showAbout: () => void;
}

/** Builds and installs the application menu. */
export function installAppMenu(actions: AppMenuActions, dev: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Without an Edit menu, copy and paste shortcuts do not work in text fields on macOS.
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Fleet Control', click: actions.showAbout }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
