// Where Fleet Control keeps app-local state when no Electron app-data path is given.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** FLEET_CONTROL_HOME, else $XDG_CONFIG_HOME/fleet-control, else ~/.config/fleet-control. */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLEET_CONTROL_HOME) return env.FLEET_CONTROL_HOME;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'fleet-control');
}

/** The app-data subfolder for one workspace (drafts, run records), named by a hash of its path. */
export function workspaceDataDir(appDataDir: string, workspacePath: string): string {
  const id = createHash('sha256').update(workspacePath).digest('hex').slice(0, 16);
  return join(appDataDir, 'workspaces', id);
}
