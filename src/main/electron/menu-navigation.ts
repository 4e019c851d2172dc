// How a menu item reaches the page: the renderer routes by the URL hash (#/merge, #/runs, ...), so main sets the hash
// (an in-page navigation, which the navigation guard does not block) or presses the header's own button.

/** The screens the menu opens and their routes (src/renderer/src/lib/route.ts). */
export const MENU_ROUTES = {
  board: '#/',
  merge: '#/merge',
  runs: '#/runs',
  settings: '#/settings/agents',
  remotes: '#/settings/remotes',
  workspaces: '#/workspaces',
} as const;

export type MenuRoute = keyof typeof MENU_ROUTES;

/** The script that moves the page to `route`: only our fixed hashes ever go in, quoted as JSON. */
export function navigationScript(route: MenuRoute): string {
  return `location.hash = ${JSON.stringify(MENU_ROUTES[route])}`;
}

/** The script that opens the keyboard shortcuts sheet, as the header's button does. */
export const SHOW_SHORTCUTS_SCRIPT = `document.querySelector('[data-testid="shortcuts-button"]')?.click()`;
