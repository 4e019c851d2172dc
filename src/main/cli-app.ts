// The app a CLI command runs over: the core in this process, with the app-data folder of the user (or FLEET_CONTROL_HOME).

import { version } from '../../package.json';
import { createFleetApp, defaultAppDataDir, type FleetApp, type FleetAppOptions } from './core/app';
import { currentCommand, log } from './cli-io';

/**
 * 'serve': the app a browser uses (watches the repository, resumes batches a quit interrupted, each request its own
 * operation). 'command': one command's app (no watcher; `run` runs its own batch; the command is the one operation).
 */
/** What a command may hand the app it made earlier: the secret store it read, and the client its early requests wait in. */
export type CommandTuning = Pick<FleetAppOptions, 'secrets' | 'remotes'>;

export function newApp(use: 'serve' | 'command', tuning: CommandTuning = {}): FleetApp {
  const serving = use === 'serve';
  const command = currentCommand();
  const oneOperation = serving || !command ? undefined : `fleet-control ${command}`;
  return createFleetApp({ ...tuning, appDataDir: defaultAppDataDir(), transport: 'browser', version, log, watch: serving, resumeBatches: serving, oneOperation });
}

/** Opens the repository's workspace, runs `body` over it, and disposes of the app whatever happens. */
export async function withWorkspace<T>(repo: string, body: (app: FleetApp) => Promise<T>, tuning?: CommandTuning): Promise<T> {
  const app = newApp('command', tuning);
  try {
    await app.openWorkspace(repo);
    return await body(app);
  } finally {
    await app.dispose();
  }
}
