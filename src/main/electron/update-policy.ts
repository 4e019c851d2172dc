// When the desktop app looks for updates and what it says about them: decided from facts main gathers, without
// Electron or electron-updater, so the rules are unit-tested. updater.ts applies them.

/** First check a while after start (the window and workspace come first), then every six hours. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdatePolicy = { enabled: true } | { enabled: false; reason: string };

export interface UpdateFacts {
  /** app.isPackaged: false under `npm start` and `electron-vite dev`. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** resources/app-update.yml exists: electron-builder writes it when the build has a publish feed. */
  hasFeed: boolean;
}

/** Whether this run looks for updates at all: never in development or unpackaged runs. */
export function updatePolicy(facts: UpdateFacts): UpdatePolicy {
  if (!facts.isPackaged) return { enabled: false, reason: 'not a packaged build (development or npm start)' };
  if (facts.env.FLEET_DISABLE_UPDATES) return { enabled: false, reason: 'FLEET_DISABLE_UPDATES is set' };
  if (!facts.hasFeed) return { enabled: false, reason: 'this build has no update feed (no app-update.yml)' };
  // A .deb would need root to replace itself: its users update through the package they installed.
  if (facts.platform === 'linux' && !facts.env.APPIMAGE) return { enabled: false, reason: 'only the AppImage updates itself on Linux' };
  return { enabled: true };
}

export type UpdateStatus = { state: 'idle' } | { state: 'checking' } | { state: 'downloading'; version: string } | { state: 'ready'; version: string };

/** The menu item for `status`: checking and downloading show as disabled progress, a ready update restarts into it. */
export function updateMenuItem(status: UpdateStatus): { label: string; enabled: boolean } {
  switch (status.state) {
    case 'idle':
      return { label: 'Check for Updates…', enabled: true };
    case 'checking':
      return { label: 'Checking for Updates…', enabled: false };
    case 'downloading':
      return { label: `Downloading Update ${status.version}…`, enabled: false };
    case 'ready':
      return { label: `Restart to Update to ${status.version}`, enabled: true };
  }
}

export type CheckOutcome = { available: false } | { available: true; version: string } | { error: string };

/** What a check the user asked for answers (automatic checks stay quiet until an update is downloaded). */
export function checkOutcomeMessage(currentVersion: string, outcome: CheckOutcome): { message: string; detail: string } {
  if ('error' in outcome) return { message: 'Could not check for updates', detail: outcome.error };
  if (!outcome.available) return { message: 'Fleet Control is up to date', detail: `Version ${currentVersion} is the newest version.` };
  return { message: `Fleet Control ${outcome.version} is available`, detail: 'It is downloading now; you will be told when it is ready to install.' };
}

/** The quiet notice once an update is downloaded: it installs when the app quits, or at once from the menu. */
export function readyNotice(version: string): { title: string; body: string } {
  return { title: `Fleet Control ${version} is ready`, body: 'It will be installed when you quit, or choose "Restart to Update" in the menu.' };
}
