// The app a CLI command runs over: the core in this process, with the app-data folder of the user (or FLEET_CONTROL_HOME).

import { version } from '../../package.json';
import { createFleetApp, defaultAppDataDir, type FleetApp } from './core/app';
import { log } from './cli-io';

/** `resumeBatches`: batches a quit interrupted resume by themselves (`serve` serves a user; `run` runs its own batch). */
export function newApp(watch: boolean, resumeBatches = false): FleetApp {
  return createFleetApp({ appDataDir: defaultAppDataDir(), transport: 'browser', version, log, watch, resumeBatches });
}

/** Opens the repository's workspace, runs `body` over it, and disposes of the app whatever happens. */
export async function withWorkspace<T>(repo: string, body: (app: FleetApp) => Promise<T>): Promise<T> {
  const app = newApp(false);
  try {
    await app.openWorkspace(repo);
    return await body(app);
  } finally {
    await app.dispose();
  }
}
