// Navigation and new windows are blocked for every webContents the app ever creates; an https link
// the user clicks opens in the system browser instead.

import { app, shell, type WebContents } from 'electron';

/** Opens `url` in the system browser if it is https; anything else is dropped. */
function openExternalIfHttps(url: string, log: (message: string, error?: unknown) => void): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}`, error));
  } catch {
    // Not a URL at all: nothing to open.
  }
}

function guard(contents: WebContents, log: (message: string, error?: unknown) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfHttps(url, log);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url, log);
    return { action: 'deny' };
  });
}

/** Installs the guard on every webContents created from now on (call before the first window). */
export function installWebContentsGuard(log: (message: string, error?: unknown) => void): void {
  app.on('web-contents-created', (_event, contents) => guard(contents, log));
}
