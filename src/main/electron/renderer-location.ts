// Where the window's page comes from (the built index.html, or the dev server under `electron-vite dev`),
// and whether a URL is that page: the IPC sender check and the navigation guard both ask.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'file'; path: string; url: string } | { kind: 'dev'; url: string; origin: string };

/** The built renderer next to out/main, or the dev server when running unpackaged with ELECTRON_RENDERER_URL. */
export function resolveRendererLocation(mainDir: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererLocation {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) {
    const parsed = new URL(devUrl);
    // Only a dev server on this machine may ever get the contract.
    if (parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
      return { kind: 'dev', url: parsed.href, origin: parsed.origin };
    }
  }
  const path = join(mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', path, url: pathToFileURL(path).href };
}

/** True when `url` is our renderer page (any hash or query, since the app routes within one document). */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === location.origin;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === location.url;
}
