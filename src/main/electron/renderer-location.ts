// Where the window's page comes from (app://fleet/index.html served from the built renderer folder, or the dev
// server under `electron-vite dev`), and whether a URL is that page: the IPC sender check and the navigation guard ask.

import { join } from 'node:path';
import { APP_PAGE_URL, isAppPageUrl } from './app-origin';

export type RendererLocation = { kind: 'app'; rendererDir: string; url: string } | { kind: 'dev'; url: string; origin: string };

/** The built renderer next to out/main (served as app://fleet), or the dev server when running unpackaged with ELECTRON_RENDERER_URL. */
export function resolveRendererLocation(mainDir: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererLocation {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) {
    const parsed = new URL(devUrl);
    // Only a dev server on this machine may ever get the contract.
    if (parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
      return { kind: 'dev', url: parsed.href, origin: parsed.origin };
    }
  }
  return { kind: 'app', rendererDir: join(mainDir, '..', 'renderer'), url: APP_PAGE_URL };
}

/** True when `url` is our renderer page (any hash or query, since the app routes within one document). */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  if (location.kind === 'app') return isAppPageUrl(url);
  try {
    return new URL(url).origin === location.origin;
  } catch {
    return false;
  }
}
