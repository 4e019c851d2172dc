// Puts the desktop app together: the core, the guarded session, the IPC binding, the menu, the window and updates.
// Everything the user does is in the core; this file only connects Electron to it.

import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createDispatcher } from '../api';
import { createFleetApp } from '../core/app';
import { exitOnSignals, SHUTDOWN_GRACE_MS } from '../shutdown';
import { toErrorPayload } from '../../shared/errors';
import { applyDesktopConventions } from './desktop-conventions';
import { bindContractToIpc, forwardEventsToWindow } from './ipc-binding';
import { createDesktopSecretStore } from './desktop-secrets';
import { createMainLog } from './main-log';
import { createMainWindow } from './main-window';
import { pickFolder, showAbout, showFailure } from './native-dialogs';
import { serveAppProtocol } from './app-protocol';
import { startUpdater, type DesktopUpdater } from './updater';
import { resolveRendererLocation } from './renderer-location';
import { applySessionSecurity } from './session-security';
import { installWebContentsGuard } from './web-contents-guard';
import { loadWindowState, rememberWindowState } from './window-state';

export interface DesktopAppOptions {
  /** The folder of the built main script (out/main); the preload and renderer sit beside it. */
  mainDir: string;
  version: string;
}

/** Starts the desktop app; call once Electron is ready and the single-instance lock is held. */
export async function startDesktopApp(options: DesktopAppOptions): Promise<void> {
  const appDataDir = app.getPath('userData');
  const log = createMainLog(appDataDir);
  const location = resolveRendererLocation(options.mainDir, app.isPackaged);
  const dev = location.kind === 'dev';
  let window: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => window;

  installWebContentsGuard(log);
  applySessionSecurity(session.defaultSession, location);
  if (location.kind === 'app') serveAppProtocol(session.defaultSession, location.rendererDir, log);

  const secrets = await createDesktopSecretStore(appDataDir, log);
  // The desktop app serves a user: batches a quit interrupted resume when their workspace opens again.
  const core = createFleetApp({ appDataDir, transport: 'electron', version: options.version, pickFolder: () => pickFolder(getWindow()), log, secrets, resumeBatches: true });
  const unbindIpc = bindContractToIpc({ dispatcher: createDispatcher(core.handlers, log), getWindow, location, log });
  const stopEvents = forwardEventsToWindow(core, getWindow);

  const openWorkspace = (path: string): void =>
    void core.openWorkspace(path).catch((error: unknown) => showFailure('Could not open the workspace', toErrorPayload(error).message));
  async function openWorkspaceFromMenu(): Promise<void> {
    const path = await pickFolder(getWindow());
    if (path) openWorkspace(path);
  }

  // Set up before the first window so that it gets its title and the menu exists from the start.
  const conventions = applyDesktopConventions({
    core,
    log,
    dev,
    getWindow,
    ensureWindow: () => window ?? openWindow(),
    openWorkspaceDialog: () => void openWorkspaceFromMenu(),
    openWorkspace,
    showAbout: () => void showAbout(getWindow(), options.version),
    showFailure,
  });

  function openWindow(): BrowserWindow {
    const opened = createMainWindow({ preloadPath: join(options.mainDir, '..', 'preload', 'index.cjs'), location, state: loadWindowState(appDataDir), dev });
    window = opened;
    rememberWindowState(opened, appDataDir, log);
    conventions.attachWindow(opened);
    opened.on('closed', () => (window = null));
    return opened;
  }

  // The window opens at once; the renderer learns of the workspace from workspaceChanged when it is ready.
  void core.openStartupWorkspace(process.env.FLEET_WORKSPACE || undefined).catch((error: unknown) => log('could not open a workspace at startup', error));
  openWindow();
  // Never in development or unpackaged runs (update-policy.ts); the menu gets its update item once it is known.
  let updater: DesktopUpdater | null = null;
  void startUpdater({ log, getWindow, onChange: () => conventions.refreshMenu() })
    .then((started) => {
      updater = started;
      conventions.setUpdater(started);
    })
    .catch((error: unknown) => log('could not start the updater', error));

  app.on('second-instance', () => {
    if (!window) return void openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting (the menu, the last window) and SIGTERM/SIGINT both cancel every job and close the workspace first;
  // if that hangs, the app exits anyway after the grace period (src/main/shutdown.ts).
  let disposing: Promise<void> | null = null;
  const disposeCore = (): Promise<void> =>
    (disposing ??= (async () => {
      stopEvents();
      conventions.dispose();
      updater?.dispose();
      unbindIpc();
      await core.dispose().catch((error: unknown) => log('could not close the workspace cleanly', error));
    })());
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    const force = setTimeout(() => app.exit(0), SHUTDOWN_GRACE_MS);
    void disposeCore().finally(() => {
      clearTimeout(force);
      app.quit();
    });
  });
  exitOnSignals({ stop: disposeCore, exit: (code) => app.exit(code), log });
}
