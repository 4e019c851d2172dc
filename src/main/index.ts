// Electron entry: one instance per app-data folder (FLEET_CONTROL_HOME overrides Electron's userData), then the desktop shell.

import { app } from 'electron';
import { version } from '../../package.json';
import { registerAppScheme } from './electron/app-protocol';
import { startDesktopApp } from './electron/desktop-app';
import { takeSecretsFromEnvironment } from './core/launcher/held-secrets';

// Keys given by environment variables are kept in memory only, so no child process inherits them.
takeSecretsFromEnvironment();

if (process.env.FLEET_CONTROL_HOME) app.setPath('userData', process.env.FLEET_CONTROL_HOME);
app.enableSandbox();
// Before ready: the renderer is served from app://fleet, a privileged standard scheme, instead of file://.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another window is already open on this app-data folder; it has been asked to come to the front.
  app.quit();
} else {
  app
    .whenReady()
    .then(() => startDesktopApp({ mainDir: __dirname, version }))
    .catch((error: unknown) => {
      console.error('Fleet Control could not start:', error);
      app.exit(1);
    });
}
