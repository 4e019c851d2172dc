// Installs the native menu (menu-template.ts) and builds it again whenever what it shows changes: the open
// workspace, the recent workspaces, the update item.

import { Menu } from 'electron';
import { menuTemplate, type MenuActions, type MenuState } from './menu-template';

/** Builds and installs the application menu for `state`. */
export function installAppMenu(state: MenuState, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(state, actions)));
}
