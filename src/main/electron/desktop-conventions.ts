// What makes the window behave like a desktop app beyond the page: the menu kept current (recent workspaces, the
// update item), the title naming the workspace, the repository revealed in Finder/Explorer, menu items that move the
// page, and the dock/taskbar progress while jobs run.

import { shell, type BrowserWindow } from 'electron';
import type { FleetApp } from '../core/app';
import type { WorkspaceSummary } from '../../shared/types';
import { installAppMenu } from './app-menu';
import { JobProgressBar } from './job-progress';
import type { MainLog } from './main-log';
import { navigationScript, SHOW_SHORTCUTS_SCRIPT, type MenuRoute } from './menu-navigation';
import type { DesktopUpdater } from './updater';
import { windowTitle } from './window-title';

export interface ConventionsOptions {
  core: Pick<FleetApp, 'onEvent' | 'handlers'>;
  log: MainLog;
  dev: boolean;
  getWindow: () => BrowserWindow | null;
  /** Opens the window when there is none (macOS keeps the app running without one). */
  ensureWindow: () => BrowserWindow;
  openWorkspaceDialog: () => void;
  openWorkspace: (path: string) => void;
  showAbout: () => void;
  showFailure: (title: string, message: string) => void;
}

export interface DesktopConventions {
  /** Gives the menu its update item (the updater starts after the window). */
  setUpdater: (updater: DesktopUpdater) => void;
  /** Builds the menu again (the update item's label changed). */
  refreshMenu: () => void;
  /** Takes over a new window's title and progress bar. */
  attachWindow: (window: BrowserWindow) => void;
  dispose: () => void;
}

/** Wires the menu, title, reveal and progress bar to the core's events. */
export function applyDesktopConventions(options: ConventionsOptions): DesktopConventions {
  const { core, log } = options;
  let workspace: WorkspaceSummary | null = null;
  let updater: DesktopUpdater | null = null;
  const progress = new JobProgressBar();

  function runInPage(script: string): void {
    const window = options.ensureWindow();
    const run = (): void => void window.webContents.executeJavaScript(script).catch((error: unknown) => log('a menu action could not reach the page', error));
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', run);
    else run();
  }

  function revealRepository(): void {
    if (!workspace) return;
    const path = workspace.path;
    void shell.openPath(path).then((error) => {
      if (error) options.showFailure('Could not show the repository', `${path}: ${error}`);
    });
  }

  async function rebuildMenu(): Promise<void> {
    const recent = await core.handlers.listRecentWorkspaces({}).catch((error: unknown) => {
      log('could not read the recent workspaces for the menu', error);
      return [];
    });
    const item = updater?.menuItem() ?? { label: '', enabled: false };
    installAppMenu(
      { platform: process.platform, dev: options.dev, workspace, recent, updates: { available: updater?.available === true, label: item.label, enabled: item.enabled } },
      {
        openWorkspace: options.openWorkspaceDialog,
        openRecent: options.openWorkspace,
        navigate: (route: MenuRoute) => runInPage(navigationScript(route)),
        showShortcuts: () => runInPage(SHOW_SHORTCUTS_SCRIPT),
        revealRepository,
        checkForUpdates: () => updater?.onMenuClick(),
        showAbout: options.showAbout,
      },
    );
  }
  const refreshMenu = (): void => void rebuildMenu().catch((error: unknown) => log('could not build the menu', error));

  function decorateWindow(window: BrowserWindow): void {
    window.setTitle(windowTitle(workspace));
    if (process.platform === 'darwin') window.setRepresentedFilename(workspace?.path ?? '');
    window.setProgressBar(progress.value());
  }

  const setProgress = (value: number): void => {
    const window = options.getWindow();
    if (window && !window.isDestroyed()) window.setProgressBar(value);
  };
  const stopEvents = core.onEvent((event, payload) => {
    if (event === 'workspaceChanged') {
      workspace = payload as WorkspaceSummary | null;
      const window = options.getWindow();
      if (window && !window.isDestroyed()) decorateWindow(window);
      refreshMenu();
    } else if (event === 'jobProgress') {
      setProgress(progress.progress(payload as { jobId: string; done: number; total: number }));
    } else if (event === 'jobFinished') {
      setProgress(progress.finished(payload as { jobId: string }));
    }
  });

  refreshMenu();
  return {
    setUpdater: (next) => {
      updater = next;
      refreshMenu();
    },
    refreshMenu,
    attachWindow: (window) => {
      // The title is ours (the workspace), not the page's <title>.
      window.on('page-title-updated', (event) => event.preventDefault());
      decorateWindow(window);
    },
    dispose: stopEvents,
  };
}
