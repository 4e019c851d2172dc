// The native menu each platform gets: the app's main actions with their accelerators, the recent workspaces, the
// repository revealed in the platform's file manager, the update item only where updates are on.

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, RECENT_LIMIT, revealLabel, type MenuActions, type MenuState } from '../../../src/main/electron/menu-template';
import { navigationScript, MENU_ROUTES } from '../../../src/main/electron/menu-navigation';

function recorder(): { actions: MenuActions; calls: string[] } {
  const calls: string[] = [];
  const actions: MenuActions = {
    openWorkspace: () => calls.push('openWorkspace'),
    openRecent: (path) => calls.push(`openRecent ${path}`),
    navigate: (route) => calls.push(`navigate ${route}`),
    showShortcuts: () => calls.push('showShortcuts'),
    revealRepository: () => calls.push('revealRepository'),
    checkForUpdates: () => calls.push('checkForUpdates'),
    showAbout: () => calls.push('showAbout'),
  };
  return { actions, calls };
}

const state = (overrides: Partial<MenuState> = {}): MenuState => ({
  platform: 'linux',
  dev: false,
  workspace: { path: '/repos/fleetops', initialised: true },
  recent: [
    { path: '/repos/fleetops', name: 'fleetops' },
    { path: '/repos/other', name: 'other' },
  ] as MenuState['recent'],
  updates: { available: true, label: 'Check for Updates…', enabled: true },
  ...overrides,
});

/** Every item of the menu, depth first, with its top-level menu's label. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((item) => item.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

describe('menuTemplate', () => {
  it('offers the main actions with their accelerators, each doing what it says', () => {
    const { actions, calls } = recorder();
    const template = menuTemplate(state(), actions);
    const expected: [string, string | undefined, string][] = [
      ['Open Workspace…', 'CmdOrCtrl+O', 'openWorkspace'],
      ['Workspaces', undefined, 'navigate workspaces'],
      ['Board', 'CmdOrCtrl+Shift+B', 'navigate board'],
      ['Merge', 'CmdOrCtrl+Shift+M', 'navigate merge'],
      ['Runs', 'CmdOrCtrl+Shift+R', 'navigate runs'],
      ['&Settings…', 'CmdOrCtrl+,', 'navigate settings'],
      ['Keyboard Shortcuts', undefined, 'showShortcuts'],
      ['Show Repository in File Manager', 'CmdOrCtrl+Shift+F', 'revealRepository'],
      ['Check for Updates…', undefined, 'checkForUpdates'],
    ];
    for (const [label, accelerator, call] of expected) {
      const item = byLabel(template, label);
      expect(item?.accelerator, label).toBe(accelerator);
      click(item);
      expect(calls.at(-1)).toBe(call);
    }
    const accelerators = items(template).flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    // Keys the page's editor (Monaco) or its own shortcuts use are left to the page.
    for (const taken of ['CmdOrCtrl+S', 'CmdOrCtrl+F', 'CmdOrCtrl+M', 'CmdOrCtrl+/', 'CmdOrCtrl+Shift+O', 'CmdOrCtrl+Shift+D', 'CmdOrCtrl+Shift+P']) expect(accelerators).not.toContain(taken);
  });

  it('lists the recent workspaces, newest first and at most ten, opening the one chosen', () => {
    const { actions, calls } = recorder();
    const many = Array.from({ length: 14 }, (_, i) => ({ path: `/repos/r${i}`, name: `r${i}` })) as MenuState['recent'];
    const recent = byLabel(menuTemplate(state({ recent: many }), actions), 'Open Recent');
    const entries = recent?.submenu as MenuItemConstructorOptions[];
    expect(entries).toHaveLength(RECENT_LIMIT);
    expect(entries[0]?.label).toBe('r0 — /repos/r0');
    click(entries[1]);
    expect(calls).toEqual(['openRecent /repos/r1']);
    expect(byLabel(menuTemplate(state({ recent: [] }), actions), 'Open Recent')?.enabled).toBe(false);
  });

  it('disables what needs a workspace while none is open, and Merge before the workspace is initialised', () => {
    const { actions } = recorder();
    const none = menuTemplate(state({ workspace: null }), actions);
    for (const label of ['Board', 'Merge', 'Runs', 'Show Repository in File Manager', '&Settings…']) expect(byLabel(none, label)?.enabled, label).toBe(false);
    expect(byLabel(none, 'Open Workspace…')?.enabled).toBeUndefined();
    const fresh = menuTemplate(state({ workspace: { path: '/r', initialised: false } }), actions);
    expect(byLabel(fresh, 'Merge')?.enabled).toBe(false);
    expect(byLabel(fresh, 'Board')?.enabled).toBe(true);
  });

  it("follows macOS's layout: the app menu with About, updates and Settings, Reveal in Finder, Close instead of Quit", () => {
    const { actions } = recorder();
    const template = menuTemplate(state({ platform: 'darwin' }), actions);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(template[0]?.label).toBe('Fleet Control');
    expect(appMenu.map((item) => item.label ?? item.role ?? item.type).slice(0, 5)).toEqual(['About Fleet Control', 'Check for Updates…', 'separator', 'Settings…', 'separator']);
    expect(appMenu.some((item) => item.role === 'quit')).toBe(true);
    expect(byLabel(template, 'Reveal Repository in Finder')).toBeDefined();
    const file = template.find((item) => item.label === '&File')?.submenu as MenuItemConstructorOptions[];
    expect(file.some((item) => item.role === 'close')).toBe(true);
    expect(revealLabel('win32')).toBe('Show Repository in Explorer');
  });

  it('has no update item where updates are off, shows its progress label, and keeps developer tools to development', () => {
    const { actions } = recorder();
    expect(byLabel(menuTemplate(state({ updates: { available: false, label: 'Check for Updates…', enabled: true } }), actions), 'Check for Updates…')).toBeUndefined();
    expect(byLabel(menuTemplate(state({ updates: { available: true, label: 'Downloading Update 1.2.0…', enabled: false } }), actions), 'Downloading Update 1.2.0…')?.enabled).toBe(false);
    expect(items(menuTemplate(state(), actions)).some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(items(menuTemplate(state({ dev: true }), actions)).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});

describe('navigationScript', () => {
  it("sets the page's hash route to a fixed route, quoted", () => {
    expect(navigationScript('merge')).toBe('location.hash = "#/merge"');
    expect(Object.values(MENU_ROUTES).every((hash) => hash.startsWith('#/'))).toBe(true);
  });
});
