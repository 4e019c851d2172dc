// Which repository paths are Fleet Control's own: the documents folder (module and workspace documents, the reports
// generated into it) and `.fleet/` (manifest, prices, prompts). Everything else is the project's code: a branch that
// changes only these paths changes no code.

/** The folder of the workspace's committed settings (manifest, prices, prompts). */
export const FLEET_SETTINGS_FOLDER = '.fleet';

/** The folders whose files Fleet Control writes or generates, for a workspace whose documents live in `docsFolder`. */
export function fleetFolders(docsFolder: string): string[] {
  return [docsFolder.replace(/\/+$/, ''), FLEET_SETTINGS_FOLDER];
}

/** True when `path` is one of Fleet Control's own files (documents, generated reports, settings), not code. */
export function isFleetPath(path: string, docsFolder: string): boolean {
  return fleetFolders(docsFolder).some((folder) => path === folder || path.startsWith(`${folder}/`));
}
