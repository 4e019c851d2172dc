// Updates from the build's feed (GitHub Releases unless electron-builder.yml's publish key says otherwise) through
// electron-updater: checked quietly after start and every six hours, downloaded in the background, a quiet notice when
// one is ready, installed on quit. Off in development and unpackaged runs (update-policy.ts), where electron-updater is
// never even loaded.

import { app, dialog, Notification, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MainLog } from './main-log';
import { CHECK_INTERVAL_MS, checkOutcomeMessage, FIRST_CHECK_DELAY_MS, readyNotice, updateMenuItem, updatePolicy, type CheckOutcome, type UpdateStatus } from './update-policy';

export interface DesktopUpdater {
  /** False where updates are off: the menu has no update item then. */
  readonly available: boolean;
  menuItem(): { label: string; enabled: boolean };
  /** The menu's action: check now and say the result, or restart into a downloaded update. */
  onMenuClick(): void;
  dispose(): void;
}

const OFF: DesktopUpdater = { available: false, menuItem: () => updateMenuItem({ state: 'idle' }), onMenuClick: () => undefined, dispose: () => undefined };

/** Starts the updater where the policy allows; `onChange` runs whenever the menu item's label changes. */
export async function startUpdater(options: { log: MainLog; getWindow: () => BrowserWindow | null; onChange: () => void }): Promise<DesktopUpdater> {
  const { log } = options;
  const policy = updatePolicy({ isPackaged: app.isPackaged, platform: process.platform, env: process.env, hasFeed: existsSync(join(process.resourcesPath, 'app-update.yml')) });
  if (!policy.enabled) {
    log(`updates are off: ${policy.reason}`);
    return OFF;
  }
  // electron-updater is CommonJS and defines autoUpdater as a getter, which import() only shows on the default export.
  const loaded = (await import('electron-updater')) as typeof import('electron-updater') & { default?: typeof import('electron-updater') };
  const { autoUpdater } = loaded.default ?? loaded;
  autoUpdater.logger = { info: (m?: unknown) => log(`updates: ${String(m)}`), warn: (m?: unknown) => log(`updates: ${String(m)}`), error: (m?: unknown) => log(`updates: ${String(m)}`) };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;

  let status: UpdateStatus = { state: 'idle' };
  const set = (next: UpdateStatus): void => {
    status = next;
    options.onChange();
  };
  autoUpdater.on('checking-for-update', () => set({ state: 'checking' }));
  autoUpdater.on('update-available', (info) => set({ state: 'downloading', version: info.version }));
  autoUpdater.on('update-not-available', () => set({ state: 'idle' }));
  autoUpdater.on('error', (error) => {
    log('updates: the check or download failed', error);
    if (status.state !== 'ready') set({ state: 'idle' });
  });
  autoUpdater.on('update-downloaded', (info) => {
    set({ state: 'ready', version: info.version });
    if (Notification.isSupported()) new Notification({ ...readyNotice(info.version), silent: true }).show();
  });

  const quietCheck = (): void => void autoUpdater.checkForUpdates().catch((error: unknown) => log('updates: the check failed', error));
  const first = setTimeout(quietCheck, FIRST_CHECK_DELAY_MS);
  const every = setInterval(quietCheck, CHECK_INTERVAL_MS);

  async function checkAndSay(): Promise<void> {
    let outcome: CheckOutcome;
    try {
      const result = await autoUpdater.checkForUpdates();
      outcome = result?.isUpdateAvailable ? { available: true, version: result.updateInfo.version } : { available: false };
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
    const text = checkOutcomeMessage(app.getVersion(), outcome);
    const window = options.getWindow();
    const box = { type: 'error' in outcome ? ('warning' as const) : ('info' as const), title: 'Updates', ...text };
    await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  }

  return {
    available: true,
    menuItem: () => updateMenuItem(status),
    onMenuClick: () => {
      if (status.state === 'ready') autoUpdater.quitAndInstall();
      else if (status.state === 'idle') void checkAndSay().catch((error: unknown) => log('updates: could not show the result', error));
    },
    dispose: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
