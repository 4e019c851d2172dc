// The one application window: sandboxed, context-isolated, no Node in the page, shown once it has painted.

import { BrowserWindow, nativeTheme } from 'electron';
import type { RendererLocation } from './renderer-location';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state';

/** Creates the main window at its remembered place and loads the renderer. */
export function createMainWindow(options: { preloadPath: string; location: RendererLocation; state: WindowState | null; dev: boolean }): BrowserWindow {
  const { state } = options;
  const window = new BrowserWindow({
    ...(state ? state.bounds : { width: 1280, height: 820 }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Fleet Control',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171a' : '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.dev,
    },
  });
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  // app://fleet/index.html (served by app-protocol.ts) or the dev server: never file://.
  void window.loadURL(options.location.url);
  return window;
}
