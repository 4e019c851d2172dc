// The native dialogs the shell uses: choosing a workspace folder, an error, and About.

import { dialog, type BrowserWindow } from 'electron';

/** Asks for a folder; null when the user cancels. */
export async function pickFolder(window: BrowserWindow | null): Promise<string | null> {
  const options = { title: 'Open Workspace', buttonLabel: 'Open', properties: ['openDirectory' as const] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Tells the user that something they asked for failed, in the words of the error's message. */
export function showFailure(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}

/** The About box: our version and the runtime's. */
export async function showAbout(window: BrowserWindow | null, version: string): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Fleet Control',
    message: `Fleet Control ${version}`,
    detail: `Electron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode ${process.versions.node}`,
  };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}
