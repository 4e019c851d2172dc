// Where a workspace's temporary check checkouts live: `<work root>/checkouts/<workspace id>`, outside the app-data
// folder that holds keys and tokens, private to the user (0700), one folder per check, swept after a crash.

import { basename, join } from 'node:path';
import { workspaceDataDir } from '../paths';
import { PidFolders } from '../launcher/work-folders';

/** The checkout folders of the workspace at `workspacePath`, below the launcher's work root. */
export function checkoutFolders(workRoot: string, workspacePath: string): PidFolders {
  // The same id as the workspace's app-data folder, so the two are easy to match up.
  return new PidFolders(workRoot, join(workRoot, 'checkouts', basename(workspaceDataDir('', workspacePath))));
}

export type CheckoutFolders = PidFolders;
