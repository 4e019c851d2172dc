// The app a CLI command runs over: the core in this process, with the app-data folder of the user (or FLEET_CONTROL_HOME).

import { version } from '../../package.json';
import { createFleetApp, defaultAppDataDir, type FleetApp } from './core/app';
import { currentCommand, log } from './cli-io';

/**
 * 'serve': the app a browser uses (watches the repository, resumes batches a quit interrupted, each request its own
 * operation). 'command': one command's app (no watcher; `run` runs its own batch; the command is the one operation).
 */
export function newApp(use: 'serve' | 'command'): FleetApp {
  const serving = use === 'serve';
  const command = currentCommand();
  const oneOperation = serving || !command ? undefined : `fleet-control ${command}`;
  return createFleetApp({ appDataDir: defaultAppDataDir(), transport: 'browser', version, log, watch: serving, resumeBatches: serving, oneOperation });
}

/** Opens the repository's workspace, runs `body` over it, and disposes of the app whatever happens. */
export async function withWorkspace<T>(repo: string, body: (app: FleetApp) => Promise<T>): Promise<T> {
  const app = newApp('command');
  try {
    await app.openWorkspace(repo);
    return await body(app);
  } finally {
    await app.dispose();
  }
}
