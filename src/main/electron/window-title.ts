// What the window's title says: the open workspace's name (and its folder where the OS shows it), then the app.

import { basename } from 'node:path';
import type { WorkspaceSummary } from '../../shared/types';

export const APP_NAME = 'Fleet Control';

/** "fleetops — Fleet Control" with a workspace open, else the app's name alone. */
export function windowTitle(workspace: Pick<WorkspaceSummary, 'name' | 'path' | 'isDemo'> | null): string {
  if (!workspace) return APP_NAME;
  const name = workspace.name || basename(workspace.path);
  return `${name}${workspace.isDemo ? ' (demo)' : ''} — ${APP_NAME}`;
}
