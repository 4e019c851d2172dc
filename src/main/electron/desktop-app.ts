// Puts the desktop app together: the core, the guarded session, the IPC binding, the menu and the window.
// Everything the user does is in the core; this file only connects Electron to it.

import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createDispatcher } from '../api';
import { createFleetApp } from '../core/app';
import { exitOnSignals, SHUTDOWN_GRACE_MS } from '../shutdown';
import { toErrorPayload } from '../../shared/errors';
import { installAppMenu } from './app-menu';
import { bindContractToIpc, forwardEventsToWindow } from './ipc-binding';
import { createDesktopSecretStore } from './desktop-secrets';
import { createMainLog } from './main-log';
import { createMainWindow } from './main-window';
import { pickFolder, showAbout, showFailure } from './native-dialogs';
import { serveAppProtocol } from './app-protocol';
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

  async function openWorkspaceFromMenu(): Promise<void> {
    const path = await pickFolder(getWindow());
    if (!path) return;
    await core.openWorkspace(path).catch((error: unknown) => showFailure('Could not open the workspace', toErrorPayload(error).message));
  }

  function openWindow(): void {
    window = createMainWindow({ preloadPath: join(options.mainDir, '..', 'preload', 'index.cjs'), location, state: loadWindowState(appDataDir), dev });
    rememberWindowState(window, appDataDir, log);
    window.on('closed', () => (window = null));
  }

  installAppMenu({ openWorkspace: () => void openWorkspaceFromMenu(), showAbout: () => void showAbout(getWindow(), options.version) }, dev);
  // The window opens at once; the renderer learns of the workspace from workspaceChanged when it is ready.
  void core.openStartupWorkspace(process.env.FLEET_WORKSPACE || undefined).catch((error: unknown) => log('could not open a workspace at startup', error));
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
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
